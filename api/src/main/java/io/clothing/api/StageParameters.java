package io.clothing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, checked access to a plugin stage's JSON parameters, for provider implementations: each
 * getter refuses a wrong type or an out-of-range value with a {@link RecipeException} naming the
 * stage and the parameter, and {@link #requireOnly} refuses parameters the stage does not know.
 *
 * <p>Not thread-safe; make one per {@code create} call.
 */
public final class StageParameters {
  private final String stage;
  private final ObjectNode node;

  /**
   * @param stage the stage's name, used in messages; never null
   * @param node the parameters; never null (not copied, only read)
   */
  public StageParameters(String stage, ObjectNode node) {
    this.stage = stage;
    this.node = node;
  }

  /** Refuses any parameter not in {@code known}, listing the ones allowed. */
  public StageParameters requireOnly(String... known) {
    Set<String> allowed = Set.of(known);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        String list = known.length == 0 ? "none" : String.join(", ", sorted(known));
        throw fail(field, "unknown parameter; allowed: " + list);
      }
    }
    return this;
  }

  /** Whether the parameter is present (and not null). */
  public boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** Whether the parameter is present and a number (rather than, say, a pair). */
  public boolean isNumber(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber();
  }

  /**
   * Whether the parameter is present and written as a whole number ({@code 2}, not {@code 2.0}):
   * some Keras parameters mean different things for the two, as Python's {@code int} and
   * {@code float} do.
   */
  public boolean isWholeNumber(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isIntegralNumber();
  }

  /**
   * A finite number in {@code [min, max]}, or {@code fallback} when absent.
   */
  public double number(String field, double fallback, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw fail(field, "expected a number, got " + value);
    }
    double d = value.doubleValue();
    if (!(d >= min && d <= max)) {
      throw fail(field, "must be in [" + min + ", " + max + "], got " + value);
    }
    return d;
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
  public int integer(String field, int fallback, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw fail(field, "expected a whole number, got " + value);
    }
    int i = value.intValue();
    if (i < min || i > max) {
      throw fail(field, "must be in [" + min + ", " + max + "], got " + i);
    }
    return i;
  }

  /** {@code true} or {@code false}, or {@code fallback} when absent. */
  public boolean bool(String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw fail(field, "expected true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** One of {@code allowed}, or {@code fallback} when absent. */
  public String choice(String field, String fallback, String... allowed) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual() || !Arrays.asList(allowed).contains(value.textValue())) {
      throw fail(field, value + " is not allowed; allowed values: " + String.join(", ", allowed));
    }
    return value.textValue();
  }

  /**
   * A pair {@code [low, high]} with {@code min <= low <= high <= max}; a single number {@code x}
   * means {@code [x, x]}. Returns {@code fallback} when absent.
   */
  public double[] range(String field, double[] fallback, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback.clone();
    }
    double[] pair;
    if (value.isNumber()) {
      pair = new double[] {value.doubleValue(), value.doubleValue()};
    } else if (value.isArray() && value.size() == 2 && value.get(0).isNumber()
        && value.get(1).isNumber()) {
      pair = new double[] {value.get(0).doubleValue(), value.get(1).doubleValue()};
    } else {
      throw fail(field, "expected [low, high], got " + value);
    }
    if (!(pair[0] >= min && pair[1] <= max && pair[0] <= pair[1])) {
      throw fail(field, "must satisfy " + min + " <= low <= high <= " + max + ", got " + value);
    }
    return pair;
  }

  /**
   * Keras' form for a two-axis integer setting such as {@code kernel_size} or {@code strides}: a
   * whole number {@code n} means {@code [n, n]}, or a pair {@code [height, width]}; each in
   * {@code [min, max]}. Returns a copy of {@code fallback} when absent.
   */
  public int[] integerPair(String field, int[] fallback, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback.clone();
    }
    int[] pair;
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      pair = new int[] {value.intValue(), value.intValue()};
    } else if (isIntegers(value, 2)) {
      pair = new int[] {value.get(0).intValue(), value.get(1).intValue()};
    } else {
      throw fail(field, "expected a whole number or [height, width], got " + value);
    }
    for (int v : pair) {
      if (v < min || v > max) {
        throw fail(field, "each value must be in [" + min + ", " + max + "], got " + value);
      }
    }
    return pair;
  }

  /**
   * Keras' form for a two-axis, two-sided setting such as {@code ZeroPadding2D}'s
   * {@code padding}: {@code n} means {@code [[n, n], [n, n]]}, {@code [h, w]} means
   * {@code [[h, h], [w, w]]}, and {@code [[top, bottom], [left, right]]} is taken as written;
   * each value in {@code [min, max]}. Returns {@code {{top, bottom}, {left, right}}}, or a copy of
   * {@code fallback} when absent.
   */
  public int[][] integerPairs(String field, int[][] fallback, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return new int[][] {fallback[0].clone(), fallback[1].clone()};
    }
    int[][] pairs;
    if (value.isArray() && value.size() == 2 && isIntegers(value.get(0), 2)
        && isIntegers(value.get(1), 2)) {
      pairs = new int[][] {
          {value.get(0).get(0).intValue(), value.get(0).get(1).intValue()},
          {value.get(1).get(0).intValue(), value.get(1).get(1).intValue()}};
      for (int[] pair : pairs) {
        for (int v : pair) {
          if (v < min || v > max) {
            throw fail(field, "each value must be in [" + min + ", " + max + "], got " + value);
          }
        }
      }
    } else if (value.isIntegralNumber() || isIntegers(value, 2)) {
      int[] both = integerPair(field, new int[2], min, max);
      pairs = new int[][] {{both[0], both[0]}, {both[1], both[1]}};
    } else {
      throw fail(field, "expected a whole number, [height, width] or "
          + "[[top, bottom], [left, right]], got " + value);
    }
    return pairs;
  }

  private static boolean isIntegers(JsonNode value, int count) {
    if (!value.isArray() || value.size() != count) {
      return false;
    }
    for (JsonNode v : value) {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        return false;
      }
    }
    return true;
  }

  /** A {@link RecipeException} about {@code field} of this stage. */
  public RecipeException fail(String field, String message) {
    return new RecipeException(stage + "." + field, message);
  }

  private static List<String> sorted(String[] names) {
    return Arrays.stream(names).sorted().toList();
  }
}
