package io.clothing.cli;

import io.clothing.api.TrainingRecipe;
import io.clothing.tf.Network;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clothing summary}: Keras' model summary of a recipe's network. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the Keras-style summary of a recipe's model (layers, output shapes, "
        + "parameters) and its FLOPs per image.")
final class SummaryCommand implements Callable<Integer> {
  @Mixin RecipeOption recipe;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TrainingRecipe r = recipe.resolve();
    spec.commandLine().getOut().print(Network.from(r.model()).summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
