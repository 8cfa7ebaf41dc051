package io.clothing.training;

import io.clothing.api.Prediction;
import io.clothing.reporting.ClassificationReport;
import io.clothing.reporting.ConfusionMatrix;
import java.util.List;

/**
 * A trained model's results on a labelled test set.
 *
 * @param report precision, recall and F1 per class, accuracy and averages; never null
 * @param predictions the prediction for every test image, in order; never null
 */
public record Evaluation(ClassificationReport report, List<Prediction> predictions) {
  /** Copies the list. */
  public Evaluation {
    predictions = List.copyOf(predictions);
  }

  /** Share of test images classified right. */
  public double accuracy() {
    return report.accuracy();
  }

  /** Counts of true class by predicted class. */
  public ConfusionMatrix confusionMatrix() {
    return report.confusionMatrix();
  }
}
