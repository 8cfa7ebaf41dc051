package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ModelSpec;
import io.clothing.api.RecipeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-style sequential network on 28x28x1 images ending in ten class scores, built from a
 * recipe's {@link ModelSpec}. It knows its shapes, parameter counts and FLOPs without TensorFlow
 * ({@link #summary()} prints Keras' table), and adds its training and inference paths to a graph.
 *
 * <p>The last layer must produce ten values: either softmax probabilities (a {@code dense} layer
 * with {@code "activation": "softmax"}, or a final softmax {@code activation} layer), whose
 * pre-softmax logits the loss then uses, as Keras does, or plain logits.
 *
 * <p>Not thread-safe; a model instance builds one graph.
 */
public final class SequentialModel {
  /** The input shape every model takes. */
  public static final FeatureShape INPUT = FeatureShape.image(GrayImage.SIDE, GrayImage.SIDE, 1);

  private final String name;
  private final List<Layer> layers;

  private SequentialModel(String name, List<Layer> layers) {
    this.name = name;
    this.layers = List.copyOf(layers);
  }

  /**
   * Builds the layers of {@code spec}.
   *
   * @throws RecipeException naming the layer and parameter, if a layer is refused
   */
  public static SequentialModel from(ModelSpec spec) {
    LayerFactory factory = new LayerFactory();
    List<Layer> layers = new ArrayList<>();
    FeatureShape shape = INPUT;
    List<ObjectNode> specs = spec.layers();
    for (int i = 0; i < specs.size(); i++) {
      Layer layer = factory.create(specs.get(i), shape, "model.layers[" + i + "]");
      layers.add(layer);
      shape = layer.outputShape();
    }
    if (shape.isImage() || shape.size() != Garment.COUNT) {
      throw new RecipeException("model.layers", "the last layer must output "
          + Garment.COUNT + " class scores, got " + shape.toKeras());
    }
    Layer last = layers.get(layers.size() - 1);
    Activation finalActivation = last instanceof DenseLayer d ? d.activation()
        : last instanceof ReshapingLayer r && r.isActivation()
            ? activationOf(specs.get(specs.size() - 1)) : Activation.LINEAR;
    if (finalActivation != Activation.LINEAR && finalActivation != Activation.SOFTMAX) {
      throw new RecipeException("model.layers[" + (specs.size() - 1) + "].activation",
          "the last layer must give logits (linear) or softmax probabilities, got "
              + finalActivation.id());
    }
    return new SequentialModel(spec.name(), layers);
  }

  private static Activation activationOf(ObjectNode spec) {
    Activation a = Activation.byId(spec.path("activation").asText("linear"));
    return a == null ? Activation.LINEAR : a;
  }

  /** The architecture's name from the recipe. */
  public String name() {
    return name;
  }

  /** The layers in order; unmodifiable. */
  List<Layer> layers() {
    return layers;
  }

  /** All parameters, trainable or not. */
  public long totalParameters() {
    return trainableParameters() + nonTrainableParameters();
  }

  /** Parameters updated by the optimizer. */
  public long trainableParameters() {
    return layers.stream().mapToLong(Layer::trainableParameters).sum();
  }

  /** Parameters not trained by gradients (batch-norm moving statistics). */
  public long nonTrainableParameters() {
    return layers.stream().mapToLong(Layer::nonTrainableParameters).sum();
  }

  /**
   * A lower bound of the memory training needs, in bytes: four copies of every parameter
   * (weights, gradients and two optimizer slots) and, per image of the batch, every layer's
   * output three times (forward values, gradients and one temporary), in 32-bit floats.
   */
  public long trainingBytes(int batchSize) {
    long activations = INPUT.size();
    for (Layer layer : layers) {
      activations += layer.outputShape().size();
    }
    return 4 * (4 * totalParameters() + 3 * activations * batchSize);
  }

  /**
   * Refuses to train this model when {@link #trainingBytes} exceeds {@code availableBytes},
   * naming both figures, before TensorFlow tries to allocate it.
   *
   * @throws RecipeException for {@code model}
   */
  public void checkTrainingFits(int batchSize, long availableBytes) {
    long needed = trainingBytes(batchSize);
    if (needed > availableBytes) {
      throw new RecipeException("model", String.format("training %s (%,d parameters) at batch "
          + "%d needs at least %,d MB, more than the %,d MB this machine has", name,
          totalParameters(), batchSize, needed >> 20, availableBytes >> 20));
    }
  }

  /** The machine's physical memory in bytes, or {@code Long.MAX_VALUE} if it cannot be read. */
  static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE;
  }

  /** Forward-pass floating-point operations per image (a multiply-add counts two). */
  public long flopsPerImage() {
    return layers.stream().mapToLong(Layer::flops).sum();
  }

  /** Creates every layer's variables. */
  void createVariables(GraphBuilder graph) {
    for (Layer layer : layers) {
      layer.createVariables(graph);
    }
  }

  /**
   * Adds a forward pass that ends in the ten logits (the pre-softmax values when the model ends
   * in a softmax).
   */
  Operand<TFloat32> logits(GraphBuilder graph, Operand<TFloat32> images, boolean training) {
    Operand<TFloat32> x = images;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      boolean last = i == layers.size() - 1;
      if (last && layer instanceof DenseLayer dense) {
        return dense.logits(graph, x);
      }
      if (last && layer instanceof ReshapingLayer r && r.isActivation()) {
        return x; // a final activation layer: softmax (checked in from()) is applied later
      }
      x = layer.apply(graph, x, training);
    }
    return x;
  }

  /** Every saved weight tensor of the model, by name, with its shape, in layer order. */
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (Layer layer : layers) {
      shapes.putAll(layer.weightShapes());
    }
    return shapes;
  }

  /**
   * Adds the inference path with the saved {@code weights} (by tensor name, made into graph
   * weights by {@link GraphBuilder#inferenceWeight}), ending in the ten logits. A batch normalization right after a convolution or dense layer without
   * activation is folded into its kernel and bias; dropout is left out.
   */
  Operand<TFloat32> inferenceLogits(GraphBuilder graph, Operand<TFloat32> images,
      Map<String, float[]> weights) {
    Operand<TFloat32> x = images;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      Map<String, float[]> w = weights;
      boolean folds = layer instanceof LinearLayer linear && linear.isLinear()
          && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNormalizationLayer;
      if (folds) {
        w = ((BatchNormalizationLayer) layers.get(i + 1)).foldInto((LinearLayer) layer, weights);
      }
      int lastUsed = folds ? i + 1 : i;
      boolean last = lastUsed == layers.size() - 1;
      if (last && layer instanceof DenseLayer dense) {
        return dense.inferLogits(graph, x, w);
      }
      if (last && layer instanceof ReshapingLayer r && r.isActivation()) {
        return x; // a final activation layer: softmax (checked in from()) is applied later
      }
      x = layer.infer(graph, x, w);
      i = lastUsed;
    }
    return x;
  }

  /** Keras' {@code model.summary()} table, with the FLOPs per image after the totals. */
  public String summary() {
    return KerasSummary.format(this);
  }
}
