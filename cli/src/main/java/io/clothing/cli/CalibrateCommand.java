package io.clothing.cli;

import io.clothing.api.Reliability;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.tf.ModelMetadata;
import io.clothing.training.Calibration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clothing calibrate}: fit a trained model's calibration and "not sure" check. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit a model's temperature scaling and its \"not sure\" thresholds on the "
        + "validation split it was trained with (its recipe's seed and fraction), and save them "
        + "beside it as " + Reliability.FILE_NAME + ". clothing train does this itself; use it "
        + "for a model trained before."})
final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The model directory.")
  Path model;

  @Mixin DataOptions data;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainingRecipe recipe = ModelMetadata.read(model).recipe();
    FashionMnist.Data loaded = data.load(spec.commandLine().getErr());
    StratifiedSplit.Parts parts = StratifiedSplit.split(loaded.training(),
        recipe.validationFraction(), recipe.splitSeed());
    Reliability fitted = Calibration.calibrate(model, parts.training(), parts.validation(),
        recipe.seed());
    out.printf(Locale.ROOT, "Calibrated %s on %,d validation images: temperature %.3f, "
        + "\"not sure\" below confidence %.3f or beyond distance %.2f from the training "
        + "images%n", model, parts.validation().size(), fitted.temperature(),
        fitted.minConfidence(), fitted.maxDistance());
    out.flush();
    return 0;
  }
}
