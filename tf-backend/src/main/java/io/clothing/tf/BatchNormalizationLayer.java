package io.clothing.tf;

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
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    Ops tf = graph.tf();
    Operand<TFloat32> in = input.isImage() ? x
        : tf.reshape(x, tf.constant(new long[] {-1, 1, 1, input.channels()}));
    Operand<TFloat32> y;
    if (training) {
      FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(in, gamma, beta, movingMean,
          movingVariance, FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(epsilon),
          FusedBatchNorm.exponentialAvgFactor(1f - momentum));
      // with is_training and a factor below 1, these outputs are the updated moving statistics
      graph.addTrainingUpdate(tf.assign(movingMean, bn.batchMean()));
      graph.addTrainingUpdate(tf.assign(movingVariance, bn.batchVariance()));
      y = bn.y();
    } else {
      y = tf.nn.fusedBatchNorm(in, gamma, beta, movingMean, movingVariance,
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(epsilon)).y();
    }
    return input.isImage() ? y : tf.reshape(y, tf.constant(new long[] {-1, input.channels()}));
  }
}
