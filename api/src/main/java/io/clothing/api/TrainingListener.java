package io.clothing.api;

/**
 * Callbacks from a training run (progress bars, logs, custom stopping). Methods are called on the
 * training thread, in order, and should return quickly; the defaults do nothing.
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** After every training batch. */
  default void onBatchEnd(BatchProgress progress) {}

  /** After every epoch, once validation has run. */
  default void onEpochEnd(EpochMetrics metrics) {}
}
