package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/**
 * {@code random_erasing} (Zhong et al., 2017): with {@code probability} (default 0.5), erase a
 * rectangle whose area is a fraction of the image drawn from {@code area} (default
 * [0.02, 0.4]) and whose aspect ratio (height / width) is drawn log-uniformly from {@code aspect}
 * (default [0.3, 3.3]), retrying up to ten times for one that fits. The rectangle is filled with
 * uniform random values between the image's minimum and maximum ({@code "fill": "random"}, the
 * default) or with {@code value} ({@code "fill": "constant"}).
 */
public final class RandomErasingProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public RandomErasingProvider() {
    super("random_erasing", p -> {
      p.requireOnly("probability", "area", "aspect", "fill", "value");
      double[] area = p.range("area", new double[] {0.02, 0.4}, 1e-4, 1);
      double[] aspect = p.range("aspect", new double[] {0.3, 3.3}, 0.01, 100);
      return new Erasing(p.number("probability", 0.5, 0, 1), area[0], area[1],
          Math.log(aspect[0]), Math.log(aspect[1]),
          p.choice("fill", "random", "random", "constant").equals("random"),
          (float) p.number("value", 0, -1e6, 1e6));
    });
  }

  private record Erasing(double probability, double areaLow, double areaHigh, double logAspectLow,
      double logAspectHigh, boolean randomFill, float value) implements Augmentation {
    @Override
    public void apply(float[] source, int sourceOffset, float[] target, int targetOffset,
        int width, int height, RandomGenerator random) {
      System.arraycopy(source, sourceOffset, target, targetOffset, width * height);
      if (random.nextDouble() >= probability) {
        return;
      }
      float low = Float.POSITIVE_INFINITY;
      float high = Float.NEGATIVE_INFINITY;
      for (int i = sourceOffset; i < sourceOffset + width * height; i++) {
        low = Math.min(low, source[i]);
        high = Math.max(high, source[i]);
      }
      for (int attempt = 0; attempt < 10; attempt++) {
        double area = width * height * uniform(random, areaLow, areaHigh);
        double aspect = Math.exp(uniform(random, logAspectLow, logAspectHigh));
        int h = (int) Math.round(Math.sqrt(area * aspect));
        int w = (int) Math.round(Math.sqrt(area / aspect));
        if (h < 1 || w < 1 || h >= height || w >= width) {
          continue;
        }
        int top = random.nextInt(height - h + 1);
        int left = random.nextInt(width - w + 1);
        for (int r = top; r < top + h; r++) {
          for (int c = left; c < left + w; c++) {
            target[targetOffset + r * width + c] = randomFill
                ? low + (high - low) * random.nextFloat() : value;
          }
        }
        return;
      }
    }

    private static double uniform(RandomGenerator random, double low, double high) {
      return low == high ? low : random.nextDouble(low, high);
    }
  }
}
