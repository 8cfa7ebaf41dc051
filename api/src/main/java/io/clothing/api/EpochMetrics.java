package io.clothing.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One epoch's results. Losses are mean categorical cross-entropy (nats per image); accuracies are
 * fractions in [0, 1]. Validation values are NaN when the run has no validation split.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's batches (with augmentation and dropout)
 * @param trainAccuracy training accuracy over the epoch's batches
 * @param validationLoss loss on the validation split after the epoch, inference mode
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param learningRate the learning rate at the epoch's last step
 * @param seconds wall-clock seconds the epoch took, validation included
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double learningRate,
    double seconds) {

  /** The value of {@code metric} in this epoch. */
  public double value(MonitoredMetric metric) {
    return metric == MonitoredMetric.VAL_LOSS ? validationLoss : validationAccuracy;
  }
}
