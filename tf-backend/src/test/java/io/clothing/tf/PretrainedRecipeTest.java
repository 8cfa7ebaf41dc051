package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Recipes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped pretrained model is what the shipped {@code pretrained} recipe trains. */
class PretrainedRecipeTest {
  @Test
  void thePretrainedModelWasTrainedByThePretrainedRecipe() {
    Path dir = TensorFlowBackend.pretrainedDirectory().orElseThrow();
    ModelMetadata metadata = ModelMetadata.read(dir);
    assertThat(metadata.recipe()).isEqualTo(Recipes.named("pretrained"));
    assertThat(metadata.provenance()).containsEntry("seed", "42")
        .containsEntry("epochs_trained", String.valueOf(metadata.recipe().epochs()));
  }
}
