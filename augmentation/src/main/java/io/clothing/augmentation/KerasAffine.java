package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/**
 * Keras' {@code ImageDataGenerator} geometry: per image, draw a rotation, height and width
 * shifts, a shear and two zoom factors, compose them into one affine transform about the image
 * centre in Keras' order (rotation, shift, shear, zoom), resample once with bilinear
 * interpolation, then flip. The same formulas as keras-preprocessing's
 * {@code get_random_transform} and {@code apply_affine_transform}:
 *
 * <pre>
 *   M = R(theta) . T(tx, ty) . Sh(shear) . Z(zx, zy)          (3x3, (row, column) coordinates)
 *   R = [[cos, -sin, 0], [sin, cos, 0]]   T = [[1, 0, tx], [0, 1, ty]]
 *   Sh = [[1, -sin(shear), 0], [0, cos(shear), 0]]   Z = [[zx, 0, 0], [0, zy, 0]]
 *   pull map = O . M . O^-1 with O a shift by (h/2 - 0.5, w/2 - 0.5)
 * </pre>
 *
 * Angles are in degrees (TF 2.x Keras; so the original notebook's {@code shear_range=0.3} is a
 * very small shear of at most 0.3 degrees). {@code tx} shifts rows (Keras' height shift) and
 * {@code ty} columns; a shift range below 1 is a fraction of the height or width, 1 or more a
 * whole number of pixels. A zoom factor above 1 pulls from a wider area, so the garment shrinks.
 *
 * <p>Immutable and thread-safe; {@link #apply} allocates nothing.
 */
final class KerasAffine implements Augmentation {
  private final double rotation;
  private final double widthShift;
  private final double heightShift;
  private final double shear;
  private final double zoomLow;
  private final double zoomHigh;
  private final boolean horizontalFlip;
  private final boolean verticalFlip;
  private final FillMode fill;
  private final float cval;

  KerasAffine(double rotation, double widthShift, double heightShift, double shear,
      double zoomLow, double zoomHigh, boolean horizontalFlip, boolean verticalFlip,
      FillMode fill, float cval) {
    this.rotation = rotation;
    this.widthShift = widthShift;
    this.heightShift = heightShift;
    this.shear = shear;
    this.zoomLow = zoomLow;
    this.zoomHigh = zoomHigh;
    this.horizontalFlip = horizontalFlip;
    this.verticalFlip = verticalFlip;
    this.fill = fill;
    this.cval = cval;
  }

  @Override
  public void apply(float[] source, int sourceOffset, float[] target, int targetOffset,
      int width, int height, RandomGenerator random) {
    double theta = rotation > 0 ? random.nextDouble(-rotation, rotation) : 0;
    double tx = shift(heightShift, height, random);
    double ty = shift(widthShift, width, random);
    double sh = shear > 0 ? random.nextDouble(-shear, shear) : 0;
    double zx = 1;
    double zy = 1;
    if (zoomLow != 1 || zoomHigh != 1) {
      zx = zoomLow == zoomHigh ? zoomLow : random.nextDouble(zoomLow, zoomHigh);
      zy = zoomLow == zoomHigh ? zoomLow : random.nextDouble(zoomLow, zoomHigh);
    }
    boolean flipH = horizontalFlip && random.nextDouble() < 0.5;
    boolean flipV = verticalFlip && random.nextDouble() < 0.5;
    transform(source, sourceOffset, target, targetOffset, width, height, theta, tx, ty, sh, zx,
        zy, flipH, flipV, fill, cval);
  }

  private static double shift(double range, int size, RandomGenerator random) {
    if (range <= 0) {
      return 0;
    }
    if (range < 1) {
      return random.nextDouble(-range, range) * size;
    }
    int pixels = (int) Math.floor(range);
    return random.nextInt(-pixels, pixels + 1);
  }

  /**
   * Applies one fully specified transform (degrees, pixels, zoom factors), as Keras'
   * {@code apply_transform}. Allocation-free.
   */
  static void transform(float[] source, int sourceOffset, float[] target, int targetOffset,
      int width, int height, double thetaDegrees, double tx, double ty, double shearDegrees,
      double zx, double zy, boolean flipH, boolean flipV, FillMode fill, float cval) {
    double t = Math.toRadians(thetaDegrees);
    double s = Math.toRadians(shearDegrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    // R . T
    double a = cos;
    double b = -sin;
    double e = cos * tx - sin * ty;
    double d = sin;
    double f = cos;
    double g = sin * tx + cos * ty;
    // . Sh: columns [1, 0], [-sin s, cos s]
    double b2 = a * -Math.sin(s) + b * Math.cos(s);
    double f2 = d * -Math.sin(s) + f * Math.cos(s);
    b = b2;
    f = f2;
    // . Z
    a *= zx;
    d *= zx;
    b *= zy;
    f *= zy;
    // O . M . O^-1
    double ox = height / 2.0 - 0.5;
    double oy = width / 2.0 - 0.5;
    double e2 = e + ox - a * ox - b * oy;
    double g2 = g + oy - d * ox - f * oy;
    double m0 = a;
    double m1 = b;
    double m3 = d;
    double m4 = f;
    for (int r = 0; r < height; r++) {
      int rr = flipV ? height - 1 - r : r;
      for (int c = 0; c < width; c++) {
        int cc = flipH ? width - 1 - c : c;
        target[targetOffset + r * width + c] = Bilinear.sample(source, sourceOffset, width,
            height, m0 * rr + m1 * cc + e2, m3 * rr + m4 * cc + g2, fill, cval);
      }
    }
  }
}
