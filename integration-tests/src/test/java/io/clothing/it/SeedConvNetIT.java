package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.TrainingRecipe;
import io.clothing.api.Recipes;
import io.clothing.tf.Network;
import java.nio.file.Path;
import io.clothing.training.Training;
import io.clothing.training.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original notebook's 13-million-parameter ConvNet builds and trains. */
class SeedConvNetIT {

  @Test
  void buildsPrintsTheSeedsSummaryAndTrainsAFewBatchesWithTheSeedsAugmentation(
      @TempDir Path dir) {
    TrainingRecipe recipe = Recipes.named("seed-convnet");
    assertThat(Network.from(recipe.model()).summary())
        .contains("Total params: 13,017,770")
        .contains("Trainable params: 13,016,106")
        .contains("Non-trainable params: 1,664");
    assertThat(recipe.augmentation().get(0).toString())
        .isEqualTo("{\"name\":\"image_data_generator\",\"preset\":\"seed\"}");
    try (TrainingResult result = Training.recipe(recipe.withEpochs(1))
        .data(RealData.get().training().slice(0, 4 * recipe.batchSize())).outputDirectory(dir)
        .run()) {
      assertThat(result.history().epochs()).hasSize(1);
      assertThat(result.history().epochs().get(0).trainLoss()).isFinite().isPositive();
      assertThat(result.modelDirectory().resolve("saved_model.pb")).exists();
    }
  }
}
