package io.clothing.cli;

import io.clothing.api.TrainingRecipe;
import io.clothing.tf.Recipes;
import io.clothing.tf.SequentialModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing summary}: Keras' model summary of a recipe's network. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the Keras-style summary of a recipe's model (layers, output shapes, "
        + "parameters) and its FLOPs per image.")
final class SummaryCommand implements Callable<Integer> {
  @Option(names = "--recipe", paramLabel = "NAME|FILE", defaultValue = Recipes.DEFAULT,
      description = "A shipped recipe (fast, best, seed-convnet) or a recipe file. "
          + "Default: ${DEFAULT-VALUE}.")
  String recipe;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TrainingRecipe r = Recipes.resolve(recipe);
    spec.commandLine().getOut().print(SequentialModel.from(r.model()).summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
