package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Batch;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelTrainer;
import io.clothing.api.RecipeException;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.BatchPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Functional (graph) recipes and the layers that need them. */
class FunctionalModelTest {

  /** One layer on an input of {@code height x width x channels}, built through a recipe. */
  private static Layer single(String layer, int height, int width, int channels) {
    // a zero_padding2d/conv2d prefix turns the 28x28x1 input into the wanted shape
    int pad = (height - 28) / 2;
    String prefix = height >= 28
        ? "{\"name\": \"shape\", \"type\": \"zero_padding2d\", \"padding\": " + pad + "},"
            + "{\"name\": \"widen\", \"type\": \"conv2d\", \"filters\": " + channels
            + ", \"kernel_size\": 1},"
        : "{\"name\": \"widen\", \"type\": \"conv2d\", \"filters\": " + channels
            + ", \"kernel_size\": " + (28 - height + 1) + "},";
    Network net = network(prefix + layer + ", {\"type\": \"flatten\"},"
        + "{\"type\": \"dense\", \"units\": 10}");
    return net.layers().get(net.layers().size() - 3);
  }

  private static Network network(String layers) {
    return Network.from(TestRecipes.withLayers(layers).model());
  }

  @Test
  void depthwiseAndSeparableShapesFollowKerasOwnTests() {
    // cases from keras/src/layers/convolutional/depthwise_conv_test.py (Keras 3,
    // test_depthwise_conv2d_basic) and separable_conv_test.py (test_separable_conv2d_basic):
    // input (5, 5, 4)
    Layer depthwise = single("{\"type\": \"depthwise_conv2d\", \"depth_multiplier\": 5,"
        + " \"kernel_size\": 2, \"strides\": 1, \"padding\": \"valid\"}", 5, 5, 4);
    assertThat(depthwise.outputShape()).isEqualTo(FeatureShape.image(4, 4, 20));
    Layer strided = single("{\"type\": \"depthwise_conv2d\", \"depth_multiplier\": 6,"
        + " \"kernel_size\": [2, 2], \"strides\": [2, 2], \"padding\": \"valid\"}", 5, 5, 4);
    assertThat(strided.outputShape()).isEqualTo(FeatureShape.image(2, 2, 24));
    Layer separable = single("{\"type\": \"separable_conv2d\", \"depth_multiplier\": 5,"
        + " \"filters\": 5, \"kernel_size\": 2, \"strides\": 1, \"padding\": \"valid\"}", 5, 5, 4);
    assertThat(separable.outputShape()).isEqualTo(FeatureShape.image(4, 4, 5));
    Layer separableStrided = single("{\"type\": \"separable_conv2d\", \"depth_multiplier\": 6,"
        + " \"filters\": 6, \"kernel_size\": [2, 2], \"strides\": [2, 2]}", 5, 5, 4);
    assertThat(separableStrided.outputShape()).isEqualTo(FeatureShape.image(2, 2, 6));
    Layer same = single("{\"type\": \"depthwise_conv2d\", \"depth_multiplier\": 6,"
        + " \"kernel_size\": 2, \"padding\": \"same\"}", 4, 4, 4);
    assertThat(same.outputShape()).isEqualTo(FeatureShape.image(4, 4, 24));
  }

