package io.clothing.training;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ClothingException;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelDirectories;
import io.clothing.api.Prediction;
import io.clothing.api.TrainingHistory;
import io.clothing.api.TrainingRecipe;
import io.clothing.reporting.ClassificationReport;
import io.clothing.reporting.ReferenceMetrics;
import io.clothing.reporting.ReportInput;
import io.clothing.reporting.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TrainingRun} produced: the per-epoch history and, unless the run was stopped,
 * the trained model, ready to {@link #classifier() predict with}, {@link #save(Path) save} and
 * {@link #evaluate(ImageDataset) evaluate}. Closing it closes the classifier it opened.
 *
 * <p>Thread-safe.
 */
public final class TrainingResult implements AutoCloseable {
  private final TrainingRecipe recipe;
  private final TrainingHistory history;
  private final Path modelDirectory;
  private final boolean stopped;
  private final ImageDataset trainingSet;
  private final ImageDataset validationSet;
  private Classifier classifier;
  private boolean closed;

  TrainingResult(TrainingRecipe recipe, TrainingHistory history, Path modelDirectory,
      boolean stopped, ImageDataset trainingSet, ImageDataset validationSet) {
    this.recipe = recipe;
    this.history = history;
    this.modelDirectory = modelDirectory;
    this.stopped = stopped;
    this.trainingSet = trainingSet;
    this.validationSet = validationSet;
  }

  /** The recipe trained; never null. */
  public TrainingRecipe recipe() {
    return recipe;
  }

  /** Loss, accuracy, learning rate and time of every epoch trained; never null. */
  public TrainingHistory history() {
    return history;
  }

  /**
   * Whether the run was stopped before its last epoch: then there is no model, and the
   * checkpoint in the output directory continues with {@code resume(true)}.
   */
  public boolean stopped() {
    return stopped;
  }

  /** The images trained on (what the validation split left); never null. */
  public ImageDataset trainingSet() {
    return trainingSet;
  }

  /** The images validated on after each epoch; empty for none, never null. */
  public ImageDataset validationSet() {
    return validationSet;
  }

  /**
   * The trained model's directory, which {@link Classifiers#load(Path)} reads.
   *
   * @throws IllegalStateException if the run was stopped
   */
  public Path modelDirectory() {
    requireModel();
    return modelDirectory;
  }

  /**
   * The trained model as a classifier (loaded once, with request batching), closed with this
   * result.
   *
   * @throws IllegalStateException if the run was stopped, or this result is closed
   */
  public synchronized Classifier classifier() {
    requireModel();
    if (closed) {
      throw new IllegalStateException("this training result is closed");
    }
    if (classifier == null) {
      classifier = Classifiers.load(modelDirectory);
    }
    return classifier;
  }

  /**
   * Copies the trained model to {@code target} atomically: a reader sees the old directory or
   * the complete new one, never a mix; an existing model there is replaced.
   *
   * @throws IllegalStateException if the run was stopped
   * @throws ClothingException if it cannot be written
   */
  public void save(Path target) {
    requireModel();
    Path staging = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ModelDirectories.recover(target);
      staging = ModelDirectories.stage(target);
      // publish moves staging/model
      ModelDirectories.copyTree(modelDirectory, staging.resolve("model"));
      ModelDirectories.publish(staging, target);
    } catch (IOException e) {
      throw new ClothingException("cannot save the model to " + target + ": " + e, e);
    } finally {
      if (staging != null) {
        ModelDirectories.deleteTree(staging);
      }
    }
  }

  /**
   * Classifies every image of {@code testSet} with the trained model and compares with its
   * labels.
   *
   * @throws IllegalStateException if the run was stopped
   */
  public Evaluation evaluate(ImageDataset testSet) {
    List<Prediction> predictions = classifier().predictAll(testSet);
    int[] truth = new int[testSet.size()];
    int[] predicted = new int[testSet.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = testSet.labelIndex(i);
      predicted[i] = predictions.get(i).garment().index();
    }
    return new Evaluation(ClassificationReport.of(truth, predicted, Garment.displayNames()),
        predictions);
  }

  /**
   * Evaluates the model on {@code testSet} and writes the full report into {@code directory}:
   * the HTML report (samples, label distribution, training curves, classification report,
   * confusion matrix, predictions, mistakes, F1 per class, reliability diagram, comparison with
   * the original notebook's table), the PNG charts, the text reports and {@code metrics.json}.
   *
   * @return the files written
   * @throws IllegalStateException if the run was stopped
   * @throws java.io.UncheckedIOException if the report cannot be written
   */
  public ReportWriter.Written report(ImageDataset testSet, Path directory) {
    Evaluation evaluation = evaluate(testSet);
    ReportInput input = ReportInput.builder("Clothing Type Classifier: " + recipe.name())
        .evaluated("test", testSet, evaluation.predictions())
        .recipe(recipe.toJson())
        .history(history)
        .samples(trainingSet)
        .labelCounts("training", trainingSet.classCounts())
        .reference(ReferenceMetrics.seed())
        .seed(recipe.seed())
        .build();
    return ReportWriter.write(input, directory);
  }

  private void requireModel() {
    if (stopped || modelDirectory == null) {
      throw new IllegalStateException("the run was stopped before its last epoch, so there is "
          + "no model yet; continue it with resume(true)");
    }
  }

  /** Closes the classifier, if one was opened. */
  @Override
  public synchronized void close() {
    closed = true;
    if (classifier != null) {
      classifier.close();
      classifier = null;
    }
  }
}
