package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.List;

/**
 * One fixed example of each Keras {@code ImageDataGenerator} parameter, with a label naming the
 * parameter, its value and which way it moves the garment, for {@code augment --each-parameter}
 * and the README: a user sees each direction at a glance. The directions are Keras' own (see
 * {@link KerasAffine}). Stateless and thread-safe.
 */
public final class KerasExamples {
  private KerasExamples() {}

  /**
   * One labelled transform.
   *
   * @param label the parameter and value, e.g. {@code "rotation +20°"}
   * @param effect what it does to the garment, e.g. {@code "counter-clockwise"}
   * @param augmentation applies exactly that transform (its random source is not used)
   */
  public record Example(String label, String effect, Augmentation augmentation) {}

  /** The examples, in Keras' order of composition, then the flips. */
  public static List<Example> each() {
    return List.of(
        example("rotation +20°", "counter-clockwise", 20, 0, 0, 0, 1, 1, false, false),
        example("rotation -20°", "clockwise", -20, 0, 0, 0, 1, 1, false, false),
        example("height shift +4 px", "left", 0, 4, 0, 0, 1, 1, false, false),
        example("width shift +4 px", "up", 0, 0, 4, 0, 1, 1, false, false),
        example("shear +30°", "slanted", 0, 0, 0, 30, 1, 1, false, false),
        example("zoom zx 0.7", "wider", 0, 0, 0, 0, 0.7, 1, false, false),
        example("zoom zy 0.7", "taller", 0, 0, 0, 0, 1, 0.7, false, false),
        example("zoom 1.3", "smaller", 0, 0, 0, 0, 1.3, 1.3, false, false),
        example("horizontal flip", "mirrored", 0, 0, 0, 0, 1, 1, true, false),
        example("vertical flip", "upside down", 0, 0, 0, 0, 1, 1, false, true));
  }

  private static Example example(String label, String effect, double theta, double tx, double ty, double shear,
      double zx, double zy, boolean flipH, boolean flipV) {
    return new Example(label, effect, (source, sourceOffset, target, targetOffset, width, height,
        random) -> KerasAffine.transform(source, sourceOffset, target, targetOffset, width,
            height, theta, tx, ty, shear, zx, zy, flipH, flipV, FillMode.CONSTANT, 0));
  }
}
