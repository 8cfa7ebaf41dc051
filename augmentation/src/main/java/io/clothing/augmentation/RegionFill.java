package io.clothing.augmentation;

import io.clothing.api.StageParameters;

/**
 * What fills padding or erased regions: {@code min} (the image's smallest value: the black
 * background of a Fashion-MNIST image, whatever the normalization) or {@code constant}
 * ({@code value}, in the pipeline's units).
 */
record RegionFill(boolean minimum, float value) {

  static RegionFill from(StageParameters p, String defaultMode) {
    boolean min = p.choice("fill", defaultMode, "min", "constant").equals("min");
    return new RegionFill(min, (float) p.number("value", 0, -1e6, 1e6));
  }

  /** The fill value for the image at {@code offset}. */
  float valueFor(float[] image, int offset, int length) {
    if (!minimum) {
      return value;
    }
    float min = Float.POSITIVE_INFINITY;
    for (int i = offset; i < offset + length; i++) {
      min = Math.min(min, image[i]);
    }
    return min;
  }
}
