package io.clothing.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
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
final class GraphBuilder {
  private final Graph graph;
  private final Ops tf;
  private final long seed;
  private long nextOpSeed;
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();
  private final List<Variable<TFloat32>> decayed = new ArrayList<>();
  private final List<Op> trainingUpdates = new ArrayList<>();
  private final List<PendingWeight> pendingWeights = new ArrayList<>();
  private final boolean constantWeights;
  private Variable<TInt64> step;

  /**
   * @param graph the graph to build into
   * @param seed the seed every initializer and dropout mask derives from
   */
  public GraphBuilder(Graph graph, long seed) {
    this(graph, seed, null, false);
  }

  /**
   * A builder of one inference head in {@code graph}: its ops are named under {@code scope}, and
   * its {@link #inferenceWeight}s are constants or variables.
   */
  GraphBuilder(Graph graph, long seed, String scope, boolean constantWeights) {
    this.graph = graph;
    this.tf = scope == null ? Ops.create(graph) : Ops.create(graph).withSubScope(scope);
    this.seed = seed;
    this.constantWeights = constantWeights;
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

  /**
   * A weight of an inference head: a constant, or a variable that {@link #assignInferenceWeights}
   * fills once from {@code values} through a feed (so the graph holds no constant copy of it).
   * Constants make batches of a few images faster (TensorFlow prepares them once), but from
   * batch 8 up oneDNN re-prepares large constant weights on every call; variables avoid that.
   */
  public Operand<TFloat32> inferenceWeight(String name, long[] shape, float[] values) {
    if (constantWeights) {
      return tf.withName(name).constant(Shape.of(shape), DataBuffers.of(values, true, false));
    }
    Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
    Placeholder<TFloat32> feed = tf.withName(name + "_value").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(shape)));
    pendingWeights.add(new PendingWeight(feed, tf.assign(v, feed), Shape.of(shape), values));
    return v;
  }

  /** Fills every {@link #inferenceWeight} of this graph in {@code session}; once. */
  public void assignInferenceWeights(Session session) {
    for (PendingWeight w : pendingWeights) {
      try (TFloat32 value = TFloat32.tensorOf(w.shape(), DataBuffers.of(w.values(), true,
          false))) {
        session.runner().feed(w.feed(), value).addTarget(w.assign()).run();
      }
    }
    pendingWeights.clear();
  }

  private record PendingWeight(Placeholder<TFloat32> feed, Op assign, Shape shape,
      float[] values) {}

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
