package io.clothing.training;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelException;
import io.clothing.api.Prediction;
import io.clothing.api.Reliability;
import io.clothing.api.RequestBatching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Fits a trained model's {@link Reliability} (temperature and "not sure" thresholds) on its
 * validation split and saves it beside the model, where every later load uses it.
 *
 * <p>Stateless and thread-safe; do not calibrate one model directory from two threads at once.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * Calibrates the model in {@code modelDir}.
   *
   * @param training the images it was trained on (for the input check's principal components)
   * @param validation images it was not trained on, with labels
   * @param seed the seed of the principal components' sample
   * @return what was fitted and written
   * @throws ModelException if the model cannot be loaded or the file written
   */
  public static Reliability calibrate(Path modelDir, ImageDataset training,
      ImageDataset validation, long seed) {
    Path file = modelDir.resolve(Reliability.FILE_NAME);
    Path previous = modelDir.resolve(Reliability.FILE_NAME + ".previous");
    try {
      // the fit needs the model's own probabilities: set an earlier calibration aside
      if (Files.exists(file)) {
        Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
      }
      List<Prediction> predictions;
      try (Classifier classifier = Classifiers.load(modelDir, RequestBatching.off())) {
        predictions = classifier.predictAll(validation);
      }
      Reliability fitted = Reliability.fit(training, validation,
          predictions.stream().map(Prediction::probabilities).toList(), seed);
      fitted.write(modelDir);
      Files.deleteIfExists(previous);
      return fitted;
    } catch (IOException e) {
      throw new ModelException("cannot calibrate " + modelDir + ": " + e, e);
    } finally {
      try {
        if (Files.exists(previous) && !Files.exists(file)) {
          Files.move(previous, file);
        }
      } catch (IOException e) {
        // the model still loads, without calibration
      }
    }
  }
}
