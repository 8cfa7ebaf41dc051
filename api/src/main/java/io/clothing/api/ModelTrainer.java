package io.clothing.api;

import java.nio.file.Path;

/**
 * Service interface of a backend that trains models from a {@link TrainingRecipe}, found with
 * {@link java.util.ServiceLoader} (declare it in
 * {@code META-INF/services/io.clothing.api.ModelTrainer}). The trainer only sees batches, through
 * {@link EpochBatches}; preprocessing and augmentation happen in the pipeline that fills them.
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface ModelTrainer {

  /** A short unique name such as {@code "tensorflow"}; never null. */
  String name();

  /**
   * Trains a model and saves it.
   *
   * @param job what to train on and where to write; never null
   * @param listener progress callbacks; never null
   * @param stop this run's stop signal: when requested (from any thread) the trainer stops after
   *     its current batch, saves a checkpoint that a later job with {@code resume} continues
   *     exactly, and returns normally with the history so far; never null
   * @return the history and the saved model's directory; never null
   * @throws RecipeException if the recipe's model or optimizer is not supported
   */
  TrainingResult train(TrainingJob job, TrainingListener listener, StopSignal stop);

  /** Trains to the end: {@link #train(TrainingJob, TrainingListener, StopSignal)} unstopped. */
  default TrainingResult train(TrainingJob job, TrainingListener listener) {
    return train(job, listener, new StopSignal());
  }

  /**
   * What to train.
   *
   * @param recipe the recipe; never null
   * @param training training batches (preprocessed and augmented); never null
   * @param validation validation batches (preprocessed only); may be null for none
   * @param preprocessing the fitted stages, saved with the model; never null
   * @param workDir where checkpoints go; a previous run's checkpoint there is continued when
   *     {@code resume} is set
   * @param modelDir where the trained model is saved (atomically)
   * @param resume continue from the checkpoint in {@code workDir}
   * @param provenance facts saved with the model (data-set checksums, say); never null
   */
  record TrainingJob(
      TrainingRecipe recipe,
      EpochBatches training,
      EpochBatches validation,
      java.util.List<PreprocessingStage> preprocessing,
      Path workDir,
      Path modelDir,
      boolean resume,
      java.util.Map<String, String> provenance) {

    /** Copies the list and the map, so that the job cannot change under the trainer. */
    public TrainingJob {
      preprocessing = java.util.List.copyOf(preprocessing);
      provenance = java.util.Collections.unmodifiableMap(
          new java.util.LinkedHashMap<>(provenance));
    }
  }

  /**
   * What training produced.
   *
   * @param history per-epoch results; never null
   * @param modelDir the saved model; null if training stopped early on request
   * @param stopped whether training stopped on request before the last epoch (resumable)
   */
  record TrainingResult(TrainingHistory history, Path modelDir, boolean stopped) {}
}
