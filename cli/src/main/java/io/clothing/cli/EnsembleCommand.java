package io.clothing.cli;

import io.clothing.api.InferenceSpec;
import io.clothing.tf.Ensembles;
import io.clothing.tf.ModelMetadata;
import io.clothing.tf.Network;
import io.clothing.tf.TensorFlowRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clothing ensemble}: combine trained models into one that averages their logits. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = {"Combine trained models into one model that averages their logits (the "
        + "normalised geometric mean of their probabilities), saved as an ordinary model "
        + "directory. The models must share their preprocessing: train them with different "
        + "seeds and one validation_seed. Then run clothing calibrate and clothing evaluate on "
        + "the result."})
final class EnsembleCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A member's model directory; give it 2 to " + Ensembles.MAX_MEMBERS
          + " times.")
  List<Path> members;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where to save the ensemble's model directory (replaced atomically).")
  Path out;

  @Option(names = "--name", defaultValue = "ensemble", paramLabel = "NAME",
      description = "The ensemble recipe's name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--flip-averaging", negatable = true, paramLabel = "BOOLEAN",
      description = "Average each image's and its mirror image's probabilities (default: as "
          + "the first member does).")
  Boolean flipAveraging;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    boolean flips = flipAveraging != null ? flipAveraging
        : ModelMetadata.read(members.get(0)).recipe().inference().averageHorizontalFlip();
    Path saved = Ensembles.combine(members, out, name, new InferenceSpec(flips),
        TensorFlowRuntime.forTraining());
    Network network = Network.from(ModelMetadata.read(saved).recipe().model());
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(Locale.ROOT, "Saved the ensemble of %d models to %s: %,d parameters, "
        + "%.1f MFLOP per image%s%n", members.size(), saved, network.totalParameters(),
        network.flopsPerImage() / 1e6, flips ? " (twice that with flip averaging)" : "");
    printer.flush();
    return 0;
  }
}
