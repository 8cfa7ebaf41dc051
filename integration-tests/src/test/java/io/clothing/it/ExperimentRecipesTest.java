package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recipes in {@code docs/experiments/} are what the accuracy notes and the README's chain of
 * commands for the pretrained model tell readers to run: each must parse, and each one the README
 * names must exist.
 */
class ExperimentRecipesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXPERIMENTS = ROOT.resolve("docs/experiments");

  @Test
  void everyExperimentRecipeParses() throws IOException {
    List<Path> recipes;
    try (Stream<Path> files = Files.list(EXPERIMENTS)) {
      recipes = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(recipes).isNotEmpty();
    for (Path file : recipes) {
      TrainingRecipe recipe = TrainingRecipe.load(file);
      assertThat(recipe.name()).as(file.toString()).isNotBlank();
    }
  }

  @Test
  void everyRecipeTheReadmeRunsIsThere() throws IOException {
    Matcher named = Pattern.compile("--recipe (docs/experiments/[\\w.-]+\\.json)")
        .matcher(Files.readString(ROOT.resolve("README.md")));
    int count = 0;
    while (named.find()) {
      assertThat(ROOT.resolve(named.group(1))).as("README: %s", named.group()).isRegularFile();
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(5);
  }
}
