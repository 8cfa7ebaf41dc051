package io.clothing.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Service interface of a machine-learning backend that can load saved models, found with
 * {@link java.util.ServiceLoader} (declare it in
 * {@code META-INF/services/io.clothing.api.ClassifierBackend}). Host applications use
 * {@link Classifiers} rather than this interface.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface ClassifierBackend {

  /** A short unique name such as {@code "tensorflow"}; never null. */
  String name();

  /**
   * Whether the model at {@code modelDir} is in this backend's format; must be cheap (look at
   * the metadata file only) and must not throw for a directory of another format.
   */
  boolean canLoad(Path modelDir);

  /**
   * Loads the saved model at {@code modelDir}.
   *
   * @throws ModelException if it cannot be read or is refused
   */
  Classifier load(Path modelDir);

  /**
   * The pretrained model shipped inside this backend, if it ships one; each call returns a new
   * classifier that the caller must close.
   */
  Optional<Classifier> pretrained();
}
