package io.clothing.tf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Keras' {@code Conv2D}: glorot-uniform kernel, zero bias, optional activation. */
final class Conv2DLayer extends AbstractLayer implements LinearLayer {
  private final FeatureShape output;
  private final int filters;
  private final int kernelHeight;
  private final int kernelWidth;
  private final int stride;
  private final boolean same;
  private final boolean useBias;
  private final Activation activation;
  private Variable<TFloat32> kernel;
  private Variable<TFloat32> bias;

  Conv2DLayer(String name, FeatureShape input, int filters, int kernelHeight, int kernelWidth,
      int stride, boolean same, boolean useBias, Activation activation) {
    super(name, input);
    this.filters = filters;
    this.kernelHeight = kernelHeight;
    this.kernelWidth = kernelWidth;
    this.stride = stride;
    this.same = same;
    this.useBias = useBias;
    this.activation = activation;
    int h = same ? ceilDiv(input.height(), stride) : (input.height() - kernelHeight) / stride + 1;
    int w = same ? ceilDiv(input.width(), stride) : (input.width() - kernelWidth) / stride + 1;
    this.output = FeatureShape.image(h, w, filters);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
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
    return (long) kernelHeight * kernelWidth * input.channels() * filters + (useBias ? filters : 0);
  }

  @Override
  public long flops() {
    long macs = (long) kernelHeight * kernelWidth * input.channels() * filters * output.height()
        * output.width();
    return 2 * macs + (useBias ? output.size() : 0) + activation.flopsPerValue() * output.size();
  }

  @Override
  public void createVariables(GraphBuilder graph) {
    double fanIn = (double) kernelHeight * kernelWidth * input.channels();
    double fanOut = (double) kernelHeight * kernelWidth * filters;
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
    Operand<TFloat32> y = tf.nn.conv2d(x, k, List.of(1L, (long) stride, (long) stride, 1L),
        same ? "SAME" : "VALID");
    if (b != null) {
      y = tf.nn.biasAdd(y, b);
    }
    return activation.apply(tf, y);
  }

  private long[] kernelShape() {
    return new long[] {kernelHeight, kernelWidth, input.channels(), filters};
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
