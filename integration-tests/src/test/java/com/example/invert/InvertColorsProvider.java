package com.example.invert;

import io.clothing.api.Augmentation;
import io.clothing.api.AugmentationProvider;
import io.clothing.api.StageParameters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A team's own augmentation plugin, shipped outside the library: {@code invert_colors} turns an
 * image into its negative (within the image's own value range) with probability
 * {@code probability}. Declared in {@code META-INF/services/io.clothing.api.AugmentationProvider}.
 */
public final class InvertColorsProvider implements AugmentationProvider {
  /** Images this plugin has seen, so a test can tell that training used it. */
  public static final AtomicLong IMAGES = new AtomicLong();

  @Override
  public String name() {
    return "invert_colors";
  }

  @Override
  public Augmentation create(StageParameters parameters) {
    double probability = parameters.requireOnly("probability").number("probability", 0.5, 0, 1);
    return (source, sourceOffset, target, targetOffset, width, height, random) -> {
      IMAGES.incrementAndGet();
      boolean invert = random.nextDouble() < probability;
      float low = Float.POSITIVE_INFINITY;
      float high = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < width * height; i++) {
        low = Math.min(low, source[sourceOffset + i]);
        high = Math.max(high, source[sourceOffset + i]);
      }
      for (int i = 0; i < width * height; i++) {
        float v = source[sourceOffset + i];
        target[targetOffset + i] = invert ? high + low - v : v;
      }
    };
  }
}
