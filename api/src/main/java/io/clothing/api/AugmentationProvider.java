package io.clothing.api;


/**
 * Makes {@link Augmentation}s of one kind by name, found through
 * {@link java.util.ServiceLoader}: a team ships its own by putting a jar with
 * {@code META-INF/services/io.clothing.api.AugmentationProvider} on the class path.
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface AugmentationProvider extends NamedProvider {

  /**
   * Makes an augmentation from a recipe's parameters.
   *
   * @param parameters the stage's parameters from the recipe (without {@code name}); never null
   * @throws RecipeException naming the parameter, if one is unknown, of the wrong type or out of
   *     range
   */
  Augmentation create(StageParameters parameters);
}
