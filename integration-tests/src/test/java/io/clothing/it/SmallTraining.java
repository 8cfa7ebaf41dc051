package io.clothing.it;

import io.clothing.api.TrainingRecipe;

/** Small recipes for integration tests, trained through the library's {@code Training} API. */
final class SmallTraining {
  private SmallTraining() {}

  static TrainingRecipe recipe(String layers, String augmentation, int batch) {
    return TrainingRecipe.parse("""
        {"name": "small", "model": {"name": "small", "layers": [%s]},
         "optimizer": {"type": "adam", "learning_rate": 0.002}, "epochs": 1, "batch_size": %d,
         "seed": 11, "preprocessing": [{"name": "standardize"}], "augmentation": [%s]}
        """.formatted(layers, batch, augmentation), "small.json");
  }

  static final String SMALL_CNN = """
      {"type": "conv2d", "filters": 8, "kernel_size": 3, "padding": "same",
       "activation": "relu"},
      {"type": "max_pooling2d"},
      {"type": "flatten"},
      {"type": "dense", "units": 10, "activation": "softmax"}
      """;
}
