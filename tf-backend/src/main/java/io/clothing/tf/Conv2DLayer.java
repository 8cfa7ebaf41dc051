package io.clothing.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Keras' {@code Conv2D}: glorot-uniform kernel, zero bias, optional activation. */
final class Conv2DLayer extends AbstractLayer implements LinearLayer {
  private final FeatureShape output;
  private final int filters;
  private final Window window;
  private final boolean useBias;
  private final Activation activation;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

  Conv2DLayer(String name, FeatureShape input, int filters, Window window, boolean useBias,
      Activation activation) {
    super(name, input);
    this.filters = filters;
    this.window = window;
    this.useBias = useBias;
    this.activation = activation;
    this.output = window.output(input, filters);
  }

  @Override
  public String kerasClass() {
    return "Conv2D";
  }

  @Override
  public FeatureShape outputShape() {
    return output;
  }

  @Override
  public long trainableParameters() {
    return window.area() * input.channels() * filters + (useBias ? filters : 0);
  }

  @Override
  public long flops() {
    long macs = window.area() * input.channels() * filters * output.height() * output.width();
    return 2 * macs + (useBias ? output.size() : 0) + activation.flopsPerValue() * output.size();
  }

  @Override
  public void createVariables(GraphBuilder graph) {
    double fanIn = (double) window.area() * input.channels();
    double fanOut = (double) window.area() * filters;
    kernel = graph.uniformVariable(kernelName(), kernelShape(),
        Math.sqrt(6 / (fanIn + fanOut)), true);
    if (useBias) {
      bias = graph.constantVariable(biasName(), new long[] {filters}, 0f, true);
    }
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    return forward(graph.tf(), x, kernel, useBias ? bias : null);
  }

  private Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, Operand<TFloat32> k,
      Operand<TFloat32> b) {
    Operand<TFloat32> y = tf.nn.conv2d(x, k, window.strides(), window.padding());
    if (b != null) {
      y = tf.nn.biasAdd(y, b);
    }
    return activation.apply(tf, y);
  }

  private long[] kernelShape() {
    return new long[] {window.kernelHeight(), window.kernelWidth(), input.channels(), filters};
  }

  @Override
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(kernelName(), kernelShape());
    if (useBias) {
      shapes.put(biasName(), new long[] {filters});
    }
    return shapes;
  }

  @Override
  public Operand<TFloat32> infer(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    Ops tf = graph.tf();
    return forward(tf, x, weight(graph, weights, kernelName(), kernelShape()),
        weights.containsKey(biasName()) ? weight(graph, weights, biasName(), filters) : null);
  }

  @Override
  public boolean isLinear() {
    return activation == Activation.LINEAR;
  }
}
