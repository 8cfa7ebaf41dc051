package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The per-epoch results of a training run, in epoch order, as Keras' {@code History}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainingHistory {
  private final List<EpochMetrics> epochs;

  private TrainingHistory(List<EpochMetrics> epochs) {
    this.epochs = epochs;
  }

  /** A history of the given epochs, which must be numbered 1, 2, 3... in order. */
  @JsonCreator
  public static TrainingHistory of(List<EpochMetrics> epochs) {
    for (int i = 0; i < epochs.size(); i++) {
      if (epochs.get(i).epoch() != i + 1) {
        throw new IllegalArgumentException(
            "epoch " + (i + 1) + " is numbered " + epochs.get(i).epoch());
      }
    }
    return new TrainingHistory(List.copyOf(epochs));
  }

  /** The history with {@code next} appended. */
  public TrainingHistory plus(EpochMetrics next) {
    List<EpochMetrics> all = new java.util.ArrayList<>(epochs);
    all.add(next);
    return of(all);
  }

  /** The epochs in order; unmodifiable, never null. */
  @JsonValue
  public List<EpochMetrics> epochs() {
    return epochs;
  }

  /**
   * The last epoch trained.
   *
   * @throws java.util.NoSuchElementException if no epoch was trained
   */
  public EpochMetrics last() {
    if (epochs.isEmpty()) {
      throw new java.util.NoSuchElementException("no epoch was trained");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** The epoch that was best by {@code metric} (the first, on ties), if any. */
  public Optional<EpochMetrics> best(MonitoredMetric metric) {
    EpochMetrics best = null;
    for (EpochMetrics e : epochs) {
      double v = e.value(metric);
      if (Double.isNaN(v)) {
        continue;
      }
      boolean better = best == null
          || (metric == MonitoredMetric.VAL_LOSS ? v < best.value(metric) : v > best.value(metric));
      if (better) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrainingHistory that && epochs.equals(that.epochs);
  }

  @Override
  public int hashCode() {
    return epochs.hashCode();
  }

  @Override
  public String toString() {
    return "TrainingHistory" + epochs;
  }
}
