package io.clothing.augmentation;

import io.clothing.api.StageParameters;

/**
 * {@code image_data_generator}: Keras' {@code ImageDataGenerator} geometry in one stage, one
 * composed resampling per image (see {@link KerasAffine}). Parameters, as in Keras:
 * {@code rotation_range} (degrees), {@code width_shift_range}, {@code height_shift_range},
 * {@code shear_range} (degrees), {@code zoom_range} (z or [low, high]), {@code horizontal_flip},
 * {@code vertical_flip}, {@code fill_mode} and {@code cval}. {@code "preset": "seed"} starts from
 * the original notebook's configuration (rotation 8, zoom 0.1, shear 0.3, width and height shift
 * 0.08, vertical flip), which other parameters then override.
 */
public final class ImageDataGeneratorProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public ImageDataGeneratorProvider() {
    super("image_data_generator", ImageDataGeneratorProvider::affine);
  }

  private static KerasAffine affine(StageParameters p) {
    p.requireOnly("preset", "rotation_range", "width_shift_range", "height_shift_range",
        "shear_range", "zoom_range", "horizontal_flip", "vertical_flip", "fill_mode", "cval");
    boolean seed = p.choice("preset", "none", "none", "seed").equals("seed");
    double[] zoom = p.has("zoom_range") ? zoom(p, "zoom_range")
        : seed ? new double[] {0.9, 1.1} : new double[] {1, 1};
    return new KerasAffine(
        p.number("rotation_range", seed ? 8 : 0, 0, 180),
        ShiftRange.read(p, "width_shift_range", seed ? ShiftRange.fraction(0.08) : ShiftRange.NONE),
        ShiftRange.read(p, "height_shift_range", seed ? ShiftRange.fraction(0.08) : ShiftRange.NONE),
        p.number("shear_range", seed ? 0.3 : 0, 0, 89),
        zoom[0], zoom[1],
        p.bool("horizontal_flip", false),
        p.bool("vertical_flip", seed),
        fill(p), cval(p));
  }
}
