package io.clothing.augmentation;

import io.clothing.api.Augmentation;
import java.util.random.RandomGenerator;

/**
 * Keras' {@code ImageDataGenerator} geometry, as in Keras 3's legacy
 * {@code keras/src/legacy/preprocessing/image.py} (the same code as Keras 2.9 to 2.15's
 * {@code keras/preprocessing/image.py}): per image, draw a rotation, a height and a width shift,
 * a shear and two zoom factors in {@code get_random_transform}'s order, compose them into one
 * affine map in {@code apply_affine_transform}'s order (rotation, shift, shear, zoom), resample
 * once with bilinear interpolation as {@code scipy.ndimage.affine_transform(order=1)} does, then
 * flip.
 *
 * <p>Keras builds the matrix for (x, y) coordinates and then swaps rows and columns before
 * handing it to scipy, which indexes (row, column). The visible effect, for a square image:
 * <ul>
 *   <li>{@code theta} (degrees): a positive angle turns the garment counter-clockwise as displayed
 *       (row 0 at the top);
 *   <li>{@code tx}, drawn from {@code height_shift_range}, moves the garment along the columns
 *       (a positive value moves it left), and {@code ty}, drawn from {@code width_shift_range},
 *       along the rows (a positive value moves it up): Keras' names and axes, kept as they are
 *       so that recipes written for Keras behave the same;
 *   <li>{@code shear} (degrees) slants along the columns; {@code zx} scales the columns and
 *       {@code zy} the rows; a factor above 1 samples a wider area, so the garment shrinks.
 * </ul>
 * The centre is at {@code (h / 2 - 0.5, w / 2 - 0.5)}, also taken in Keras' order (the height's
 * half goes with the column coordinate, which only matters for images that are not square).
 * Shift ranges follow {@link ShiftRange}; fill modes follow scipy's, see {@link FillMode}.
 *
 * <p>Immutable and thread-safe; {@link #apply} allocates nothing.
 */
final class KerasAffine implements Augmentation {
  private final double rotation;
  private final ShiftRange widthShift;
  private final ShiftRange heightShift;
  private final double shear;
  private final double zoomLow;
  private final double zoomHigh;
  private final boolean horizontalFlip;
  private final boolean verticalFlip;
  private final FillMode fill;
  private final float cval;

  KerasAffine(double rotation, ShiftRange widthShift, ShiftRange heightShift, double shear,
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
    double tx = heightShift.draw(height, random);
    double ty = widthShift.draw(width, random);
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

  /**
   * Applies one fully specified transform with Keras' {@code apply_transform} parameters
   * (degrees, pixels, zoom factors), then the flips. Allocation-free.
   */
  static void transform(float[] source, int sourceOffset, float[] target, int targetOffset,
      int width, int height, double thetaDegrees, double tx, double ty, double shearDegrees,
      double zx, double zy, boolean flipH, boolean flipV, FillMode fill, float cval) {
    double t = Math.toRadians(thetaDegrees);
    double s = Math.toRadians(shearDegrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    // M = R(theta) . T(tx, ty) . Sh(shear) . Z(zx, zy) on Keras' (x, y) = (u, v) coordinates:
    // u' = a u + b v + e, v' = d u + f v + g.
    double a = cos;
    double b = -sin;
    double e = cos * tx + -sin * ty;
    double d = sin;
    double f = cos;
    double g = sin * tx + cos * ty;
    double shearedB = a * -Math.sin(s) + b * Math.cos(s);
    double shearedF = d * -Math.sin(s) + f * Math.cos(s);
    a *= zx;
    d *= zx;
    b = shearedB * zy;
    f = shearedF * zy;
    // About the centre: O . M . O^-1, with Keras' o_x = h / 2 - 0.5 on u and o_y = w / 2 - 0.5 on v.
    double ox = height / 2.0 - 0.5;
    double oy = width / 2.0 - 0.5;
    double e2 = (a * -ox + b * -oy) + (e + ox);
    double g2 = (d * -ox + f * -oy) + (g + oy);
    // Keras swaps the axes for scipy: u is the column and v the row, so
    // source row = f . row + d . col + g2 and source column = b . row + a . col + e2.
    for (int r = 0; r < height; r++) {
      int rr = flipV ? height - 1 - r : r;
      for (int c = 0; c < width; c++) {
        int cc = flipH ? width - 1 - c : c;
        target[targetOffset + r * width + c] = Bilinear.sample(source, sourceOffset, width,
            height, f * rr + d * cc + g2, b * rr + a * cc + e2, fill, cval);
      }
    }
  }
}
