package io.clothing.api;

/**
 * A training recipe (or a stage's parameters inside one) that is refused: an unknown field, a
 * wrong type or a value out of range. The message names the field by its JSON path (for example
 * {@code optimizer.learning_rate}) and, where there is a closed set, the allowed values.
 *
 * <p>Immutable and therefore thread-safe.
 */
public class RecipeException extends ClothingException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String detail;

  /**
   * @param field the JSON path of the offending field ({@code ""} for the whole document)
   * @param message what is wrong and what is allowed; never null
   */
  public RecipeException(String field, String message) {
    this(field, message, null);
  }

  /**
   * @param field the JSON path of the offending field ({@code ""} for the whole document)
   * @param message what is wrong and what is allowed; never null
   * @param cause the underlying parse failure; may be null
   */
  public RecipeException(String field, String message, Throwable cause) {
    super(field.isEmpty() ? message : field + ": " + message, cause);
    this.field = field;
    this.detail = message;
  }

  /**
   * The same problem seen from an enclosing document: {@code prefix} (such as
   * {@code augmentation[2]}) goes before the field's path, and {@code suffix} (such as
   * {@code " (in my-recipe.json)"}) after the detail.
   */
  public RecipeException within(String prefix, String suffix) {
    String path = prefix.isEmpty() ? field : field.isEmpty() ? prefix
        : prefix + (field.startsWith("[") ? "" : ".") + field;
    return new RecipeException(path, detail + suffix, this);
  }

  /** The JSON path of the refused field, {@code ""} when the whole document is refused. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without its path; never null. */
  public String detail() {
    return detail;
  }
}
