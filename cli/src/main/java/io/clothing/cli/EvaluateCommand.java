package io.clothing.cli;

import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.reporting.ReferenceMetrics;
import io.clothing.reporting.ReportWriter;
import io.clothing.tf.ModelMetadata;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing evaluate}: a model's classification report, confusion matrix and plots. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate a model on the official test set (or the validation split it was "
        + "trained with) and write the report.",
        "Exit code " + EvaluateCommand.FALLS_SHORT + " when --reference is given and the model "
            + "falls short of it."})
final class EvaluateCommand implements Callable<Integer> {
  /** Exit code of a model that falls short of the reference. */
  static final int FALLS_SHORT = 3;

  @Mixin ModelOption model;
  @Mixin DataOptions data;

  @Option(names = "--split", defaultValue = "test", paramLabel = "test|validation",
      description = "Which images: the official test set, or the validation split the model's "
          + "recipe held out (same fraction and seed). Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/evaluate",
      description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--json", description = "Print metrics.json instead of the text report.")
  boolean json;

  @Option(names = "--write-reference", paramLabel = "FILE",
      description = "Also write the measured metrics, at full precision, as a reference file "
          + "(tolerance 0) that this model must reproduce exactly.")
  Path writeReference;

  @Option(names = "--record", description = "Also store the measured metrics in the model's "
      + "metadata, as training does (for a model made by clothing ensemble, say).")
  boolean record;

  @Option(names = "--predictions", paramLabel = "FILE",
      description = "Also write one CSV row per image: index,true,predicted,p0,...,p9.")
  Path predictionsFile;

  @Option(names = "--reference", paramLabel = "FILE|seed|pretrained",
      description = "Compare with reference metrics (a JSON file; 'seed' for the original "
          + "notebook's table; 'pretrained' for the pretrained model's own test metrics) and "
          + "exit with " + FALLS_SHORT + " if the model falls short.")
  String reference;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!split.equals("test") && !split.equals("validation")) {
      throw new IllegalArgumentException("--split must be test or validation, got '" + split
          + "'");
    }
    for (Path output : new Path[] {predictionsFile, writeReference}) {
      if (output != null) {
        ReportWriter.requireWritable(output);
      }
    }
    ReferenceMetrics referenceMetrics = reference == null ? null
        : ReferenceMetrics.resolve(reference);
    Path modelDir = model.directory();
    ModelMetadata metadata = ModelMetadata.read(modelDir);
    FashionMnist.Data loaded = data.load(spec.commandLine().getErr());
    StratifiedSplit.Parts parts = StratifiedSplit.split(loaded.training(),
        metadata.recipe().validationFraction(), metadata.recipe().splitSeed());
    ImageDataset evaluated = split.equals("test") ? loaded.test() : parts.validation();

    Evaluation.Result result = Evaluation.run(modelDir, model.label(), evaluated, split, out,
        record, new Evaluation.Context(parts.training(),
            Evaluation.counts(parts.training(), parts.validation(), loaded.test()),
            referenceMetrics, Map.of()));
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      stdout.println(Files.readString(result.written().metrics()));
      stdout.flush();
    } else {
      stdout.printf("Model: %s%n", model.label());
      Evaluation.print(result, evaluated, split, stdout);
    }
    if (predictionsFile != null) {
      writePredictions(predictionsFile, evaluated, result.predictions());
    }
    if (writeReference != null) {
      ReferenceMetrics.exact(model.label() + " on the " + split + " set", split,
          result.report()).write(writeReference);
    }
    boolean fallsShort = result.written().comparison() != null
        && !result.written().comparison().passed();
    return fallsShort ? FALLS_SHORT : 0;
  }

  static void writePredictions(Path file, ImageDataset data, List<Prediction> predictions) {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("index,true,predicted");
      for (int c = 0; c < Garment.COUNT; c++) {
        w.write(",p" + c);
      }
      w.write('\n');
      for (int i = 0; i < predictions.size(); i++) {
        Prediction p = predictions.get(i);
        StringBuilder row = new StringBuilder().append(i).append(',')
            .append(data.labelIndex(i)).append(',').append(p.garment().index());
        for (float v : p.probabilities()) {
          row.append(',').append(v);
        }
        w.write(row.append('\n').toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
