package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/** Mirrors an image left-right or top-bottom with a probability. Immutable, allocation-free. */
final class Flip implements Augmentation {
  private final boolean horizontal;
  private final double probability;

  Flip(boolean horizontal, double probability) {
    this.horizontal = horizontal;
    this.probability = probability;
  }

  @Override
  public void apply(float[] source, int sourceOffset, float[] target, int targetOffset,
      int width, int height, RandomGenerator random) {
    boolean flip = random.nextDouble() < probability;
    for (int r = 0; r < height; r++) {
      int fromRow = flip && !horizontal ? height - 1 - r : r;
      for (int c = 0; c < width; c++) {
        int fromCol = flip && horizontal ? width - 1 - c : c;
        target[targetOffset + r * width + c] = source[sourceOffset + fromRow * width + fromCol];
      }
    }
  }
}
