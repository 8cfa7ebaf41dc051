package io.clothing.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras' {@code Dropout}: in training, each value is zeroed with probability {@code rate} and the
 * rest scaled by {@code 1 / (1 - rate)}; at inference the identity. Masks are stateless random
 * numbers keyed by (seed, layer, training step), so a resumed run draws the same masks.
 */
final class DropoutLayer extends AbstractLayer {
  private final float rate;

  DropoutLayer(String name, FeatureShape input, double rate) {
    super(name, input);
    this.rate = (float) rate;
  }

  @Override
  public String kerasClass() {
    return "Dropout";
  }

  @Override
  public FeatureShape outputShape() {
    return input;
  }

  @Override
  public long flops() {
    return 0;
  }

  @Override
  public Operand<TFloat32> apply(GraphBuilder graph, Operand<TFloat32> x, boolean training) {
    if (!training || rate == 0) {
      return x;
    }
    Ops tf = graph.tf();
    Operand<TInt64> key = tf.stack(List.of(tf.constant(graph.nextSeedKey()),
        tf.identity(graph.step())));
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x, TInt64.class), key,
        TFloat32.class);
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)),
        TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }
}
