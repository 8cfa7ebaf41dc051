package io.clothing.tf;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Keras' {@code BatchNormalization} over the last axis: gamma ones, beta zeros, moving mean zeros
 * and moving variance ones; in training, batch statistics normalise and the moving statistics
 * follow them with {@code momentum}; at inference the moving statistics normalise. Flat inputs are
 * reshaped to {@code [N, 1, 1, C]} for the fused kernel.
 */
final class BatchNormalizationLayer extends AbstractLayer {
  private final float momentum;
  private final float epsilon;
  private Variable<TFloat32> gamma;
  private Variable<TFloat32> beta;
  private Variable<TFloat32> movingMean;
  private Variable<TFloat32> movingVariance;

  BatchNormalizationLayer(String name, FeatureShape input, double momentum, double epsilon) {
    super(name, input);
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
  }

  @Override
  public String kerasClass() {
    return "BatchNormalization";
  }

  @Override
  public FeatureShape outputShape() {
    return input;
  }

  @Override
  public long trainableParameters() {
    return 2L * input.channels();
  }

  @Override
  public long nonTrainableParameters() {
    return 2L * input.channels();
  }

  @Override
  public long flops() {
    return 4 * input.size();
  }

  @Override
  public void createVariables(GraphBuilder graph) {
    long[] c = {input.channels()};
    gamma = graph.constantVariable(name + "_gamma", c, 1f, true);
    beta = graph.constantVariable(name + "_beta", c, 0f, true);
    movingMean = graph.constantVariable(name + "_moving_mean", c, 0f, false);
    movingVariance = graph.constantVariable(name + "_moving_variance", c, 1f, false);
  }

  @Override
  public Map<String, long[]> weightShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (String suffix : new String[] {"_gamma", "_beta", "_moving_mean", "_moving_variance"}) {
      shapes.put(name + suffix, new long[] {input.channels()});
    }
    return shapes;
  }

  /**
   * This normalization at inference as one per-channel affine map, {@code x . scale + shift},
   * with {@code scale = gamma / sqrt(moving_variance + epsilon)} and
   * {@code shift = beta - moving_mean . scale}: {@code [scale, shift]}.
   */
  float[][] scaleAndShift(Map<String, float[]> weights) {
    float[] gamma = weights.get(name + "_gamma");
    float[] beta = weights.get(name + "_beta");
    float[] mean = weights.get(name + "_moving_mean");
    float[] variance = weights.get(name + "_moving_variance");
    float[] scale = new float[gamma.length];
    float[] shift = new float[gamma.length];
    for (int c = 0; c < gamma.length; c++) {
      double s = gamma[c] / Math.sqrt((double) variance[c] + epsilon);
      scale[c] = (float) s;
      shift[c] = (float) (beta[c] - mean[c] * s);
    }
    return new float[][] {scale, shift};
  }

  /**
   * Folds this normalization into {@code layer}, which it directly follows: the weights with the
   * layer's kernel and bias replaced by {@code kernel . scale} and {@code bias . scale + shift}
   * (per output channel, the kernel's last axis).
   */
  Map<String, float[]> foldInto(LinearLayer layer, Map<String, float[]> weights) {
    float[][] affine = scaleAndShift(weights);
    float[] scale = affine[0];
    float[] kernel = weights.get(layer.kernelName()).clone();
    int channels = scale.length;
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] *= scale[i % channels];
    }
    float[] bias = new float[channels];
    float[] oldBias = weights.get(layer.biasName());
    for (int c = 0; c < channels; c++) {
      bias[c] = (oldBias == null ? 0 : oldBias[c]) * scale[c] + affine[1][c];
    }
    Map<String, float[]> folded = new HashMap<>(weights);
    folded.put(layer.kernelName(), kernel);
    folded.put(layer.biasName(), bias);
    return folded;
  }

  /**
   * A normalization that could not be folded (it follows an activation) stays TensorFlow's fused
   * kernel with constant statistics: oneDNN runs that in the convolutions' own memory layout,
   * where a separate multiply and add would convert the layout back and forth.
   */
  @Override
  public Operand<TFloat32> infer(GraphBuilder graph, Operand<TFloat32> x,
      Map<String, float[]> weights) {
    Ops tf = graph.tf();
    long c = input.channels();
    return normalize(tf, x, weight(graph, weights, name + "_gamma", c),
        weight(graph, weights, name + "_beta", c), weight(graph, weights, name + "_moving_mean", c),
        weight(graph, weights, name + "_moving_variance", c));
  }

  /** Normalizes with the given moving statistics, as at inference. */
  private Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x, Operand<TFloat32> g,
      Operand<TFloat32> b, Operand<TFloat32> mean, Operand<TFloat32> variance) {
    return fromNhwc(tf, tf.nn.fusedBatchNorm(toNhwc(tf, x), g, b, mean, variance,
        FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(epsilon)).y());
  }

  /** Flat inputs as {@code [N, 1, 1, C]}, the shape the fused kernel takes. */
  private Operand<TFloat32> toNhwc(Ops tf, Operand<TFloat32> x) {
    return input.isImage() ? x
        : tf.reshape(x, tf.constant(new long[] {-1, 1, 1, input.channels()}));
  }

  private Operand<TFloat32> fromNhwc(Ops tf, Operand<TFloat32> y) {
    return input.isImage() ? y : tf.reshape(y, tf.constant(new long[] {-1, input.channels()}));
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    Ops tf = graph.tf();
    if (!training) {
      return normalize(tf, x, gamma, beta, movingMean, movingVariance);
    }
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(toNhwc(tf, x), gamma, beta,
        movingMean, movingVariance, FusedBatchNorm.isTraining(true),
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.exponentialAvgFactor(1f - momentum));
    // with is_training and a factor below 1, these outputs are the updated moving statistics
    graph.addTrainingUpdate(tf.assign(movingMean, bn.batchMean()));
    graph.addTrainingUpdate(tf.assign(movingVariance, bn.batchVariance()));
    return fromNhwc(tf, bn.y());
  }
}
