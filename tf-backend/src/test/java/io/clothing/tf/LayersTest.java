package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Batch;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LayersTest {

  /** Every layer type and every activation in one model. */
  private static final String EVERYTHING = Arrays.stream(Activation.values())
      .filter(a -> a != Activation.SOFTMAX)
      .map(a -> "{\"type\": \"activation\", \"activation\": \"" + a.id() + "\"}")
      .collect(Collectors.joining(",\n", """
          {"type": "conv2d", "filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
          {"type": "batch_normalization", "momentum": 0.9},
          """, """
          ,
          {"type": "max_pooling2d", "pool_size": 2, "padding": "same"},
          {"type": "average_pooling2d", "pool_size": 2, "strides": 1},
          {"type": "dropout", "rate": 0.5},
          {"type": "global_average_pooling2d"},
          {"type": "dense", "units": 12, "activation": "tanh"},
          {"type": "batch_normalization"},
          {"type": "dense", "units": 10},
          {"type": "activation", "activation": "softmax"}
          """));

  @Test
  void shapesAndParameterCountsFollowKeras() {
    Network model = Network.from(TestRecipes.withLayers(EVERYTHING).model());
    Layer conv = model.layers().get(0);
    assertThat(conv.outputShape()).isEqualTo(FeatureShape.image(14, 14, 4));
    assertThat(conv.trainableParameters()).isEqualTo(3 * 3 * 1 * 4 + 4);
    assertThat(model.layers().get(1).nonTrainableParameters()).isEqualTo(8);
    int n = model.layers().size();
    // max pool 'same' 14 -> 7, average pool 2 stride 1 'valid' 7 -> 6, global average -> 4
    assertThat(model.layers().get(n - 8).outputShape()).isEqualTo(FeatureShape.image(7, 7, 4));
    assertThat(model.layers().get(n - 7).outputShape()).isEqualTo(FeatureShape.image(6, 6, 4));
    assertThat(model.layers().get(n - 5).outputShape()).isEqualTo(FeatureShape.flat(4));
    assertThat(model.layers().get(n - 4).trainableParameters()).isEqualTo(4 * 12 + 12);
    assertThat(model.layers().get(n - 1).kerasClass()).isEqualTo("Activation");
    assertThat(model.layers().stream().map(Layer::name)).contains("activation",
        "activation_1", "batch_normalization_1", "dense_1", "global_average_pooling2d");
  }

  @Test
  void gradientsBuildAndTrainForEveryLayerTypeActivationAndLabelSmoothing() {
    String recipe = EVERYTHING;
    var withSmoothing = io.clothing.api.TrainingRecipe.parse("""
        {"name": "t", "model": {"name": "t", "layers": [%s]},
         "optimizer": {"type": "nadam", "learning_rate": 0.01}, "loss": {"label_smoothing": 0.2},
         "epochs": 1, "batch_size": 8, "seed": 1}
        """.formatted(recipe), "t.json");
    try (TrainingGraph graph = TrainingGraph.build(withSmoothing, new TensorFlowRuntime(1, 1))) {
      Batch batch = TrainingGraphTest.learnable(20, 4);
      float loss = graph.step(batch, 0.01f).loss();
      assertThat(loss).isFinite().isPositive();
      assertThat(graph.step(batch, 0.01f).loss()).isFinite();
    }
  }

  @Test
  void dropoutIsTheIdentityAtInference() {
    try (Graph g = new Graph()) {
      GraphBuilder b = new GraphBuilder(g, 1);
      Ops tf = b.tf();
      Operand<TFloat32> x = tf.constant(new float[] {1, 2, 3});
      DropoutLayer dropout = new DropoutLayer("dropout", FeatureShape.flat(3), 0.5);
      assertThat(dropout.apply(b, x, false)).isSameAs(x);
      assertThat(dropout.apply(b, x, true)).isNotSameAs(x);
    }
  }
}
