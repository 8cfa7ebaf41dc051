package io.clothing.api;

/**
 * Base type of every exception this library throws on purpose: bad input files, bad recipes,
 * unusable models, missing data. Callers that want to handle "the library refused this" in one
 * place catch this type.
 *
 * <p>Unchecked, because most callers cannot recover from a malformed file other than by
 * reporting it; the message is always written for a person and names what was refused.
 */
public class ClothingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, for a person; never null
   */
  public ClothingException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, for a person; never null
   * @param cause the underlying failure; may be null
   */
  public ClothingException(String message, Throwable cause) {
    super(message, cause);
  }
}
