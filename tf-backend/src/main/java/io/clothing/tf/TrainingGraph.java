package io.clothing.tf;

import io.clothing.api.Batch;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.TrainingRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One TensorFlow graph and session holding a model's training path (batch statistics, dropout,
 * loss, gradients, gated optimizer updates) and its inference path (moving statistics, softmax),
 * sharing the same variables. Feeds and fetches use the {@link Batch} buffers directly; every
 * tensor and result is closed.
 *
 * <p>Op names: inputs {@code image} {@code [-1,28,28,1]}, {@code labels} {@code [-1,10]} (the
 * training targets: one-hot or soft), {@code label_index} {@code [-1]} (what counts as correct),
 * {@code learning_rate}; outputs {@code loss}, {@code train_correct}, {@code probabilities},
 * {@code eval_loss_sum}, {@code eval_correct}; targets {@code train} and
 * {@code refresh_statistics}.
 *
 * <p>Not thread-safe: one training thread uses it.
 */
final class TrainingGraph implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Op train;
  private final Network network;
  private final Map<String, Assignment> assignments = new HashMap<>();

  private TrainingGraph(Graph graph, Session session, Op train, Network network) {
    this.graph = graph;
    this.session = session;
    this.train = train;
    this.network = network;
  }

  /** Builds the graph for {@code recipe}'s model and optimizer. */
  static TrainingGraph build(TrainingRecipe recipe, TensorFlowRuntime runtime) {
    Network model = Network.from(recipe.model());
    model.checkTrainingFits(recipe.batchSize(), Network.physicalMemory());
    Graph graph = new Graph();
    try {
      GraphBuilder b = new GraphBuilder(graph, recipe.seed());
      Ops tf = b.tf();
      Placeholder<TFloat32> images = imageInput(tf);
      Placeholder<TFloat32> labels = tf.withName("labels").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, Garment.COUNT)));
      Placeholder<TInt32> labelIndex = tf.withName("label_index").placeholder(TInt32.class,
          Placeholder.shape(Shape.of(-1)));
      Placeholder<TFloat32> learningRate = tf.withName("learning_rate")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      model.createVariables(b);

      float smoothing = (float) recipe.loss().labelSmoothing();
      Operand<TFloat32> targets = smoothing == 0 ? labels
          : tf.math.add(tf.math.mul(labels, tf.constant(1 - smoothing)),
              tf.constant(smoothing / Garment.COUNT));

      Operand<TFloat32> trainLogits = model.logits(b, images, true);
      Operand<TFloat32> loss = tf.withName("loss").math.mean(
          tf.nn.softmaxCrossEntropyWithLogits(trainLogits, targets).loss(), tf.constant(0));
      correct(tf, trainLogits, labelIndex, "train_correct");

      List<Variable<TFloat32>> variables = b.trainableVariables();
      Output<?>[] outputs = variables.stream().map(Variable::asOutput).toArray(Output[]::new);
      Output<?>[] gradients = graph.addGradients(loss.asOutput(), outputs);
      List<Op> updates = new ArrayList<>(GatedOptimizer.updates(b, variables,
          b.decayedVariables(), gradients, recipe.optimizer(), learningRate));
      updates.addAll(b.trainingUpdates());
      Op stepDone = tf.withControlDependencies(updates).assignAdd(b.step(), tf.constant(1L));
      Op train = tf.withControlDependencies(List.of(stepDone)).withName("train").noOp();

      Operand<TFloat32> evalLogits = model.logits(b, images, false);
      tf.withName("probabilities").nn.softmax(evalLogits);
      tf.withName("eval_loss_sum").sum(
          tf.nn.softmaxCrossEntropyWithLogits(evalLogits, targets).loss(), tf.constant(0));
      correct(tf, evalLogits, labelIndex, "eval_correct");
      tf.withControlDependencies(b.trainingUpdates()).withName("refresh_statistics").noOp();

      Session session = runtime.newSession(graph);
      session.initialize();
      return new TrainingGraph(graph, session, train, model);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The {@code image} placeholder every graph of this backend takes. */
  static Placeholder<TFloat32> imageInput(Ops tf) {
    return tf.withName("image").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, GrayImage.SIDE, GrayImage.SIDE, 1)));
  }

  private static void correct(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labelIndex,
      String name) {
    Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(
        tf.math.argMax(logits, tf.constant(1), TInt32.class), labelIndex), TFloat32.class);
    tf.withName(name).sum(hits, tf.constant(0));
  }

  /** Loss and number of correct predictions of one step. */
  record StepResult(float loss, float correct) {}

  /** Runs one training step on {@code batch} and returns its mean loss and correct count. */
  StepResult step(Batch batch, float learningRate) {
    int n = batch.size();
    try (TFloat32 x = images(batch);
        TFloat32 y = labels(batch);
        TInt32 k = labelIndices(batch);
        TFloat32 lr = TFloat32.scalarOf(learningRate);
        Result r = session.runner().feed("image", x).feed("labels", y).feed("label_index", k)
            .feed("learning_rate", lr).fetch("loss").fetch("train_correct").addTarget(train)
            .run()) {
      return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat());
    } finally {
      assert n == batch.size();
    }
  }

  /** Summed loss and correct count of the inference path on {@code batch}. */
  StepResult evaluate(Batch batch) {
    try (TFloat32 x = images(batch);
        TFloat32 y = labels(batch);
        TInt32 k = labelIndices(batch);
        Result r = session.runner().feed("image", x).feed("labels", y).feed("label_index", k)
            .fetch("eval_loss_sum").fetch("eval_correct").run()) {
      return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat());
    }
  }

  /** The inference path's probabilities for {@code batch}, row-major {@code [n][10]}. */
  float[] probabilities(Batch batch) {
    float[] out = new float[batch.size() * Garment.COUNT];
    try (TFloat32 x = images(batch);
        Result r = session.runner().feed("image", x).fetch("probabilities").run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
    }
    return out;
  }

  /**
   * Runs the training path's forward pass on {@code batch} and updates the moving statistics of
   * its batch normalizations from it, changing no weight.
   */
  void refreshStatistics(Batch batch) {
    try (TFloat32 x = images(batch)) {
      session.runner().feed("image", x).addTarget("refresh_statistics").run();
    }
  }

  /** The model's weights now, by name ({@link Network#weightShapes()}), row-major. */
  Map<String, float[]> weights() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> weight : network.weightShapes().entrySet()) {
      try (Result r = session.runner().fetch(weight.getKey()).run()) {
        TFloat32 value = (TFloat32) r.get(0);
        float[] values = new float[Math.toIntExact(value.size())];
        value.copyTo(DataBuffers.of(values, false, false));
        out.put(weight.getKey(), values);
      }
    }
    return out;
  }

  /** Sets the model's weights named in {@code weights} to the given row-major values. */
  void assignWeights(Map<String, float[]> weights) {
    Map<String, long[]> shapes = network.weightShapes();
    Ops tf = Ops.create(graph);
    for (Map.Entry<String, float[]> weight : weights.entrySet()) {
      Shape shape = Shape.of(shapes.get(weight.getKey()));
      Assignment assignment = assignments.computeIfAbsent(weight.getKey(), name -> {
        Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
        Operand<TFloat32> variable = graph.operation(name).output(0);
        return new Assignment(feed, tf.assign(variable, feed));
      });
      try (TFloat32 value = TFloat32.tensorOf(shape,
          DataBuffers.of(weight.getValue(), true, false))) {
        session.runner().feed(assignment.feed(), value).addTarget(assignment.assign()).run();
      }
    }
  }

  private record Assignment(Placeholder<TFloat32> feed, Op assign) {}

  /** Writes every variable (weights, moving statistics, optimizer slots, step) to a checkpoint. */
  void save(Path prefix) {
    try {
      java.nio.file.Files.createDirectories(prefix.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new io.clothing.api.ModelException("cannot create " + prefix.getParent() + ": " + e,
          e);
    }
    session.save(prefix.toString());
  }

  /** Restores every variable from a checkpoint written by {@link #save}. */
  void restore(Path prefix) {
    session.restore(prefix.toString());
  }

  /** The model this graph trains. */
  Network network() {
    return network;
  }

  /** The graph, for tests. */
  Graph graph() {
    return graph;
  }

  /** The session, for tests. */
  Session session() {
    return session;
  }

  static TFloat32 images(Batch batch) {
    int n = batch.size();
    return TFloat32.tensorOf(Shape.of(n, batch.height(), batch.width(), 1),
        DataBuffers.of(batch.images(), true, false).narrow((long) n * batch.pixelsPerImage()));
  }

  private static TFloat32 labels(Batch batch) {
    int n = batch.size();
    return TFloat32.tensorOf(Shape.of(n, Garment.COUNT),
        DataBuffers.of(batch.oneHotLabels(), true, false).narrow((long) n * Garment.COUNT));
  }

  private static TInt32 labelIndices(Batch batch) {
    int n = batch.size();
    return TInt32.tensorOf(Shape.of(n), DataBuffers.of(batch.labels(), true, false).narrow(n));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
