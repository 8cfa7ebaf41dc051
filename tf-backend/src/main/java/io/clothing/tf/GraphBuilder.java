package io.clothing.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The state shared while layers add themselves to one TensorFlow graph: the ops factory, the
 * seeded initializers, the variables created so far (trainable ones separately), the batch-norm
 * updates to run with each training step, and the step counter that keys dropout masks.
 *
 * <p>Variables are plain {@code VariableV2} ops with flat names ({@code conv2d_kernel}), which is
 * what TensorFlow Java's checkpoints and SavedModel export save. Not thread-safe.
 */
public final class GraphBuilder {
  private final Graph graph;
  private final Ops tf;
  private final long seed;
  private long nextOpSeed;
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();
  private final List<Variable<TFloat32>> decayed = new ArrayList<>();
  private final List<Op> trainingUpdates = new ArrayList<>();
  private Variable<TInt64> step;

  /**
   * @param graph the graph to build into
   * @param seed the seed every initializer and dropout mask derives from
   */
  public GraphBuilder(Graph graph, long seed) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    this.seed = seed;
  }

  /** The graph. */
  public Graph graph() {
    return graph;
  }

  /** The ops factory. */
  public Ops tf() {
    return tf;
  }

  /** The training step counter (0 before the first step), saved with checkpoints. */
  public Variable<TInt64> step() {
    if (step == null) {
      step = tf.withName("global_step").variable(tf.withInitScope().constant(0L));
    }
    return step;
  }

  /** A new key for a stateless random op: (seed, a counter), unique within this graph. */
  public Operand<TInt64> nextSeedPair() {
    return tf.constant(new long[] {seed, nextOpSeed++});
  }

  /** A new 64-bit key derived from the seed, for ops that combine it with the step. */
  public long nextSeedKey() {
    return seed * 1_000_003L + nextOpSeed++;
  }

  /**
   * A trainable variable initialised to uniform values in {@code [-limit, limit]}, drawn
   * statelessly from the seed (Keras' glorot_uniform when {@code limit} is Glorot's).
   *
   * @param decay whether decoupled weight decay applies to it (kernels yes, biases no)
   */
  public Variable<TFloat32> uniformVariable(String name, long[] shape, double limit,
      boolean decay) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> unit = init.random.statelessRandomUniform(init.constant(shape),
        nextSeedPair(), TFloat32.class);
    Operand<TFloat32> values = init.math.mul(init.math.sub(unit, init.constant(0.5f)),
        init.constant((float) (2 * limit)));
    Variable<TFloat32> v = tf.withName(name).variable(values);
    trainable.add(v);
    if (decay) {
      decayed.add(v);
    }
    return v;
  }

  /** A variable filled with {@code value}; trainable or not. */
  public Variable<TFloat32> constantVariable(String name, long[] shape, float value,
      boolean isTrainable) {
    Ops init = tf.withInitScope();
    Variable<TFloat32> v = tf.withName(name).variable(
        init.fill(init.constant(shape), init.constant(value)));
    if (isTrainable) {
      trainable.add(v);
    }
    return v;
  }

  /** Records an op (a moving-statistics update) to run with every training step. */
  public void addTrainingUpdate(Op update) {
    trainingUpdates.add(update);
  }

  /** The trainable variables, in creation order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return List.copyOf(trainable);
  }

  /** The variables that decoupled weight decay applies to. */
  public List<Variable<TFloat32>> decayedVariables() {
    return List.copyOf(decayed);
  }

  /** The moving-statistics updates of the training path. */
  public List<Op> trainingUpdates() {
    return List.copyOf(trainingUpdates);
  }

  /** The shape as a TensorFlow {@link Shape}. */
  static Shape shape(long... dims) {
    return Shape.of(dims);
  }
}
