package io.clothing.training;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.DistillationSpec;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import java.nio.file.Path;
import java.util.List;

/**
 * The training targets of a distilled recipe: for each training image, the teacher's share of
 * its (calibrated) probabilities for the image plus the rest on the true label. Stateless.
 */
final class Distillation {
  private Distillation() {}

  /**
   * The targets for every image of {@code training}, 10 floats per image in row order.
   *
   * @throws io.clothing.api.ModelException if the teacher cannot be loaded
   */
  static float[] targets(DistillationSpec spec, ImageDataset training) {
    List<Prediction> taught;
    try (Classifier teacher = Classifiers.load(Path.of(spec.teacher()))) {
      taught = teacher.predictAll(training);
    }
    float share = (float) spec.weight();
    float[] targets = new float[training.size() * Garment.COUNT];
    for (int i = 0; i < training.size(); i++) {
      float[] p = taught.get(i).probabilities();
      int base = i * Garment.COUNT;
      for (int k = 0; k < Garment.COUNT; k++) {
        targets[base + k] = share * p[k];
      }
      targets[base + training.labelIndex(i)] += 1 - share;
    }
    return targets;
  }
}
