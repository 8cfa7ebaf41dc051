package io.clothing.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Keras' {@code Dense}: glorot-uniform kernel, zero bias, optional activation. */
final class DenseLayer extends AbstractLayer implements LinearLayer {
  private final int units;
  private final boolean useBias;
  private final Activation activation;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

  DenseLayer(String name, FeatureShape input, int units, boolean useBias, Activation activation) {
    super(name, input);
    this.units = units;
    this.useBias = useBias;
    this.activation = activation;
  }

  /** The activation, which the trainer fuses with the loss when it is the last softmax. */
  Activation activation() {
    return activation;
  }

  @Override
  public String kerasClass() {
    return "Dense";
  }

  @Override
  public FeatureShape outputShape() {
    return FeatureShape.flat(units);
  }

  @Override
  public long trainableParameters() {
    return input.size() * units + (useBias ? units : 0);
  }

  @Override
  public long flops() {
    return 2 * input.size() * units + (useBias ? units : 0)
        + (long) activation.flopsPerValue() * units;
  }

  @Override
  public void createVariables(GraphBuilder graph) {
    kernel = graph.uniformVariable(kernelName(), new long[] {input.size(), units},
        Math.sqrt(6.0 / (input.size() + units)), true);
    if (useBias) {
      bias = graph.constantVariable(biasName(), new long[] {units}, 0f, true);
    }
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    return activation.apply(graph.tf(), logits(graph, x));
  }

  /** The pre-activation output. */
  Operand<TFloat32> logits(GraphBuilder graph, Operand<TFloat32> x) {
    return linear(graph.tf(), x, kernel, useBias ? bias : null);
  }

  private static Operand<TFloat32> linear(Ops tf, Operand<TFloat32> x, Operand<TFloat32> k,
      Operand<TFloat32> b) {
    Operand<TFloat32> y = tf.linalg.matMul(x, k);
    return b != null ? tf.nn.biasAdd(y, b) : y;
  }

  @Override
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(kernelName(), new long[] {input.size(), units});
    if (useBias) {
      shapes.put(biasName(), new long[] {units});
    }
    return shapes;
  }

  /** The pre-activation output with the saved weights. */
  Operand<TFloat32> inferLogits(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    Ops tf = graph.tf();
    return linear(tf, x, weight(graph, weights, kernelName(), input.size(), units),
        weights.containsKey(biasName()) ? weight(graph, weights, biasName(), units) : null);
  }

  @Override
  public Operand<TFloat32> infer(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    return activation.apply(graph.tf(), inferLogits(graph, x, weights));
  }

  @Override
  public boolean isLinear() {
    return activation == Activation.LINEAR;
  }
}
