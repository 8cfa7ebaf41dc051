package io.clothing.api;

/** A closed set of values a recipe field accepts; {@link #id()} is the spelling in JSON. */
public interface RecipeValues {
  /** The value as written in a recipe, lower_snake_case; never null. */
  String id();
}
