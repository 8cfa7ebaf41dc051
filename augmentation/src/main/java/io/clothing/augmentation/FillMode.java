package io.clothing.augmentation;

/**
 * How pixels pulled from outside the image are filled, as in Keras (scipy's modes). For an input
 * row {@code a b c d}:
 * <ul>
 *   <li>{@code nearest}: {@code a a a a | a b c d | d d d d} (Keras' default);
 *   <li>{@code constant}: {@code k k k k | a b c d | k k k k} with {@code k = cval};
 *   <li>{@code reflect}: {@code d c b a | a b c d | d c b a};
 *   <li>{@code wrap}: {@code a b c d | a b c d | a b c d} (period {@code n}; scipy's own
 *       {@code wrap} uses period {@code n - 1}, its {@code grid-wrap} matches this).
 * </ul>
 */
public enum FillMode {
  /** Repeat the edge pixel. */
  NEAREST,
  /** A constant value. */
  CONSTANT,
  /** Mirror at the edge, the edge pixel repeated. */
  REFLECT,
  /** Tile the image. */
  WRAP;

  /** The names recipes use. */
  static final String[] IDS = {"nearest", "constant", "reflect", "wrap"};

  static FillMode of(String id) {
    return valueOf(id.toUpperCase(java.util.Locale.ROOT));
  }

  /** Maps an index that may lie outside {@code [0, n)} into it (not for {@link #CONSTANT}). */
  int index(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    return switch (this) {
      case NEAREST, CONSTANT -> i < 0 ? 0 : n - 1;
      case WRAP -> Math.floorMod(i, n);
      case REFLECT -> {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        yield m < n ? m : period - 1 - m;
      }
    };
  }
}
