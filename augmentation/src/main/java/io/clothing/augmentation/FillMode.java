package io.clothing.augmentation;

/**
 * How positions outside the image are filled, as Keras asks {@code scipy.ndimage} to (its
 * {@code mode} argument, scipy 1.6 and later). For an input row {@code a b c d} of n pixels:
 * <ul>
 *   <li>{@code nearest}: {@code a a a a | a b c d | d d d d} (Keras' default);
 *   <li>{@code constant}: {@code k k k k | a b c d | k k k k} with {@code k = cval}; every
 *       position strictly outside {@code [0, n - 1]} is {@code k}, with no blending at the edge;
 *   <li>{@code reflect}: {@code d c b a | a b c d | d c b a} (the edge pixel repeated);
 *   <li>{@code wrap}: scipy's {@code wrap}, which repeats with period {@code n - 1}: the first
 *       and last pixels overlap, so the row continues {@code ... | a b c d | b c d | b c d ...}
 *       read from position 0, not {@code a b c d | a b c d} (that is scipy's
 *       {@code grid-wrap}, which Keras does not use).
 * </ul>
 */
public enum FillMode {
  /** Repeat the edge pixel. */
  NEAREST,
  /** A constant value. */
  CONSTANT,
  /** Mirror at the edge, the edge pixel repeated. */
  REFLECT,
  /** Tile the image with period n - 1, as scipy's {@code wrap}. */
  WRAP;

  /** The names recipes use. */
  static final String[] IDS = {"nearest", "constant", "reflect", "wrap"};

  static FillMode of(String id) {
    return valueOf(id.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Maps a real position that may lie outside {@code [0, n - 1]} into it before interpolation,
   * as scipy's {@code map_coordinate} does for {@link #WRAP} and {@link #NEAREST}; the other
   * modes keep the position and map the neighbouring pixel indices instead.
   */
  double position(double x, int n) {
    if (x >= 0 && x <= n - 1) {
      return x;
    }
    if (n <= 1) {
      return 0;
    }
    return switch (this) {
      case NEAREST -> x < 0 ? 0 : n - 1;
      case WRAP -> {
        int period = n - 1;
        yield x < 0 ? x + period * ((long) (-x / period) + 1) : x - period * (long) (x / period);
      }
      case CONSTANT, REFLECT -> x;
    };
  }

  /** Maps a pixel index that may lie outside {@code [0, n)} into it (not for {@link #CONSTANT}). */
  int index(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    return switch (this) {
      case NEAREST, CONSTANT, WRAP -> i < 0 ? 0 : n - 1;
      case REFLECT -> {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        yield m < n ? m : period - 1 - m;
      }
    };
  }
}
