package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.invert.InvertColorsProvider;
import io.clothing.api.TrainingRecipe;
import io.clothing.augmentation.Augmentations;
import java.nio.file.Path;
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
    SmallTraining.train(recipe, RealData.get().training().slice(0, 500), dir);
    assertThat(InvertColorsProvider.IMAGES.get() - before).isEqualTo(500);
  }
}
