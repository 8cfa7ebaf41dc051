package io.clothing.api.testing;

import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;

/** A data set a model learns in a few steps, for tests that train. */
public final class BarImages {
  private BarImages() {}

  /**
   * {@code perClass} images of each class; class k has a bright horizontal bar ({@code bar}) at
   * row 2k + 3 on noise up to {@code noise}, drawn from {@code seed}.
   */
  public static ImageDataset learnable(int perClass, long seed, int bar, int noise) {
    int n = perClass * 10;
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    SeededRandom random = new SeededRandom(seed);
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 784; p++) {
        int value = p / 28 == (i % 10) * 2 + 3 ? bar : 0;
        pixels[i * 784 + p] = (byte) (value + random.nextInt(noise));
      }
    }
    return ImageDataset.of(pixels, labels);
  }

  /** {@link #learnable(int, long, int, int)} with a bar of 180 on noise up to 60. */
  public static ImageDataset learnable(int perClass, long seed) {
    return learnable(perClass, seed, 180, 60);
  }
}
