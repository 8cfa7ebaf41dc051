package io.clothing.tf;

import io.clothing.api.Recipes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.RecipeException;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @Test
  void theSeedConvNetPrintsTheSeedsSummary() {
    String summary = Network.from(Recipes.named("seed-convnet").model()).summary();
    assertThat(summary).startsWith("""
        Model: "sequential"
        _________________________________________________________________
         Layer (type)                Output Shape              Param #  \s
        =================================================================
         conv2d (Conv2D)             (None, 28, 28, 32)        320      \s
                                                                        \s
         batch_normalization (BatchN  (None, 28, 28, 32)       128      \s
         ormalization)                                                  \s
        """);
    assertThat(summary)
        .contains(" dense (Dense)               (None, 512)               12845568" + " ".repeat(2) + "\n")
        .contains(" flatten (Flatten)           (None, 25088)             0" + " ".repeat(9) + "\n")
        .contains(" max_pooling2d (MaxPooling2D  (None, 14, 14, 64)       0" + " ".repeat(9) + "\n"
            + " )" + " ".repeat(63) + "\n")
        .contains(" dense_2 (Dense)             (None, 10)                1290" + " ".repeat(6) + "\n"
            + "=================================================================\n"
            + "Total params: 13,017,770\n"
            + "Trainable params: 13,016,106\n"
            + "Non-trainable params: 1,664\n"
            + "_________________________________________________________________\n");
  }

  @Test
  void countsParametersPerLayerAsKerasDoes() {
    Network seed = Network.from(Recipes.named("seed-convnet").model());
    assertThat(seed.layers()).extracting(l -> l.trainableParameters() + l.nonTrainableParameters())
        .containsExactly(320L, 128L, 9248L, 128L, 0L, 18496L, 0L, 0L, 73856L, 512L, 0L, 0L,
            12845568L, 2048L, 0L, 65664L, 512L, 0L, 1290L);
    assertThat(seed.layers()).extracting(Layer::name).startsWith("conv2d",
        "batch_normalization", "conv2d_1", "batch_normalization_1", "dropout", "conv2d_2",
        "max_pooling2d", "dropout_1");
  }

  @Test
  void countsFlops() {
    Network seed = Network.from(Recipes.named("seed-convnet").model());
    // the big terms: the 3x3 convolutions and the 25088x512 dense layer, two FLOPs a multiply-add
    long convs = 2L * 784 * 9 * (1 * 32 + 32 * 32 + 32 * 64) + 2L * 196 * 9 * 64 * 128;
    long dense = 2L * (25088 * 512 + 512 * 128 + 128 * 10);
    assertThat(seed.flopsPerImage()).isBetween(convs + dense, (long) ((convs + dense) * 1.02));
    assertThat(seed.flopsPerImage() / 1e6).isBetween(98.0, 100.5);
  }

  @Test
  void everyShippedRecipeBuilds() {
    for (String name : Recipes.NAMES) {
      assertThat(Network.from(Recipes.named(name).model()).totalParameters())
          .as(name).isPositive();
    }
    // fast: conv 3x3x1x32, BN 4x32, conv 3x3x32x64, BN 4x64, dense 7x7x64x256, BN 4x256,
    // dense 256x10 + 10 (batch normalization counts gamma, beta and the two moving statistics)
    assertThat(Network.from(Recipes.named("fast").model()).totalParameters())
        .isEqualTo(288 + 128 + 18_432 + 256 + 802_816 + 1_024 + 2_570);
  }

  @Test
  void refusesBadLayersNamingThem() {
    assertThatThrownBy(() -> model("{\"type\": \"conv2d\", \"filters\": 8}"))
        .isInstanceOf(RecipeException.class)
        .hasMessage("model.layers[0].kernel_size: is required");
    assertThatThrownBy(() -> model("{\"type\": \"conv2d\", \"filters\": 8, \"kernel_size\": 3,"
        + " \"padding\": \"full\"}"))
        .hasMessageContaining("model.layers[0].padding: \"full\" is not allowed; allowed values:"
            + " valid, same");
    assertThatThrownBy(() -> model("{\"type\": \"convolution\"}"))
        .hasMessageStartingWith("model.layers[0].type: unknown layer type 'convolution'");
    assertThatThrownBy(() -> model("{\"type\": \"dense\", \"units\": 10}"))
        .hasMessageContaining("dense needs a flat input");
    assertThatThrownBy(() -> model("{\"type\": \"conv2d\", \"filters\": 8, \"kernel_size\": 30}"))
        .hasMessageContaining("leaves no output");
    assertThatThrownBy(() -> model("{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 7}"))
        .hasMessageContaining("must output 10 class scores, got (None, 7)");
    assertThatThrownBy(() -> model("{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 10,"
        + " \"activation\": \"sigmoid\"}"))
        .hasMessageContaining("must give logits (linear) or softmax probabilities");
  }

  @Test
  void aModelTooLargeToTrainIsRefusedBeforeTensorFlowAllocatesIt() {
    // 8192 filters on 28x28 then a 2^20-unit dense layer: 6.7 * 10^12 parameters
    Network huge = model("""
        {"type": "conv2d", "filters": 8192, "kernel_size": 3, "padding": "same"},
        {"type": "flatten"}, {"type": "dense", "units": 1048576},
        {"type": "dense", "units": 10}""");
    assertThat(huge.totalParameters()).isGreaterThan(6_000_000_000_000L);
    assertThatThrownBy(() -> huge.checkTrainingFits(64, 24L << 30))
        .isInstanceOf(RecipeException.class)
        .hasMessageContaining("needs at least 102,")
        .hasMessageContaining("MB, more than the 24,576 MB this machine has");
    assertThatThrownBy(() -> TrainingGraph.build(TestRecipes.recipe("""
        {"type": "conv2d", "filters": 8192, "kernel_size": 3, "padding": "same"},
        {"type": "flatten"}, {"type": "dense", "units": 1048576},
        {"type": "dense", "units": 10}""", "{\"type\": \"adam\", \"learning_rate\": 0.01}",
        1, 16), TensorFlowRuntime.forTraining()))
        .isInstanceOf(RecipeException.class).hasMessageContaining("this machine has");
    Network seed = Network.from(Recipes.named("seed-convnet").model());
    seed.checkTrainingFits(64, 24L << 30); // the notebook's model fits easily
  }

  private static Network model(String layers) {
    return Network.from(TestRecipes.withLayers(layers).model());
  }
}
