package io.clothing.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.reporting.ClassificationReport;
import io.clothing.reporting.ReferenceMetrics;
import io.clothing.reporting.ReportInput;
import io.clothing.reporting.ReportWriter;
import io.clothing.tf.ModelMetadata;
import io.clothing.tf.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Evaluates a saved model on a labelled split and writes the report. */
final class Evaluation {
  private Evaluation() {}

  /** What an evaluation produced. */
  record Result(ClassificationReport report, List<Prediction> predictions, double seconds,
      ReportWriter.Written written) {}

  /** What to put in the report besides the evaluation. */
  record Context(ImageDataset training, Map<String, int[]> labelCounts, ReferenceMetrics reference,
      Map<String, String> timing) {}

  /** Predicts every image of {@code data} with {@code classifier}, timing it. */
  static List<Prediction> predict(Classifier classifier, ImageDataset data, double[] seconds) {
    long start = System.nanoTime();
    List<Prediction> predictions = classifier.predictAll(data);
    seconds[0] = (System.nanoTime() - start) / 1e9;
    return predictions;
  }

  /**
   * Evaluates the model in {@code modelDir} on {@code data}, writes the report into
   * {@code reportDir} and, if {@code recordInModel}, stores the metrics in the model's metadata.
   */
  static Result run(Path modelDir, String modelLabel, ImageDataset data, String split,
      Path reportDir, boolean recordInModel, Context context) {
    double[] seconds = new double[1];
    List<Prediction> predictions;
    try (Classifier classifier = Classifiers.load(modelDir)) {
      predictions = predict(classifier, data, seconds);
    }
    ModelMetadata metadata = ModelMetadata.read(modelDir);
    ReportInput.Builder input = ReportInput.builder("Clothing classifier: "
            + metadata.recipe().name() + " recipe")
        .evaluated(split, data, predictions)
        .modelSummary(Network.from(metadata.recipe().model()).summary())
        .recipe(metadata.recipe().toJson())
        .history(metadata.history())
        .samples(context.training() != null ? context.training() : data)
        .reference(context.reference())
        .seed(metadata.recipe().seed());
    context.labelCounts().forEach(input::labelCounts);
    context.timing().forEach(input::timing);
    input.timing("evaluation", String.format("%.1f s", seconds[0]));
    input.provenance(Map.of("model", modelLabel));
    input.provenance(metadata.provenance());
    ReportInput built = input.build();
    ReportWriter.Written written = ReportWriter.write(built, reportDir);
    if (recordInModel) {
      metadata.withMetrics(metrics(built.report(), split)).write(modelDir);
    }
    return new Result(built.report(), predictions, seconds[0], written);
  }

  /** The metrics stored in a model's metadata. */
  static ObjectNode metrics(ClassificationReport report, String split) {
    ObjectNode metrics = JsonNodeFactory.instance.objectNode();
    metrics.put("split", split);
    metrics.put(split + "_accuracy", report.accuracy());
    metrics.set("classification_report", report.json());
    return metrics;
  }

  /** Prints the classification report and where the report files are. */
  static void print(Result result, ImageDataset data, String split, PrintWriter out) {
    out.printf("%nClassification report on the %s set (%,d images, %.1f s):%n%n", split,
        data.size(), result.seconds());
    out.print(result.report().text());
    if (result.written().comparison() != null) {
      out.println();
      out.print(result.written().comparison().text());
    }
    out.printf("%nReport: %s%n", result.written().html().toAbsolutePath());
    out.flush();
  }

  /** The class counts of each split, for the label-distribution chart. */
  static Map<String, int[]> counts(ImageDataset training, ImageDataset validation,
      ImageDataset test) {
    java.util.LinkedHashMap<String, int[]> counts = new java.util.LinkedHashMap<>();
    if (training != null) {
      counts.put("training", training.classCounts());
    }
    if (validation != null) {
      counts.put("validation", validation.classCounts());
    }
    if (test != null) {
      counts.put("test", test.classCounts());
    }
    return counts;
  }
}
