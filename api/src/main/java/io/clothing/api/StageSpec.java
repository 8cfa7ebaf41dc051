package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One named plugin stage of a recipe with its parameters, written flat in JSON:
 * {@code {"name": "rotation", "range": 8}}.
 *
 * <p>Immutable: the parameters are deep-copied in and out. Thread-safe.
 */
public final class StageSpec {
  private final String name;
  private final ObjectNode parameters;

  private StageSpec(String name, ObjectNode parameters) {
    this.name = name;
    this.parameters = parameters;
  }

  /**
   * A stage named {@code name} with {@code parameters} (without a {@code name} field).
   *
   * @throws RecipeException if the name is missing or blank
   */
  public static StageSpec of(String name, ObjectNode parameters) {
    if (name == null || name.isBlank()) {
      throw new RecipeException("name", "is required: the stage's plugin name");
    }
    ObjectNode copy = parameters.deepCopy();
    copy.remove("name");
    return new StageSpec(name, copy);
  }

  /** A stage named {@code name} without parameters. */
  public static StageSpec of(String name) {
    return of(name, JsonNodeFactory.instance.objectNode());
  }

  @JsonCreator
  static StageSpec fromJson(ObjectNode node) {
    var name = node.get("name");
    if (name == null || !name.isTextual()) {
      throw new RecipeException("name", "is required and must be a string: the plugin name");
    }
    return of(name.asText(), node);
  }

  /** The plugin name; never null. */
  public String name() {
    return name;
  }

  /** The parameters without {@code name}; a copy, never null. */
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** The flat JSON form, {@code name} first. */
  @JsonValue
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", name);
    out.setAll(parameters.deepCopy());
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StageSpec that
        && name.equals(that.name)
        && parameters.equals(that.parameters);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + parameters.hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
