package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.invert.InvertColorsProvider;
import io.clothing.api.TrainingRecipe;
import io.clothing.augmentation.Augmentations;
import java.nio.file.Path;
import io.clothing.api.ImageDataset;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.training.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's own augmentation plugin, in its own package and jar, is found and used. */
class PluginIT {

  @Test
  void aRecipeNamingAThirdPartyPluginTrainsWithIt(@TempDir Path dir) {
    TrainingRecipe recipe = SmallTraining.recipe(SmallTraining.SMALL_CNN,
        "{\"name\": \"invert_colors\", \"probability\": 0.5}", 50);
    assertThat(Augmentations.providers(getClass().getClassLoader()).names())
        .contains("invert_colors", "rotation");
    long before = InvertColorsProvider.IMAGES.get();
    ImageDataset data = RealData.get().training().slice(0, 500);
    Training.recipe(recipe).data(data).outputDirectory(dir).run().close();
    int trained = data.size() - StratifiedSplit.heldOut(data.size(), recipe.validationFraction());
    assertThat(InvertColorsProvider.IMAGES.get() - before).isEqualTo(trained);
  }
}
