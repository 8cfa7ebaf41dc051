package io.clothing.api;

import io.clothing.api.testing.ByteMutations;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated recipes are parsed or refused with {@link RecipeException}, never another exception.
 * A longer run: {@code ./mvnw -pl api test -Dtest=RecipeFuzzTest -Djqwik.tries.default=100000}.
 */
class RecipeFuzzTest {
  private static final String VALID = """
      {"name": "fuzz", "description": "a recipe with every section",
       "model": {"name": "m", "layers": [
         {"type": "conv2d", "filters": 8, "kernel_size": 3, "padding": "same"},
         {"type": "batch_normalization"}, {"type": "activation", "activation": "relu"},
         {"type": "max_pooling2d"}, {"type": "flatten"},
         {"type": "dense", "units": 10, "activation": "softmax"}]},
       "optimizer": {"type": "sgd", "learning_rate": 0.1, "momentum": 0.9, "nesterov": true,
                     "schedule": {"type": "one_cycle", "warmup_fraction": 0.25}},
       "loss": {"type": "categorical_crossentropy", "label_smoothing": 0.1},
       "epochs": 3, "batch_size": 32, "validation_fraction": 0.1,
       "preprocessing": [{"name": "standardize"}],
       "augmentation": [{"name": "image_data_generator", "preset": "seed"},
                        {"name": "random_erasing", "probability": 0.3}],
       "early_stopping": {"monitor": "val_accuracy", "patience": 2},
       "inference": {"average_horizontal_flip": true}, "seed": 7}
      """;

  @Provide
  Arbitrary<byte[]> recipes() {
    return ByteMutations.of(VALID.getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void mutatedRecipesParseOrAreRefused(@ForAll("recipes") byte[] bytes) {
    try {
      TrainingRecipe.parse(new String(bytes, StandardCharsets.UTF_8), "fuzz.json");
    } catch (RecipeException refused) {
      // the library's own refusal
    }
  }
}
