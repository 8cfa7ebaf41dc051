package io.clothing.tf;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The name and input shape every built-in layer holds. */
abstract class AbstractLayer implements Layer {
  /** The Keras-style unique name. */
  protected final String name;
  /** The input shape, without the batch dimension. */
  protected final FeatureShape input;

  AbstractLayer(String name, FeatureShape input) {
    this.name = name;
    this.input = input;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final FeatureShape inputShape() {
    return input;
  }

  /** The saved tensor {@code name}, of {@code shape}, for the inference graph. */
  static Operand<TFloat32> weight(GraphBuilder graph, Map<String, float[]> weights, String name,
      long... shape) {
    float[] values = weights.get(name);
    if (values == null) {
      throw new IllegalStateException("no weights for " + name);
    }
    return graph.inferenceWeight(name, shape, values);
  }
}
