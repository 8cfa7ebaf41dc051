package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/**
 * {@code random_crop}: pad the image by {@code padding} pixels on every side and crop a random
 * window of the original size (the standard augmentation of the strongest Fashion-MNIST results);
 * equivalently, shift by a whole number of pixels in [-padding, padding] on each axis. Padding is
 * filled per {@code fill} ({@code min}, the default, or {@code constant} with {@code value}).
 */
public final class RandomCropProvider extends NamedAugmentationProvider {
  /** Creates the provider. */
  public RandomCropProvider() {
    super("random_crop", p -> {
      p.requireOnly("padding", "fill", "value");
      return new Crop(p.integer("padding", 2, 1, 14), RegionFill.from(p, "min"));
    });
  }

  private record Crop(int padding, RegionFill fill) implements Augmentation {
    @Override
    public void apply(float[] source, int sourceOffset, float[] target, int targetOffset,
        int width, int height, RandomGenerator random) {
      int dy = random.nextInt(-padding, padding + 1);
      int dx = random.nextInt(-padding, padding + 1);
      float background = fill.valueFor(source, sourceOffset, width * height);
      for (int r = 0; r < height; r++) {
        int y = r + dy;
        for (int c = 0; c < width; c++) {
          int x = c + dx;
          target[targetOffset + r * width + c] = y >= 0 && y < height && x >= 0 && x < width
              ? source[sourceOffset + y * width + x] : background;
        }
      }
    }
  }
}
