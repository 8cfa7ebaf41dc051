package io.clothing.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras' {@code DepthwiseConv2D} (each input channel convolved with its own
 * {@code depth_multiplier} kernels, output channel {@code c * depth_multiplier + m}) and
 * {@code SeparableConv2D} (that, then a 1x1 convolution to {@code filters} channels). Kernels
 * glorot-uniform with Keras' fans for their shapes ({@code (kh, kw, in, multiplier)} and
 * {@code (1, 1, in * multiplier, filters)}), bias zeros. The separable form's bias and activation
 * follow the pointwise step, as in Keras.
 */
final class DepthwiseConv2DLayer extends AbstractLayer implements LinearLayer {
  private final Window window;
  private final int depthMultiplier;
  private final int pointwiseFilters;
  private final boolean useBias;
  private final Activation activation;
  private final FeatureShape depthwiseOutput;
  private final FeatureShape output;
  private Variable<TFloat32> depthwiseKernel;
  private Variable<TFloat32> pointwiseKernel;
  private Variable<TFloat32> bias;

  /**
   * @param pointwiseFilters the separable form's output channels, or 0 for a depthwise layer
   */
  DepthwiseConv2DLayer(String name, FeatureShape input, Window window, int depthMultiplier,
      int pointwiseFilters, boolean useBias, Activation activation) {
    super(name, input);
    this.window = window;
    this.depthMultiplier = depthMultiplier;
    this.pointwiseFilters = pointwiseFilters;
    this.useBias = useBias;
    this.activation = activation;
    this.depthwiseOutput = window.output(input, input.channels() * depthMultiplier);
    this.output = separable() ? FeatureShape.image(depthwiseOutput.height(),
        depthwiseOutput.width(), pointwiseFilters) : depthwiseOutput;
  }

  private boolean separable() {
    return pointwiseFilters > 0;
  }

  @Override
  public String kerasClass() {
    return separable() ? "SeparableConv2D" : "DepthwiseConv2D";
  }

  @Override
  public FeatureShape outputShape() {
    return output;
  }

  private long[] depthwiseShape() {
    return new long[] {window.kernelHeight(), window.kernelWidth(), input.channels(),
        depthMultiplier};
  }

  private long[] pointwiseShape() {
    return new long[] {1, 1, depthwiseOutput.channels(), pointwiseFilters};
  }

  @Override
  public long trainableParameters() {
    long params = window.area() * depthwiseOutput.channels();
    if (separable()) {
      params += (long) depthwiseOutput.channels() * pointwiseFilters;
    }
    return params + (useBias ? output.channels() : 0);
  }

  @Override
  public long flops() {
    long pixels = (long) output.height() * output.width();
    long macs = window.area() * depthwiseOutput.channels() * pixels;
    if (separable()) {
      macs += (long) depthwiseOutput.channels() * pointwiseFilters * pixels;
    }
    return 2 * macs + (useBias ? output.size() : 0) + activation.flopsPerValue() * output.size();
  }

  /** The saved name of the depthwise kernel. */
  private String depthwiseName() {
    return name + "_depthwise_kernel";
  }

  @Override
  public String kernelName() {
    return separable() ? name + "_pointwise_kernel" : depthwiseName();
  }

  @Override
  public void createVariables(GraphBuilder graph) {
    depthwiseKernel = graph.uniformVariable(depthwiseName(), depthwiseShape(),
        glorotLimit(depthwiseShape()), true);
    if (separable()) {
      pointwiseKernel = graph.uniformVariable(kernelName(), pointwiseShape(),
          glorotLimit(pointwiseShape()), true);
    }
    if (useBias) {
      bias = graph.constantVariable(biasName(), new long[] {output.channels()}, 0f, true);
    }
  }

  /** Keras' glorot_uniform limit for a 4-D kernel: fans are the last two axes times the rest. */
  private static double glorotLimit(long[] shape) {
    double receptive = (double) shape[0] * shape[1];
    return Math.sqrt(6 / (shape[2] * receptive + shape[3] * receptive));
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    return forward(graph.tf(), x, depthwiseKernel, pointwiseKernel, useBias ? bias : null);
  }

  private Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, Operand<TFloat32> depthwise,
      Operand<TFloat32> pointwise, Operand<TFloat32> b) {
    Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(x, depthwise, window.strides(),
        window.padding());
    if (pointwise != null) {
      y = tf.nn.conv2d(y, pointwise, java.util.List.of(1L, 1L, 1L, 1L), "VALID");
    }
    if (b != null) {
      y = tf.nn.biasAdd(y, b);
    }
    return activation.apply(tf, y);
  }

  @Override
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(depthwiseName(), depthwiseShape());
    if (separable()) {
      shapes.put(kernelName(), pointwiseShape());
    }
    if (useBias) {
      shapes.put(biasName(), new long[] {output.channels()});
    }
    return shapes;
  }

  @Override
  public Operand<TFloat32> infer(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    return forward(graph.tf(), x, weight(graph, weights, depthwiseName(), depthwiseShape()),
        separable() ? weight(graph, weights, kernelName(), pointwiseShape()) : null,
        weights.containsKey(biasName())
            ? weight(graph, weights, biasName(), output.channels()) : null);
  }

  @Override
  public boolean isLinear() {
    return activation == Activation.LINEAR;
  }
}
