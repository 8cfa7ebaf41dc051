package io.clothing.augmentation;

import io.clothing.api.StageParameters;
import java.util.random.RandomGenerator;

/**
 * A Keras {@code width_shift_range} or {@code height_shift_range} and the way Keras'
 * {@code get_random_transform} draws from it, which depends on how the range is written:
 * <ul>
 *   <li>a whole number {@code r} ({@code 3}): a whole number of pixels drawn uniformly from
 *       {@code 0 .. r - 1}, then given a random sign (numpy's {@code choice(r) * choice([-1, 1])}),
 *       so the shift lies in {@code [-(r - 1), r - 1]} and 0 comes up with probability 1/r;
 *   <li>a real number below 1 ({@code 0.08}): a fraction of the height or width, uniform in
 *       {@code [-r, r)} times the size;
 *   <li>a real number of 1 or more ({@code 2.5}): pixels, uniform in {@code [-r, r)}.
 * </ul>
 *
 * @param range the range as written, 0 for no shift
 * @param whole whether it was written as a whole number
 */
record ShiftRange(double range, boolean whole) {
  /** No shift. */
  static final ShiftRange NONE = new ShiftRange(0, false);

  /** A fraction of the size (below 1), as the seed notebook's {@code 0.08}. */
  static ShiftRange fraction(double range) {
    return new ShiftRange(range, false);
  }

  /** Reads {@code field} (at most 28 pixels or a fraction below 1), or {@code fallback}. */
  static ShiftRange read(StageParameters p, String field, ShiftRange fallback) {
    if (!p.has(field)) {
      return fallback;
    }
    return new ShiftRange(p.number(field, 0, 0, 28), p.isWholeNumber(field));
  }

  /** Draws a shift in pixels for an image dimension of {@code size} pixels. */
  double draw(int size, RandomGenerator random) {
    if (range == 0) {
      return 0;
    }
    if (whole) {
      int pixels = random.nextInt((int) range);
      return random.nextBoolean() ? pixels : -pixels;
    }
    double shift = random.nextDouble(-range, range);
    return range < 1 ? shift * size : shift;
  }
}
