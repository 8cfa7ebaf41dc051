package io.clothing.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.api.TrainingHistory;
import io.clothing.reporting.ClassificationReport;
import io.clothing.tf.ModelMetadata;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Evaluates a saved model on a labelled split and reports the results. */
final class Evaluation {
  private Evaluation() {}

  /** What an evaluation produced. */
  record Result(ClassificationReport report, List<Prediction> predictions, double seconds) {}

  /** Predicts every image of {@code data} with {@code classifier}. */
  static Result evaluate(Classifier classifier, ImageDataset data) {
    long start = System.nanoTime();
    List<Prediction> predictions = classifier.predictAll(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    int[] truth = new int[data.size()];
    int[] predicted = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      truth[i] = data.labelIndex(i);
      predicted[i] = predictions.get(i).garment().index();
    }
    return new Result(ClassificationReport.of(truth, predicted, Garment.displayNames()),
        predictions, seconds);
  }

  /**
   * Evaluates the model in {@code modelDir} on {@code data}, prints the classification report and,
   * if {@code recordInModel}, stores the metrics in the model's metadata.
   */
  static Result run(Path modelDir, ImageDataset data, String split, Path reportDir,
      PrintWriter out, boolean recordInModel, TrainingHistory history) {
    Result result;
    try (Classifier classifier = Classifiers.load(modelDir)) {
      result = evaluate(classifier, data);
    }
    out.printf("%nClassification report on the %s set (%,d images, %.1f s):%n%n", split,
        data.size(), result.seconds());
    out.print(result.report().text());
    out.flush();
    if (recordInModel) {
      ModelMetadata metadata = ModelMetadata.read(modelDir);
      metadata.withMetrics(metrics(result, split)).write(modelDir);
    }
    return result;
  }

  /** The metrics stored in a model's metadata. */
  static ObjectNode metrics(Result result, String split) {
    ObjectNode metrics = JsonNodeFactory.instance.objectNode();
    metrics.put("split", split);
    metrics.put(split + "_accuracy", result.report().accuracy());
    metrics.set("classification_report", result.report().json());
    return metrics;
  }
}
