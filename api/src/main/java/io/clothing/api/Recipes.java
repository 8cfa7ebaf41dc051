package io.clothing.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The recipes shipped with the library: {@code fast} (the default: about 92.8% test accuracy in
 * about a minute on a fast 2-core machine), {@code best} (94.1% in under an hour on a slow one),
 * {@code pretrained} (the pretrained model's recipe: 95.1%, 77 minutes on a fast 2-core machine)
 * and {@code seed-convnet} (the original notebook's model). Stateless and thread-safe.
 */
public final class Recipes {
  /** The shipped recipe names, the default first. */
  public static final List<String> NAMES = List.of("fast", "best", "pretrained", "seed-convnet");
  /** The recipe used when none is named. */
  public static final String DEFAULT = "fast";

  private Recipes() {}

  /**
   * A shipped recipe by name.
   *
   * @throws RecipeException if there is no such recipe
   */
  public static TrainingRecipe named(String name) {
    if (!NAMES.contains(name)) {
      throw new RecipeException("", "no recipe named '" + name + "'; shipped recipes: "
          + String.join(", ", NAMES) + " (or give a recipe file's path)");
    }
    String resource = "recipes/" + name + ".json";
    try (InputStream in = Recipes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return TrainingRecipe.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          name + ".json");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }

  /**
   * A shipped recipe if {@code nameOrFile} is one's name, else the recipe file at that path.
   *
   * @throws RecipeException if it is neither, or the file is refused
   */
  public static TrainingRecipe resolve(String nameOrFile) {
    if (NAMES.contains(nameOrFile)) {
      return named(nameOrFile);
    }
    Path file = Path.of(nameOrFile);
    if (!Files.exists(file)) {
      throw new RecipeException("", "'" + nameOrFile + "' is neither a shipped recipe ("
          + String.join(", ", NAMES) + ") nor an existing file");
    }
    return TrainingRecipe.load(file);
  }
}
