package io.clothing.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras' {@code MaxPooling2D} and {@code AveragePooling2D}. */
final class PoolingLayer extends AbstractLayer {
  private final boolean max;
  private final FeatureShape output;
  private final int pool;
  private final int stride;
  private final boolean same;

  PoolingLayer(String name, boolean max, FeatureShape input, int pool, int stride, boolean same) {
    super(name, input);
    this.max = max;
    this.pool = pool;
    this.stride = stride;
    this.same = same;
    int h = same ? (input.height() + stride - 1) / stride : (input.height() - pool) / stride + 1;
    int w = same ? (input.width() + stride - 1) / stride : (input.width() - pool) / stride + 1;
    this.output = FeatureShape.image(h, w, input.channels());
  }

  @Override
  public String kerasClass() {
    return max ? "MaxPooling2D" : "AveragePooling2D";
  }

  @Override
  public FeatureShape outputShape() {
    return output;
  }

  @Override
  public long flops() {
    return (long) pool * pool * output.size();
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    Ops tf = graph.tf();
    String padding = same ? "SAME" : "VALID";
    if (max) {
      return tf.nn.maxPool(x, tf.constant(new int[] {1, pool, pool, 1}),
          tf.constant(new int[] {1, stride, stride, 1}), padding);
    }
    return tf.nn.avgPool(x, List.of(1L, (long) pool, (long) pool, 1L),
        List.of(1L, (long) stride, (long) stride, 1L), padding);
  }
}
