package io.clothing.api;

/**
 * A saved model that cannot be loaded or used: a missing or unknown-version metadata file, a
 * serving graph that holds forbidden operations, no backend able to read it, or a classifier used
 * after {@link Classifier#close()}.
 *
 * <p>Immutable and therefore thread-safe.
 */
public class ModelException extends ClothingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the model's location; never null
   */
  public ModelException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the model's location; never null
   * @param cause the underlying failure; may be null
   */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
