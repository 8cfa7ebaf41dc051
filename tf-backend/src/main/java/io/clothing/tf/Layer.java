package io.clothing.tf;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One layer of a sequential model, with Keras' meaning. A layer knows its shapes and parameter
 * counts without TensorFlow, creates its variables once in a {@link GraphBuilder}, and can then
 * be applied any number of times (the training and the inference path share the variables).
 *
 * <p>New layer types implement this interface and register a factory in {@link LayerFactory};
 * the trainer needs no change. Instances are used by one graph-building thread.
 */
interface Layer {

  /** The Keras-style unique name, such as {@code conv2d_1}. */
  String name();

  /** The Keras class name shown in summaries, such as {@code Conv2D}. */
  String kerasClass();

  /** The input shape given at construction. */
  FeatureShape inputShape();

  /** The output shape. */
  FeatureShape outputShape();

  /** Parameters the optimizer updates; none unless the layer has weights. */
  default long trainableParameters() {
    return 0;
  }

  /** Parameters that are not trained by gradients (batch-norm moving statistics). */
  default long nonTrainableParameters() {
    return 0;
  }

  /** Floating-point operations of the forward pass for one example (a multiply-add is two). */
  long flops();

  /** Creates this layer's variables. Called once, before {@link #apply}. */
  default void createVariables(GraphBuilder graph) {}

  /**
   * Adds this layer's computation to the graph.
   *
   * @param x the input, {@code [batch, ...inputShape()]}
   * @param training whether this is the training path (dropout active, batch statistics used and
   *     moving statistics updated) or the inference path
   */
  Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training);

  /**
   * The tensors this layer's weights are saved as, by name, with their shapes; empty for a
   * layer without weights. A model directory must hold exactly these.
   */
  default Map<String, long[]> weightShapes() {
    return Map.of();
  }

  /**
   * Adds this layer's inference path with its weights as constants ({@code weights} holds at
   * least the tensors of {@link #weightShapes()}, by name).
   */
  default Operand<TFloat32> infer(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    return apply(graph, x, false);
  }
}