  @Test
  void parameterCountsAreTheWeightShapesKerasBuilds() {
    // Keras' build(): DepthwiseConv2D kernel (kh, kw, in, multiplier) + bias (in * multiplier);
    // SeparableConv2D depthwise (kh, kw, in, multiplier) + pointwise (1, 1, in * multiplier,
    // filters) + bias (filters) (keras/src/layers/convolutional/base_depthwise_conv.py and
    // base_separable_conv.py)
    Layer depthwise = single("{\"type\": \"depthwise_conv2d\", \"depth_multiplier\": 5,"
        + " \"kernel_size\": 2}", 5, 5, 4);
    assertThat(depthwise.trainableParameters()).isEqualTo(2 * 2 * 4 * 5 + 4 * 5);
    assertThat(depthwise.weightShapes().values()).containsExactly(new long[] {2, 2, 4, 5},
        new long[] {20});
    Layer separable = single("{\"type\": \"separable_conv2d\", \"depth_multiplier\": 6,"
        + " \"filters\": 6, \"kernel_size\": [2, 3], \"use_bias\": false}", 5, 5, 4);
    assertThat(separable.trainableParameters()).isEqualTo(2 * 3 * 4 * 6 + 24 * 6);
    assertThat(separable.weightShapes().values()).containsExactly(new long[] {2, 3, 4, 6},
        new long[] {1, 1, 24, 6});
    // ZeroPadding2D docstring: padding 1 on (1, 1, 2, 2) gives (1, 3, 4, 2)... here on 28x28
    Network padded = network("{\"type\": \"zero_padding2d\", \"padding\": [[1, 2], [3, 4]]},"
        + "{\"type\": \"zero_padding2d\"}, {\"type\": \"flatten\"},"
        + "{\"type\": \"dense\", \"units\": 10}");
    assertThat(padded.layers().get(0).outputShape()).isEqualTo(FeatureShape.image(31, 35, 1));
    assertThat(padded.layers().get(1).outputShape()).isEqualTo(FeatureShape.image(33, 37, 1));
    assertThat(padded.layers().get(0).trainableParameters()).isZero();
  }

