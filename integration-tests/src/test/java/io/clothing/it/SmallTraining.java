package io.clothing.it;

import io.clothing.api.Augmentation;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelTrainer;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import io.clothing.augmentation.Augmentations;
import io.clothing.preprocessing.BatchPipeline;
import io.clothing.preprocessing.Standardization;
import io.clothing.tf.TensorFlowRuntime;
import io.clothing.tf.TensorFlowTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Trains a recipe on a few real images through the library's own pipeline and trainer. */
final class SmallTraining {
  private SmallTraining() {}

  static ModelTrainer.TrainingResult train(TrainingRecipe recipe, ImageDataset data, Path dir) {
    List<Augmentation> augmentations = Augmentations.create(recipe.augmentation(),
        SmallTraining.class.getClassLoader());
    List<PreprocessingStage> stages = List.of(Standardization.fit(data));
    try (BatchPipeline training = BatchPipeline.builder(data).batchSize(recipe.batchSize())
        .shuffle(true).seed(recipe.seed()).preprocessing(stages).augmentation(augmentations)
        .threads(1).build()) {
      return new TensorFlowTrainer(new TensorFlowRuntime(2, 1)).train(
          new ModelTrainer.TrainingJob(recipe, training, null, stages, dir.resolve("work"),
              dir.resolve("model"), false, Map.of("data", "integration test")),
          TrainingListener.NONE);
    }
  }

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
