package io.clothing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a fitted {@link PreprocessingStage} saves with a model so that its provider can rebuild it:
 * named numbers, lists of numbers and texts. Reading a value that is missing or of another kind
 * throws a {@link ModelException} naming it, since a state comes from a model file.
 *
 * <p>Immutable and thread-safe.
 */
public final class StageState {
  private final ObjectNode values;

  private StageState(ObjectNode values) {
    this.values = values;
  }

  /** A builder of a new state. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names of the values, in the order they were put. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    values.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Whether a value named {@code name} is present. */
  public boolean has(String name) {
    return values.has(name);
  }

  /** The finite number {@code name}. */
  public double number(String name) {
    JsonNode v = values.get(name);
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw new ModelException("saved stage state: '" + name + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }

  /** The list of finite numbers {@code name}; a copy. */
  public double[] numbers(String name) {
    JsonNode v = values.get(name);
    if (v == null || !v.isArray()) {
      throw new ModelException("saved stage state: '" + name + "' must be a list of numbers, got "
          + (v == null ? "nothing" : v.getNodeType().toString().toLowerCase()));
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode item = v.get(i);
      if (!item.isNumber() || !Double.isFinite(item.doubleValue())) {
        throw new ModelException("saved stage state: '" + name + "'[" + i
            + "] must be a number, got " + item);
      }
      out[i] = item.doubleValue();
    }
    return out;
  }

  /** The text {@code name}. */
  public String text(String name) {
    JsonNode v = values.get(name);
    if (v == null || !v.isTextual()) {
      throw new ModelException("saved stage state: '" + name + "' must be a text, got " + v);
    }
    return v.textValue();
  }

  /** The state as the JSON object a model's metadata stores; a copy. */
  public ObjectNode toJson() {
    return values.deepCopy();
  }

  /**
   * A state read back from {@link #toJson()}'s form.
   *
   * @throws ModelException if {@code json} holds anything but numbers, lists of numbers and texts
   */
  public static StageState fromJson(ObjectNode json) {
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      boolean numbers = v.isArray();
      if (numbers) {
        for (JsonNode item : v) {
          numbers &= item.isNumber();
        }
      }
      if (!v.isNumber() && !v.isTextual() && !numbers) {
        throw new ModelException("saved stage state: '" + field.getKey() + "' must be a number, "
            + "a list of numbers or a text, got " + v.getNodeType().toString().toLowerCase());
      }
    }
    return new StageState(json.deepCopy());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StageState that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Collects the values of a new {@link StageState}. Not thread-safe. */
  public static final class Builder {
    private final ObjectNode values = JsonNodeFactory.instance.objectNode();

    private Builder() {}

    /** Puts a finite number. */
    public Builder put(String name, double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be finite, got " + value);
      }
      values.put(name, value);
      return this;
    }

    /** Puts a list of finite numbers (copied). */
    public Builder put(String name, double[] list) {
      ArrayNode array = values.putArray(name);
      for (double v : list) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(name + " must hold finite numbers, got " + v);
        }
        array.add(v);
      }
      return this;
    }

    /** Puts a text. */
    public Builder put(String name, String text) {
      values.put(name, java.util.Objects.requireNonNull(text, name));
      return this;
    }

    /** The state. */
    public StageState build() {
      return new StageState(values.deepCopy());
    }
  }
}
