package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.InferenceSpec;
import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.StopSignal;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsemblesTest {
  private static final TensorFlowRuntime RUNTIME = new TensorFlowRuntime(2, 1);
  private static final ImageDataset IMAGES = TensorFlowTrainerTest.learnable(3, 11);

  /** A functional member whose softmax is a layer of its own. */
  private static final String FUNCTIONAL = """
      {"name": "c", "type": "conv2d", "filters": 3, "kernel_size": 3, "padding": "same"},
      {"name": "p", "type": "max_pooling2d", "pool_size": 4},
      {"name": "skip", "type": "average_pooling2d", "pool_size": 4, "inputs": "input_layer"},
      {"name": "joined", "type": "concatenate", "inputs": ["p", "skip"]},
      {"type": "flatten"},
      {"name": "scores", "type": "dense", "units": 10},
      {"type": "activation", "activation": "softmax"}
      """;

  @TempDir static Path shared;
  private static Path sequential;
  private static Path functional;

  @BeforeAll
  static void trainTwoMembers() {
    sequential = TensorFlowTrainerTest.train(TensorFlowTrainerTest.recipe(2),
        shared.resolve("a"), false, new TensorFlowTrainer(RUNTIME), TrainingListener.NONE,
        new StopSignal()).modelDir();
    TrainingRecipe other = TestRecipes.recipe(FUNCTIONAL,
        "{\"type\": \"adam\", \"learning_rate\": 0.01}", 2, 32).withSeed(9);
    functional = TensorFlowTrainerTest.train(other, shared.resolve("b"), false,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE, new StopSignal()).modelDir();
  }

  private static float[] probabilities(Path model) {
    try (TensorFlowClassifier classifier = TensorFlowClassifier.load(model, "test", RUNTIME)) {
      return classifier.probabilities(IMAGES);
    }
  }

  @Test
  void predictsTheNormalisedGeometricMeanOfItsMembersProbabilities(@TempDir Path dir) {
    Path ensemble = Ensembles.combine(List.of(sequential, functional), dir.resolve("e"),
        "pair", InferenceSpec.PLAIN, RUNTIME);

    float[] a = probabilities(sequential);
    float[] b = probabilities(functional);
    float[] both = probabilities(ensemble);
    double largestDisagreement = 0;
    for (int i = 0; i < a.length; i++) {
      largestDisagreement = Math.max(largestDisagreement, Math.abs(a[i] - b[i]));
    }
    assertThat(largestDisagreement).as("the members must differ for this test to mean anything")
        .isGreaterThan(0.05);
    for (int image = 0; image < IMAGES.size(); image++) {
      double[] expected = new double[Garment.COUNT];
      double sum = 0;
      for (int c = 0; c < Garment.COUNT; c++) {
        int at = image * Garment.COUNT + c;
        expected[c] = Math.sqrt((double) a[at] * b[at]);
        sum += expected[c];
      }
      for (int c = 0; c < Garment.COUNT; c++) {
        assertThat(both[image * Garment.COUNT + c]).as("image %d class %d", image, c)
            .isCloseTo((float) (expected[c] / sum), within(2e-5f));
      }
    }
  }

  @Test
  void savesAnOrdinaryModelNamingItsMembers(@TempDir Path dir) {
    Path ensemble = Ensembles.combine(List.of(sequential, functional), dir.resolve("e"),
        "pair", new InferenceSpec(true), RUNTIME);

    ModelMetadata metadata = ModelMetadata.read(ensemble);
    Network network = Network.from(metadata.recipe().model());
    assertThat(network.totalParameters()).isEqualTo(
        Network.from(ModelMetadata.read(sequential).recipe().model()).totalParameters()
            + Network.from(ModelMetadata.read(functional).recipe().model()).totalParameters());
    assertThat(network.weightShapes().keySet()).allMatch(w -> w.startsWith("m1_")
        || w.startsWith("m2_"));
    assertThat(metadata.recipe().name()).isEqualTo("pair");
    assertThat(metadata.recipe().inference().averageHorizontalFlip()).isTrue();
    assertThat(metadata.recipe().splitSeed()).isEqualTo(5);
    assertThat(metadata.preprocessing()).isEqualTo(
        ModelMetadata.read(sequential).preprocessing());
    assertThat(metadata.provenance()).containsKeys("member_1", "member_2");
    assertThat(metadata.provenance().get("member_2")).contains("seed 9");
    assertThat(TensorFlowClassifier.load(ensemble, "e", RUNTIME).metadata().recipe().name())
        .isEqualTo("pair");
  }

  @Test
  void refusesMembersWhosePreprocessingDiffers(@TempDir Path dir) throws IOException {
    Path shifted = dir.resolve("shifted");
    ModelDirectories.copyTree(functional, shifted);
    ModelMetadata m = ModelMetadata.read(shifted);
    ObjectNode stage = m.preprocessing().get(0);
    ObjectNode state = (ObjectNode) stage.get("state");
    state.put("mean", state.get("mean").asDouble() + 0.01);
    new ModelMetadata(m.format(), m.formatVersion(), m.backend(), m.classes(), m.input(),
        m.output(), List.of(stage), m.recipe(), m.history(), m.metrics(), m.provenance())
        .write(shifted);

    assertThatThrownBy(() -> Ensembles.combine(List.of(sequential, shifted), dir.resolve("e"),
        "pair", InferenceSpec.PLAIN, RUNTIME))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(shifted + ": its preprocessing")
        .hasMessageContaining("validation_seed");
    assertThat(dir.resolve("e")).doesNotExist();
  }

  @Test
  void refusesOneMemberAndAMissingOne(@TempDir Path dir) {
    assertThatThrownBy(() -> Ensembles.combine(List.of(sequential), dir.resolve("e"), "one",
        InferenceSpec.PLAIN, RUNTIME))
        .isInstanceOf(ModelException.class).hasMessageContaining("needs 2 to 8 models, got 1");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> Ensembles.combine(List.of(sequential, missing), dir.resolve("e"),
        "two", InferenceSpec.PLAIN, RUNTIME))
        .isInstanceOf(ModelException.class).hasMessageContaining(missing.toString());
    assertThat(dir.resolve("e")).doesNotExist();
  }
}
