package io.clothing.api;

import java.util.random.RandomGenerator;

/**
 * One random image transform applied to training images only (rotation, flip, erasing...).
 *
 * <p>Implementations are immutable and thread-safe, take all their randomness from the generator
 * they are given (never from global state), and must not allocate in {@link #apply}: the pipeline
 * calls it for every training image of every epoch.
 */
public interface Augmentation {

  /**
   * Reads one image from {@code source} and writes its transformed version to {@code target}.
   * The two ranges never overlap.
   *
   * @param source input pixels, row-major, {@code width * height} floats from
   *     {@code sourceOffset}
   * @param target where the output goes, the same layout, from {@code targetOffset}
   * @param width image width in pixels
   * @param height image height in pixels
   * @param random this image's own generator, seeded from (recipe seed, epoch, image index)
   */
  void apply(
      float[] source,
      int sourceOffset,
      float[] target,
      int targetOffset,
      int width,
      int height,
      RandomGenerator random);
}
