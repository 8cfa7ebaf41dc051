package io.clothing.augmentation;

/**
 * Bilinear sampling at a real position with a fill mode for positions outside the image, as
 * {@code scipy.ndimage.affine_transform(order=1)} does for Keras (scipy 1.6 and later).
 * Allocation-free; stateless and thread-safe.
 */
final class Bilinear {
  private Bilinear() {}

  /** The bilinear value at real position (row {@code y}, column {@code x}). */
  static float sample(float[] src, int offset, int width, int height, double y, double x,
      FillMode fill, float cval) {
    if (fill == FillMode.CONSTANT && (y < 0 || y > height - 1 || x < 0 || x > width - 1)) {
      return cval;
    }
    y = fill.position(y, height);
    x = fill.position(x, width);
    int r0 = (int) Math.floor(y);
    int c0 = (int) Math.floor(x);
    double fy = y - r0;
    double fx = x - c0;
    int ra = fill.index(r0, height);
    int rb = fill.index(r0 + 1, height);
    int ca = fill.index(c0, width);
    int cb = fill.index(c0 + 1, width);
    double top = (1 - fx) * src[offset + ra * width + ca] + fx * src[offset + ra * width + cb];
    double bottom = (1 - fx) * src[offset + rb * width + ca] + fx * src[offset + rb * width + cb];
    return (float) ((1 - fy) * top + fy * bottom);
  }
}
