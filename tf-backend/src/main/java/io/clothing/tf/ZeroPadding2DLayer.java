package io.clothing.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras' {@code ZeroPadding2D}: rows and columns of zeros around each image. */
final class ZeroPadding2DLayer extends AbstractLayer {
  private final int[][] padding;

  /** @param padding {@code {{top, bottom}, {left, right}}} */
  ZeroPadding2DLayer(String name, FeatureShape input, int[][] padding) {
    super(name, input);
    this.padding = new int[][] {padding[0].clone(), padding[1].clone()};
  }

  @Override
  public String kerasClass() {
    return "ZeroPadding2D";
  }

  @Override
  public FeatureShape outputShape() {
    return FeatureShape.image(input.height() + padding[0][0] + padding[0][1],
        input.width() + padding[1][0] + padding[1][1], input.channels());
  }

  @Override
  public long flops() {
    return 0;
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    Ops tf = graph.tf();
    long[][] paddings = {{0, 0}, {padding[0][0], padding[0][1]}, {padding[1][0], padding[1][1]},
        {0, 0}};
    return tf.pad(x, tf.constant(paddings), tf.constant(0f));
  }
}
