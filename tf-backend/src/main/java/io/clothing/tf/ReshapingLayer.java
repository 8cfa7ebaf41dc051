package io.clothing.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The parameter-free layers that change shape or apply a function: Keras' {@code Flatten},
 * {@code GlobalAveragePooling2D} and {@code Activation}.
 */
final class ReshapingLayer extends AbstractLayer {
  enum Kind { FLATTEN, GLOBAL_AVERAGE_POOLING, ACTIVATION }

  private final Kind kind;
  private final Activation activation;

  ReshapingLayer(String name, Kind kind, FeatureShape input, Activation activation) {
    super(name, input);
    this.kind = kind;
    this.activation = activation;
  }

  /** Whether this is an {@code Activation} layer (which, last, the loss takes over). */
  boolean isActivation() {
    return kind == Kind.ACTIVATION;
  }

  @Override
  public String kerasClass() {
    return switch (kind) {
      case FLATTEN -> "Flatten";
      case GLOBAL_AVERAGE_POOLING -> "GlobalAveragePooling2D";
      case ACTIVATION -> "Activation";
    };
  }

  @Override
  public FeatureShape outputShape() {
    return switch (kind) {
      case FLATTEN -> FeatureShape.flat((int) input.size());
      case GLOBAL_AVERAGE_POOLING -> FeatureShape.flat(input.channels());
      case ACTIVATION -> input;
    };
  }

  @Override
  public long flops() {
    return switch (kind) {
      case FLATTEN -> 0;
      case GLOBAL_AVERAGE_POOLING -> input.size();
      case ACTIVATION -> activation.flopsPerValue() * input.size();
    };
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    Ops tf = graph.tf();
    return switch (kind) {
      case FLATTEN -> tf.reshape(x, tf.constant(new long[] {-1, input.size()}));
      case GLOBAL_AVERAGE_POOLING -> tf.math.mean(x, tf.constant(new int[] {1, 2}));
      case ACTIVATION -> activation.apply(tf, x);
    };
  }
}
