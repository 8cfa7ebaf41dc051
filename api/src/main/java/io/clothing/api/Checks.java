package io.clothing.api;

/** Range checks for recipe fields that fail with a {@link RecipeException} naming the field. */
final class Checks {
  private Checks() {}

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new RecipeException(field, "is required");
    }
    return value;
  }

  static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new RecipeException(field, "must be a finite number above 0, got " + value);
    }
    return value;
  }

  static int atLeast(String field, int value, int minimum) {
    if (value < minimum) {
      throw new RecipeException(field, "must be at least " + minimum + ", got " + value);
    }
    return value;
  }

  /** {@code value} in {@code [low, high)} ({@code closedHigh} makes it {@code [low, high]}). */
  static double within(String field, double value, double low, double high, boolean closedHigh) {
    boolean ok = value >= low && (closedHigh ? value <= high : value < high);
    if (!ok) {
      throw new RecipeException(
          field,
          "must be in [" + low + ", " + high + (closedHigh ? "]" : ")") + ", got " + value);
    }
    return value;
  }
}
