package io.clothing.api;

/** Range checks for recipe fields that fail with a {@link RecipeException} naming the field. */
final class Checks {
  private Checks() {}

  /**
   * Refuses the first field Jackson could not map to a creator parameter of {@code type},
   * listing the fields that {@code type}'s {@code @JsonCreator} accepts. Called first in each
   * creator, so a misspelt required field is reported as unknown rather than as missing.
   */
  static void noUnknownFields(java.util.Map<String, Object> unknown, Class<?> type) {
    if (unknown == null || unknown.isEmpty()) {
      return;
    }
    String field = unknown.keySet().stream().sorted().findFirst().orElseThrow();
    throw new RecipeException(field, "unknown field; allowed fields here: "
        + String.join(", ", creatorFields(type)));
  }

  private static java.util.List<String> creatorFields(Class<?> type) {
    for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
      if (m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonCreator.class)) {
        return java.util.Arrays.stream(m.getParameters())
            .map(p -> p.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class))
            .filter(java.util.Objects::nonNull)
            .map(com.fasterxml.jackson.annotation.JsonProperty::value)
            .sorted()
            .toList();
      }
    }
    throw new IllegalStateException(type + " has no @JsonCreator method");
  }

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
  static int between(String field, int value, int low, int high) {
    if (value < low || value > high) {
      throw new RecipeException(field, "must be " + low + " to " + high + ", got " + value);
    }
    return value;
  }

  /** {@code value} in {@code (0, 1]}: a share that cannot be nothing. */
  static double share(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new RecipeException(field, "must be in (0, 1], got " + value);
    }
    return value;
  }

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
