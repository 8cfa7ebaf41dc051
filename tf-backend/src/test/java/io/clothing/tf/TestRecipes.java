package io.clothing.tf;

import io.clothing.api.TrainingRecipe;

/** Small recipes for the tests. */
final class TestRecipes {
  private TestRecipes() {}

  static TrainingRecipe withLayers(String layers) {
    return recipe(layers, "{\"type\": \"adam\", \"learning_rate\": 0.01}", 1, 16);
  }

  static TrainingRecipe recipe(String layers, String optimizer, int epochs, int batch) {
    return TrainingRecipe.parse("""
        {"name": "test", "model": {"name": "test", "layers": [%s]},
         "optimizer": %s, "epochs": %d, "batch_size": %d, "seed": 5}
        """.formatted(layers, optimizer, epochs, batch), "test.json");
  }

  /** A small CNN with every layer type. */
  static final String SMALL = """
      {"type": "conv2d", "filters": 4, "kernel_size": 3, "padding": "same", "use_bias": false},
      {"type": "batch_normalization"},
      {"type": "activation", "activation": "relu"},
      {"type": "max_pooling2d"},
      {"type": "conv2d", "filters": 4, "kernel_size": 3, "strides": 2, "activation": "elu"},
      {"type": "average_pooling2d", "pool_size": 2, "padding": "same"},
      {"type": "dropout", "rate": 0.2},
      {"type": "flatten"},
      {"type": "dense", "units": 16, "activation": "relu"},
      {"type": "batch_normalization"},
      {"type": "dense", "units": 10, "activation": "softmax"}
      """;
}
