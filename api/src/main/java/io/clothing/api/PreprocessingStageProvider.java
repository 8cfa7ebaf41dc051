package io.clothing.api;


/**
 * Makes {@link PreprocessingStage}s of one kind by name, found through
 * {@link java.util.ServiceLoader} (declare it in
 * {@code META-INF/services/io.clothing.api.PreprocessingStageProvider}).
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface PreprocessingStageProvider extends NamedProvider {

  /**
   * Makes a stage from a recipe's parameters, fitting any statistics on the training split only.
   *
   * @param parameters the stage's parameters from the recipe (without {@code name}), with
   *     checked typed access; never null
   * @param training the training split; never null
   * @throws RecipeException naming the parameter, if one is unknown or out of range
   */
  PreprocessingStage fit(StageParameters parameters, ImageDataset training);

  /**
   * Rebuilds a stage from its saved {@link PreprocessingStage#state()}.
   *
   * @throws ModelException if the state is not one this provider wrote (it comes from a model
   *     file)
   */
  PreprocessingStage restore(StageState state);
}
