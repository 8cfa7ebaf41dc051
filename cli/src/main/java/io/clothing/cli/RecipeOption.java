package io.clothing.cli;

import io.clothing.api.TrainingRecipe;
import io.clothing.api.Recipes;
import picocli.CommandLine.Option;

/** The {@code --recipe NAME|FILE} option shared by train, summary, augment and bench. */
final class RecipeOption {
  @Option(names = "--recipe", paramLabel = "NAME|FILE", defaultValue = Recipes.DEFAULT,
      description = "A shipped recipe (fast, best, pretrained, seed-convnet) or a recipe file. "
          + "Default: ${DEFAULT-VALUE}.")
  String name;

  /** The recipe: a shipped one by name, else the file. */
  TrainingRecipe resolve() {
    return Recipes.resolve(name);
  }
}
