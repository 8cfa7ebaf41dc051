package io.clothing.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Strict JSON mapping of recipes, translating Jackson's failures into {@link RecipeException}. */
final class RecipeJson {
  /** The most bytes a recipe may have; the shipped ones have about 2 KB. */
  static final int MAX_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints
              .builder().maxNestingDepth(32).maxStringLength(10_000).maxNumberLength(64)
              .build()).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private RecipeJson() {}

  static TrainingRecipe read(String json, String source) {
    if (json.length() > MAX_BYTES) {
      throw new RecipeException("", source + ": " + json.length() + " characters is more than a "
          + "recipe may have (" + MAX_BYTES + ")");
    }
    try {
      TrainingRecipe recipe = MAPPER.readValue(json, TrainingRecipe.class);
      if (recipe == null) {
        throw new RecipeException("", source + ": the recipe is empty");
      }
      return recipe;
    } catch (JsonMappingException e) {
      throw translate(e, source);
    } catch (JacksonException e) {
      throw new RecipeException(
          "", source + ": " + where(e.getLocation()) + "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String write(TrainingRecipe recipe) {
    try {
      return MAPPER.writeValueAsString(recipe);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a valid recipe always serialises", e);
    }
  }

  private static RecipeException translate(JsonMappingException e, String source) {
    String path = path(e.getPath());
    RecipeException inner = find(e, RecipeException.class);
    if (inner != null) {
      return inner.within(path, " (in " + source + ")");
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String allowed = u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      return new RecipeException(
          path, "unknown field (in " + source + "); allowed fields here: " + allowed, e);
    }
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (target != null && target.isEnum() && RecipeValues.class.isAssignableFrom(target)) {
      String allowed = Arrays.stream(target.getEnumConstants())
          .map(c -> ((RecipeValues) c).id()).collect(Collectors.joining(", "));
      String got = e instanceof InvalidFormatException f ? "'" + f.getValue() + "'" : "this value";
      return new RecipeException(
          path, got + " is not allowed (in " + source + "); allowed values: " + allowed, e);
    }
    if (target != null) {
      return new RecipeException(
          path, "expected " + describe(target) + " (in " + source + ", "
              + where(e.getLocation()).replaceAll(": $", "") + ")", e);
    }
    return new RecipeException(path, e.getOriginalMessage() + " (in " + source + ")", e);
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
