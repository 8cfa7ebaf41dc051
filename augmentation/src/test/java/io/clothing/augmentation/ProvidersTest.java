package io.clothing.augmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Augmentation;
import io.clothing.api.RecipeException;
import io.clothing.api.SeededRandom;
import io.clothing.api.StageSpec;
import io.clothing.api.TrainingRecipe;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ClassLoader LOADER = ProvidersTest.class.getClassLoader();

  private static StageSpec stage(String json) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(json);
    return StageSpec.of(node.get("name").asText(), node);
  }

  private static Augmentation create(String json) throws Exception {
    return Augmentations.create(List.of(stage(json)), LOADER).get(0);
  }

  private static float[] run(Augmentation a, float[] image, long seed) {
    float[] out = new float[image.length];
    a.apply(image, 0, out, 0, 28, 28, new SeededRandom(seed));
    return out;
  }

  private static float[] garment() {
    float[] image = new float[784];
    for (int r = 6; r < 22; r++) {
      for (int c = 8; c < 20; c++) {
        image[r * 28 + c] = 0.25f + (r + c) / 100f;
      }
    }
    return image;
  }

  @Test
  void everyBuiltInPluginIsFoundByName() {
    assertThat(Augmentations.providers(LOADER).names()).contains("image_data_generator",
        "rotation", "width_shift", "height_shift", "shear", "zoom", "horizontal_flip",
        "vertical_flip", "random_crop", "random_erasing", "cutout");
  }

  @Test
  void theSeedPresetIsTheNotebooksConfiguration() throws Exception {
    Augmentation preset = create("{\"name\": \"image_data_generator\", \"preset\": \"seed\"}");
    Augmentation spelled = create("{\"name\": \"image_data_generator\", \"rotation_range\": 8,"
        + " \"zoom_range\": 0.1, \"shear_range\": 0.3, \"width_shift_range\": 0.08,"
        + " \"height_shift_range\": 0.08, \"vertical_flip\": true}");
    float[] image = garment();
    for (long seed = 0; seed < 20; seed++) {
      assertThat(run(preset, image, seed)).containsExactly(run(spelled, image, seed));
    }
    assertThat(run(preset, image, 1)).isNotEqualTo(run(preset, image, 2));
  }

  @Test
  void theSameSeedGivesTheSameImage() throws Exception {
    float[] image = garment();
    for (String json : new String[] {
        "{\"name\": \"random_crop\", \"padding\": 3}",
        "{\"name\": \"random_erasing\", \"probability\": 1}",
        "{\"name\": \"cutout\", \"size\": 6}",
        "{\"name\": \"rotation\", \"range\": 20}",
        "{\"name\": \"zoom\", \"range\": [0.8, 1.2]}"}) {
      Augmentation a = create(json);
      assertThat(run(a, image, 7)).as(json).containsExactly(run(a, image, 7));
    }
  }

  @Test
  void randomCropShiftsByWholePixelsAndPadsWithTheBackground() throws Exception {
    Augmentation crop = create("{\"name\": \"random_crop\", \"padding\": 2}");
    float[] image = garment();
    float[] out = run(crop, image, 11);
    float inside = 0;
    float outside = 0;
    for (float v : image) {
      inside += v;
    }
    for (float v : out) {
      outside += v;
    }
    // the garment lies 6 pixels from every edge, so a shift of at most 2 keeps all of it
    assertThat(outside).isCloseTo(inside, org.assertj.core.data.Offset.offset(1e-3f));
  }

  @Test
  void randomErasingBlanksARectangleWithinTheImagesRange() throws Exception {
    Augmentation erase = create("{\"name\": \"random_erasing\", \"probability\": 1,"
        + " \"fill\": \"constant\", \"value\": -7}");
    float[] out = run(erase, garment(), 3);
    long erased = 0;
    for (float v : out) {
      erased += v == -7f ? 1 : 0;
    }
    assertThat(erased).isBetween((long) (0.02 * 784 * 0.5), (long) (0.4 * 784 * 1.5));
  }

  @Test
  void refusesBadParametersNamingStageAndField() throws Exception {
    assertThatThrownBy(() -> create("{\"name\": \"rotation\", \"range\": -5}"))
        .isInstanceOf(RecipeException.class)
        .hasMessage("augmentation[0].rotation.range: must be in [0.0, 180.0], got -5");
    assertThatThrownBy(() -> create("{\"name\": \"zoom\", \"range\": 1.5}"))
        .hasMessageContaining("augmentation[0].zoom.range: a single zoom z means [1 - z, 1 + z],"
            + " so it must be below 1");
    ObjectNode nan = JSON.createObjectNode().put("name", "shear").put("range", Double.NaN);
    assertThatThrownBy(() -> Augmentations.create(List.of(StageSpec.of("shear", nan)), LOADER))
        .hasMessageContaining("augmentation[0].shear.range: must be in");
    assertThatThrownBy(() -> create("{\"name\": \"rotation\", \"degrees\": 5}"))
        .hasMessage("augmentation[0].rotation.degrees: unknown parameter; allowed: cval,"
            + " fill_mode, range");
    assertThatThrownBy(() -> create("{\"name\": \"rotation\", \"fill_mode\": \"mirror\"}"))
        .hasMessageContaining("allowed values: nearest, constant, reflect, wrap");
    assertThatThrownBy(() -> create("{\"name\": \"rotate\"}"))
        .hasMessageStartingWith("augmentation[0].name: unknown augmentation 'rotate'; available:");
  }

  @Test
  void aRecipesStagesAreCheckedWhenTheRecipeIsLoaded() {
    TrainingRecipe recipe = TrainingRecipe.parse("""
        {"name": "r", "model": {"name": "m", "layers": [{"type": "flatten"}]},
         "optimizer": {"type": "adam", "learning_rate": 0.001}, "epochs": 1, "batch_size": 8,
         "seed": 1, "augmentation": [{"name": "horizontal_flip"},
                                     {"name": "cutout", "size": 40}]}
        """, "r.json");
    assertThatThrownBy(() -> Augmentations.create(recipe.augmentation(), LOADER))
        .hasMessage("augmentation[1].cutout.size: must be in [1, 28], got 40");
  }
}
