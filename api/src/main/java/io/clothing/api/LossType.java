package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Loss functions a recipe may name. */
public enum LossType implements RecipeValues {
  /** Categorical cross-entropy on one-hot labels, with optional label smoothing. */
  CATEGORICAL_CROSSENTROPY("categorical_crossentropy");

  private final String id;

  LossType(String id) {
    this.id = id;
  }

  @Override
  @JsonValue
  public String id() {
    return id;
  }
}