  @Test
  void depthwiseConvolutionMatchesItsDefinition() {
    // output channel c * multiplier + m = sum over the window of input channel c times kernel
    // [i][j][c][m], plus bias; checked against a direct loop on random values
    FeatureShape in = FeatureShape.image(5, 5, 2);
    DepthwiseConv2DLayer layer = new DepthwiseConv2DLayer("dw", in, new Window(2, 3, 1, 2, false),
        2, 0, true, Activation.LINEAR);
    java.util.Random random = new java.util.Random(3);
    float[] x = new float[50];
    float[] kernel = new float[2 * 3 * 2 * 2];
    float[] bias = new float[4];
    for (float[] a : new float[][] {x, kernel, bias}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextGaussian();
      }
    }
    FeatureShape out = layer.outputShape();
    assertThat(out).isEqualTo(FeatureShape.image(4, 2, 4));
    float[] actual = new float[(int) out.size()];
    try (Graph g = new Graph()) {
      GraphBuilder b = new GraphBuilder(g, 1, null, true);
      Operand<TFloat32> input = b.tf().constant(Shape.of(1, 5, 5, 2), DataBuffers.of(x));
      Operand<TFloat32> y = layer.infer(b, input,
          Map.of("dw_depthwise_kernel", kernel, "dw_bias", bias));
      try (Session s = new Session(g); Result r = s.runner().fetch(y).run()) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual, false, false));
      }
    }
    for (int oy = 0; oy < 4; oy++) {
      for (int ox = 0; ox < 2; ox++) {
        for (int c = 0; c < 2; c++) {
          for (int m = 0; m < 2; m++) {
            double sum = bias[c * 2 + m];
            for (int i = 0; i < 2; i++) {
              for (int j = 0; j < 3; j++) {
                sum += x[((oy + i) * 5 + ox * 2 + j) * 2 + c] * kernel[((i * 3 + j) * 2 + c) * 2 + m];
              }
            }
            assertThat(actual[(oy * 2 + ox) * 4 + c * 2 + m]).isCloseTo((float) sum,
                within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void mergeLayersCheckShapesAndConnectSeveralInputs() {
    Network net = network("""
        {"name": "a", "type": "conv2d", "filters": 3, "kernel_size": 3, "padding": "same"},
        {"name": "b", "type": "conv2d", "filters": 5, "kernel_size": 3, "padding": "same",
         "inputs": "input_layer"},
        {"name": "joined", "type": "concatenate", "inputs": ["a", "b", "input_layer"]},
        {"name": "c", "type": "conv2d", "filters": 9, "kernel_size": 1, "inputs": "joined"},
        {"name": "sum", "type": "add", "inputs": ["c", "joined"]},
        {"type": "global_average_pooling2d"},
        {"type": "dense", "units": 10, "activation": "softmax"}""");
    assertThat(net.isFunctional()).isTrue();
    Map<String, Layer> byName = net.layers().stream()
        .collect(Collectors.toMap(Layer::name, l -> l));
    assertThat(byName.get("joined").outputShape()).isEqualTo(FeatureShape.image(28, 28, 9));
    assertThat(byName.get("sum").outputShape()).isEqualTo(FeatureShape.image(28, 28, 9));
    assertThat(byName.get("sum").trainableParameters()).isZero();
    assertThat(byName.get("sum").flops()).isEqualTo(28 * 28 * 9);
    assertThat(net.totalParameters()).isEqualTo((9 * 3 + 3) + (9 * 5 + 5) + (9 * 9 + 9)
        + (9 * 10 + 10));
  }

  @Test
  void summaryPrintsKerasFunctionalTable() {
    Network net = network("""
        {"name": "a", "type": "conv2d", "filters": 1, "kernel_size": 3, "padding": "same"},
        {"name": "sum", "type": "add", "inputs": ["a", "input_layer"]},
        {"type": "flatten"},
        {"type": "dense", "units": 10}""");
    String summary = net.summary();
    List<String> lines = summary.lines().toList();
    assertThat(lines.get(0)).isEqualTo("Model: \"functional\"");
    assertThat(lines.get(1)).isEqualTo("_".repeat(98));
    assertThat(lines.get(2)).isEqualTo(String.format("%-32s%-21s%-12s%-33s", " Layer (type)",
        "Output Shape", "Param #", "Connected to"));
    assertThat(lines.get(3)).isEqualTo("=".repeat(98));
    assertThat(lines.get(4)).isEqualTo(String.format("%-32s%-21s%-12s%-33s",
        " input_layer (InputLayer)", "[(None, 28, 28, 1)]", "0", "[]"));
    assertThat(summary).contains(String.format("%-32s%-21s%-12s%-33s", " sum (Add)",
        "(None, 28, 28, 1)", "0", "['a[0][0]',"))
        .contains(" ".repeat(65) + "'input_layer[0][0]']")
        .contains(String.format("%-32s%-21s%-12s%-33s", " a (Conv2D)", "(None, 28, 28, 1)",
            "10", "['input_layer[0][0]']"))
        .contains("Total params: 7,860\n");
    // a recipe without inputs keeps Keras' sequential table
    assertThat(network("{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 10}").summary())
        .startsWith("Model: \"sequential\"\n" + "_".repeat(65));
  }

  @Test
  void refusesInvalidGraphsNamingTheLayerAndTheProblem() {
    assertThatThrownBy(() -> network("""
        {"name": "a", "type": "conv2d", "filters": 2, "kernel_size": 3},
        {"type": "add", "inputs": ["a", "missing"]},
        {"type": "flatten"}, {"type": "dense", "units": 10}"""))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("model.layers[1].inputs: 'add' takes 'missing', which names no "
            + "layer; names: input_layer, a, add, flatten, dense");
    assertThatThrownBy(() -> network("""
        {"name": "a", "type": "conv2d", "filters": 2, "kernel_size": 3, "padding": "same",
         "inputs": "c"},
        {"name": "b", "type": "conv2d", "filters": 2, "kernel_size": 3, "padding": "same",
         "inputs": "a"},
        {"name": "c", "type": "add", "inputs": ["b", "input_layer"]},
        {"type": "flatten", "inputs": "c"}, {"type": "dense", "units": 10}"""))
        .isInstanceOf(RecipeException.class)
        .hasMessageContaining("is part of a cycle")
        .hasMessageContaining("a -> b -> c -> a");
    assertThatThrownBy(() -> network("""
        {"name": "small", "type": "conv2d", "filters": 1, "kernel_size": 3},
        {"type": "add", "inputs": ["small", "input_layer"]},
        {"type": "flatten"}, {"type": "dense", "units": 10}"""))
        .isInstanceOf(RecipeException.class)
        .hasMessage("model.layers[1].inputs: 'add' (add) needs inputs of one shape, got "
            + "(None, 26, 26, 1) from 'small', (None, 28, 28, 1) from 'input_layer'");
    assertThatThrownBy(() -> network("""
        {"name": "unused", "type": "conv2d", "filters": 1, "kernel_size": 3},
        {"type": "flatten", "inputs": "input_layer"}, {"type": "dense", "units": 10}"""))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("model.layers[0]: the output of 'unused' goes to no layer");
    assertThatThrownBy(() -> network("""
        {"type": "flatten"}, {"type": "dense", "units": 10, "inputs": ["flatten", "flatten"]}"""))
        .hasMessage("model.layers[1].inputs: 'dense' (dense) takes one input, got 2: "
            + "[flatten, flatten]");
    assertThatThrownBy(() -> network("""
        {"name": "x", "type": "flatten"}, {"name": "x", "type": "dense", "units": 10}"""))
        .hasMessage("model.layers[1].name: 'x' is already the name of another layer");
    assertThatThrownBy(() -> network("""
        {"name": "no spaces", "type": "flatten"}, {"type": "dense", "units": 10}"""))
        .hasMessageStartingWith("model.layers[0].name: expected a name of letters");
    assertThatThrownBy(() -> network("""
        {"type": "flatten"}, {"type": "dense", "units": 10, "inputs": 3}"""))
        .hasMessageStartingWith("model.layers[1].inputs: expected a layer name or a non-empty");
    assertThatThrownBy(() -> network("""
        {"name": "x", "type": "depthwise_conv2d", "kernel_size": 1},
        {"name": "x_depthwise", "type": "conv2d", "filters": 1, "kernel_size": 1},
        {"type": "flatten"}, {"type": "dense", "units": 10}"""))
        .hasMessageContaining("would both save a weight named 'x_depthwise_kernel'");
  }

  /** A post-activation ResNet: a stem and 3 stages of 2 blocks, projections where shapes change. */
  static String resnet(int... widths) {
    List<String> layers = new ArrayList<>();
    layers.add("{\"name\": \"stem\", \"type\": \"conv2d\", \"filters\": " + widths[0]
        + ", \"kernel_size\": 3, \"padding\": \"same\", \"use_bias\": false}");
    layers.add("{\"type\": \"batch_normalization\"}");
    layers.add("{\"name\": \"stem_relu\", \"type\": \"activation\", \"activation\": \"relu\"}");
    String previous = "stem_relu";
    int channels = widths[0];
    for (int stage = 0; stage < widths.length; stage++) {
      for (int block = 0; block < 2; block++) {
        String id = "s" + stage + "b" + block;
        int stride = stage > 0 && block == 0 ? 2 : 1;
        int f = widths[stage];
        layers.add("{\"name\": \"" + id + "_conv1\", \"type\": \"conv2d\", \"filters\": " + f
            + ", \"kernel_size\": 3, \"strides\": " + stride + ", \"padding\": \"same\","
            + " \"use_bias\": false, \"inputs\": \"" + previous + "\"}");
        layers.add("{\"type\": \"batch_normalization\"}");
        layers.add("{\"type\": \"activation\", \"activation\": \"relu\"}");
        layers.add("{\"name\": \"" + id + "_conv2\", \"type\": \"conv2d\", \"filters\": " + f
            + ", \"kernel_size\": 3, \"padding\": \"same\", \"use_bias\": false}");
        layers.add("{\"name\": \"" + id + "_bn2\", \"type\": \"batch_normalization\"}");
        String shortcut = previous;
        if (stride != 1 || channels != f) {
          layers.add("{\"name\": \"" + id + "_proj\", \"type\": \"conv2d\", \"filters\": " + f
              + ", \"kernel_size\": 1, \"strides\": " + stride + ", \"use_bias\": false,"
              + " \"inputs\": \"" + previous + "\"}");
          layers.add("{\"name\": \"" + id + "_proj_bn\", \"type\": \"batch_normalization\"}");
          shortcut = id + "_proj_bn";
        }
        layers.add("{\"name\": \"" + id + "_add\", \"type\": \"add\", \"inputs\": [\"" + id
            + "_bn2\", \"" + shortcut + "\"]}");
        layers.add("{\"name\": \"" + id + "_out\", \"type\": \"activation\","
            + " \"activation\": \"relu\"}");
        previous = id + "_out";
        channels = f;
      }
    }
    layers.add("{\"type\": \"global_average_pooling2d\"}");
    layers.add("{\"type\": \"dense\", \"units\": 10, \"activation\": \"softmax\"}");
    return String.join(",\n", layers);
  }

  @Test
  void gradientsBuildAndTrainForEveryNewLayer() {
    TrainingRecipe recipe = TestRecipes.withLayers("""
        {"type": "zero_padding2d", "padding": [[1, 0], [0, 1]]},
        {"name": "dw", "type": "depthwise_conv2d", "kernel_size": 3, "depth_multiplier": 2,
         "strides": [2, 1]},
        {"type": "batch_normalization"},
        {"name": "sep", "type": "separable_conv2d", "filters": 2, "kernel_size": 3,
         "padding": "same", "activation": "relu"},
        {"name": "sum", "type": "add", "inputs": ["sep", "batch_normalization"]},
        {"name": "cat", "type": "concatenate", "axis": -1, "inputs": ["sum", "dw"]},
        {"type": "flatten"},
        {"type": "dense", "units": 10, "activation": "softmax"}""");
    try (TrainingGraph graph = TrainingGraph.build(recipe, new TensorFlowRuntime(1, 1))) {
      Batch batch = TrainingGraphTest.learnable(20, 4);
      float first = graph.step(batch, 0.01f).loss();
      assertThat(first).isFinite().isPositive();
      float later = first;
      for (int i = 0; i < 20; i++) {
        later = graph.step(batch, 0.01f).loss();
      }
      assertThat(later).isLessThan(first);
    }
  }

  @Test
  void aSmallResNetTrainsSavesLoadsAndPredictsAsItsSavedModel(@TempDir Path dir) {
    TrainingRecipe recipe = TestRecipes.recipe(resnet(4, 8, 16),
        "{\"type\": \"adam\", \"learning_rate\": 0.01}", 2, 32);
    Network net = Network.from(recipe.model());
    assertThat(net.layers()).hasSize(3 + 6 * 7 + 2 * 2 + 2);
    ImageDataset train = TensorFlowTrainerTest.learnable(20, 1);
    ImageDataset validation = TensorFlowTrainerTest.learnable(3, 2);
    ModelTrainer.TrainingResult result;
    try (BatchPipeline training = BatchPipeline.builder(train).batchSize(32).shuffle(true)
            .seed(1).threads(1).build();
        BatchPipeline checking = BatchPipeline.builder(validation).batchSize(64).threads(0)
            .build()) {
      result = new TensorFlowTrainer(new TensorFlowRuntime(2, 1)).train(
          new ModelTrainer.TrainingJob(recipe, training, checking, List.of(),
              dir.resolve("work"), dir.resolve("model"), false, Map.of()),
          TrainingListener.NONE);
    }
    assertThat(result.history().epochs()).hasSize(2);
    assertThat(result.history().epochs().get(1).trainLoss())
        .isLessThan(result.history().epochs().get(0).trainLoss());

    float[] served;
    try (TensorFlowClassifier classifier = TensorFlowClassifier.load(result.modelDir(), "test",
        new TensorFlowRuntime(2, 1))) {
      served = classifier.probabilities(validation);
    }
    // the exported SavedModel (batch normalization unfolded, as trained) is the reference
    float[] exported = new float[served.length];
    float[] pixels = new float[validation.size() * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (validation.image(i / 784).pixels()[i % 784] & 0xFF) / 255f;
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(result.modelDir().toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(validation.size(), 28, 28, 1),
            DataBuffers.of(pixels));
        Result r = bundle.session().runner().feed("image", x).fetch("probabilities").run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(exported, false, false));
    }
    for (int i = 0; i < served.length; i++) {
      assertThat(served[i]).as("probability %d", i).isCloseTo(exported[i], within(1e-5f));
    }
  }
}
