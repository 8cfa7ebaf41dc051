package io.clothing.preprocessing;

import io.clothing.api.ClothingException;

/**
 * The Fashion-MNIST files are found nowhere and cannot be downloaded (offline, or the network
 * refused). The message says where the library looked and how to provide the files.
 *
 * <p>Immutable and thread-safe.
 */
public class DataUnavailableException extends ClothingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message where the library looked and what to do; never null
   * @param cause the underlying failure; may be null
   */
  public DataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
