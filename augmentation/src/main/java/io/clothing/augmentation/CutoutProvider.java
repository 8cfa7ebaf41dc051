package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/**
 * {@code cutout} (DeVries and Taylor, 2017): with {@code probability} (default 1), blank a
 * {@code size} x {@code size} square (default 8) centred on a uniformly drawn pixel, clipped at
 * the image's edges, filled per {@code fill} ({@code min}, the default, or {@code constant} with
 * {@code value}).
 */
public final class CutoutProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public CutoutProvider() {
    super("cutout", p -> {
      p.requireOnly("size", "probability", "fill", "value");
      return new Cutout(p.integer("size", 8, 1, 28), p.number("probability", 1, 0, 1),
          RegionFill.from(p, "min"));
    });
  }

  private record Cutout(int size, double probability, RegionFill fill) implements Augmentation {
    @Override
    public void apply(float[] source, int sourceOffset, float[] target, int targetOffset,
        int width, int height, RandomGenerator random) {
      System.arraycopy(source, sourceOffset, target, targetOffset, width * height);
      if (random.nextDouble() >= probability) {
        return;
      }
      float value = fill.valueFor(source, sourceOffset, width * height);
      int cy = random.nextInt(height);
      int cx = random.nextInt(width);
      for (int r = Math.max(0, cy - size / 2); r < Math.min(height, cy - size / 2 + size); r++) {
        for (int c = Math.max(0, cx - size / 2); c < Math.min(width, cx - size / 2 + size); c++) {
          target[targetOffset + r * width + c] = value;
        }
      }
    }
  }
}
