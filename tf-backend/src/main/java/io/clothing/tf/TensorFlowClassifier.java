package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Classifier;
import io.clothing.api.Garment;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelException;
import io.clothing.api.PluginRegistry;
import io.clothing.api.Prediction;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.PreprocessingStageProvider;
import io.clothing.api.RecipeException;
import io.clothing.api.Reliability;
import io.clothing.api.StageState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Classifier} over a saved model, treated as data only: the inference graph is built by
 * this library from the model's recipe (in its validated metadata) with the library's own layer
 * code, and the weights are read as plain numbers from the checkpoint files in
 * {@code variables/} ({@link TensorBundle}). Nothing in {@code saved_model.pb} is read or run, so
 * a crafted model can contribute weights and metadata but never an operation. Batch
 * normalization is folded into the preceding convolution or dense layer and dropout left out.
 * The graph has two heads over one input: batches of fewer than {@value #LARGE_BATCH} images run
 * with the weights as constants (TensorFlow prepares them once: the fastest batch-1 path), larger
 * ones with the same weights in variables (see {@link GraphBuilder#inferenceWeight}).
 *
 * <p>Images are scaled to [0, 1] and passed through the model's own saved preprocessing stages,
 * then classified in batches of up to {@value #MAX_BATCH} through one shared session. Where each
 * op runs on one thread ({@link TensorFlowRuntime#forInference()}), a batch is shared out over
 * as many TensorFlow runs side by side as the runtime has inter-op threads (one per processor),
 * on threads named {@code clothing-inference-N}: 16 images answer as two runs of 8.
 *
 * <p>Thread-safe: many threads may predict at once (TensorFlow sessions support concurrent runs);
 * {@link #close()} waits for running predictions and later calls throw {@link ModelException}.
 * Every tensor and result is closed, so native memory stays flat.
 */
final class TensorFlowClassifier implements Classifier {
  /** Images per TensorFlow call. */
  static final int MAX_BATCH = 64;

  /** The batch size from which the head with variable weights runs (see GraphBuilder). */
  static final int LARGE_BATCH = 8;

  /** Where the weights are, relative to the model directory. */
  static final String WEIGHTS_PREFIX = "variables/variables";

  /** Numbers the helper threads of all classifiers. */
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Path location;
  private final Graph graph;
  private final Session session;
  private final Operand<TFloat32> input;
  private final Operand<TFloat32> smallBatchOutput;
  private final Operand<TFloat32> largeBatchOutput;
  private final List<PreprocessingStage> stages;
  private final ModelMetadata metadata;
  private final Reliability reliability;
  /** TensorFlow runs one batch may use at once; at least 1. */
  private final int parallelRuns;
  /** Threads for all but the first of those runs; null when there is one. */
  private final ExecutorService helpers;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private TensorFlowClassifier(Path location, Graph graph, Session session,
      Operand<TFloat32> input, Operand<TFloat32> smallBatchOutput,
      Operand<TFloat32> largeBatchOutput, List<PreprocessingStage> stages,
      ModelMetadata metadata, Reliability reliability, int parallelRuns) {
    this.location = location;
    this.graph = graph;
    this.session = session;
    this.input = input;
    this.smallBatchOutput = smallBatchOutput;
    this.largeBatchOutput = largeBatchOutput;
    this.stages = List.copyOf(stages);
    this.metadata = metadata;
    this.reliability = reliability;
    this.parallelRuns = parallelRuns;
    this.helpers = parallelRuns == 1 ? null
        : Executors.newFixedThreadPool(parallelRuns - 1, runnable -> {
          Thread thread = new Thread(runnable, "clothing-inference-" + THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Loads the model in {@code modelDir}: its metadata, preprocessing and weights.
   *
   * @param name how to call the model in messages (its directory, or "the pretrained model")
   * @throws ModelException if the model is refused or cannot be loaded
   */
  static TensorFlowClassifier load(Path modelDir, String name, TensorFlowRuntime runtime) {
    return load(modelDir, name, runtime, runtime.parallelRuns());
  }

  /**
   * Loads the model in {@code modelDir}, sharing each batch out over {@code parallelRuns}
   * TensorFlow runs at once.
   */
  static TensorFlowClassifier load(Path modelDir, String name, TensorFlowRuntime runtime,
      int parallelRuns) {
    ModelMetadata metadata = ModelMetadata.read(modelDir);
    Network model;
    try {
      model = Network.from(metadata.recipe().model());
    } catch (RecipeException e) {
      throw new ModelException(modelDir + ": the model in its metadata is refused: "
          + e.getMessage(), e);
    }
    long weightBytes = 4 * model.totalParameters();
    if (weightBytes > Runtime.getRuntime().maxMemory() / 2) {
      throw new ModelException(String.format("%s: its %,d parameters need %,d MB, more than "
          + "half of the %,d MB this JVM may use", modelDir, model.totalParameters(),
          weightBytes >> 20, Runtime.getRuntime().maxMemory() >> 20));
    }
    List<PreprocessingStage> stages = restoreStages(metadata, modelDir);
    Reliability reliability = Reliability.read(modelDir).orElse(null);
    Map<String, float[]> weights = TensorBundle.readFloats(modelDir.resolve(WEIGHTS_PREFIX),
        model.weightShapes());
    Graph graph = new Graph();
    try {
      long seed = metadata.recipe().seed();
      boolean flips = metadata.recipe().inference().averageHorizontalFlip();
      Placeholder<TFloat32> image = TrainingGraph.imageInput(Ops.create(graph));
      GraphBuilder small = new GraphBuilder(graph, seed, "small_batches", true);
      GraphBuilder large = new GraphBuilder(graph, seed, "large_batches", false);
      Operand<TFloat32> smallOutput = head(small, model, image, weights, flips);
      Operand<TFloat32> largeOutput = head(large, model, image, weights, flips);
      Session session = runtime.newSession(graph);
      try {
        large.assignInferenceWeights(session);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new TensorFlowClassifier(Path.of(name), graph, session, image, smallOutput,
          largeOutput, stages, metadata, reliability, parallelRuns);
    } catch (RuntimeException e) {
      graph.close();
      throw new ModelException(modelDir + ": cannot build its inference graph: "
          + e.getMessage(), e);
    }
  }

  /**
   * One inference head: the probabilities of {@code image}, or with {@code flips} the mean of
   * those of the image and its mirror image, computed in one run over both.
   */
  private static Operand<TFloat32> head(GraphBuilder builder, Network model,
      Operand<TFloat32> image, Map<String, float[]> weights, boolean flips) {
    Ops tf = builder.tf();
    if (!flips) {
      return tf.withName("probabilities").nn.softmax(
          model.inferenceLogits(builder, image, weights));
    }
    Operand<TFloat32> both = tf.concat(List.of(image,
        tf.reverse(image, tf.constant(new int[] {2}))), tf.constant(0));
    Operand<TFloat32> p = tf.nn.softmax(model.inferenceLogits(builder, both, weights));
    Operand<TFloat32> halves = tf.reshape(p, tf.constant(new long[] {2, -1, Garment.COUNT}));
    return tf.withName("probabilities").math.mean(halves, tf.constant(0));
  }

  private static List<PreprocessingStage> restoreStages(ModelMetadata metadata, Path modelDir) {
    PluginRegistry<PreprocessingStageProvider> providers = PluginRegistry.discover(
        PreprocessingStageProvider.class, "preprocessing",
        TensorFlowClassifier.class.getClassLoader());
    List<PreprocessingStage> stages = new ArrayList<>();
    for (ObjectNode saved : metadata.preprocessing()) {
      // {name, state}; models of earlier versions saved the state alone, with a name in it
      ObjectNode state = saved.get("state") instanceof ObjectNode inner ? inner : saved;
      try {
        stages.add(providers.get(saved.path("name").asText(), "preprocessing")
            .restore(StageState.fromJson(state)));
      } catch (RecipeException | ModelException e) {
        throw new ModelException(modelDir + ": cannot rebuild its preprocessing: "
            + e.getMessage(), e);
      }
    }
    return stages;
  }

  /** The model's metadata. */
  ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public Prediction predict(GrayImage image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    return predictAll(List.of(image)).get(0);
  }

  @Override
  public List<Prediction> predictAll(List<GrayImage> images) {
    if (images == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    for (int i = 0; i < images.size(); i++) {
      GrayImage image = images.get(i);
      if (image == null) {
        throw new IllegalArgumentException("image " + i + " of " + images.size() + " is null");
      }
      if (!image.isModelSized()) {
        throw new IllegalArgumentException("the model takes 28x28 images, got "
            + image.width() + "x" + image.height()
            + "; convert other images with the preprocessing module's ImageImporter");
      }
    }
    return classify(images.size(), (row, target, offset) -> {
      byte[] bytes = new byte[GrayImage.PIXELS];
      images.get(row).copyPixelsTo(bytes, 0);
      for (int p = 0; p < GrayImage.PIXELS; p++) {
        target[offset + p] = (bytes[p] & 0xFF) / 255f;
      }
    });
  }

  @Override
  public List<Prediction> predictAll(ImageDataset images) {
    if (images == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    if (images.width() != GrayImage.SIDE || images.height() != GrayImage.SIDE) {
      throw new IllegalArgumentException("the model takes 28x28 images, got "
          + images.width() + "x" + images.height());
    }
    return classify(images.size(),
        (row, target, offset) -> images.copyPixels(row, target, offset, 1f / 255f));
  }

  /**
   * The raw probabilities of {@code count} images, row-major {@code [count][10]}; used by the
   * evaluation code to avoid one object per image.
   */
  float[] probabilities(ImageDataset images) {
    float[] out = new float[images.size() * Garment.COUNT];
    run(images.size(), (row, target, offset) -> images.copyPixels(row, target, offset, 1f / 255f),
        out);
    return out;
  }

  /** Writes the scaled pixels of one image; called from several threads at once. */
  private interface PixelSource {
    void write(int row, float[] target, int offset);
  }

  private List<Prediction> classify(int count, PixelSource source) {
    float[] probabilities = new float[count * Garment.COUNT];
    run(count, source, probabilities);
    List<Prediction> out = new ArrayList<>(count);
    float[] row = new float[Garment.COUNT];
    float[] pixels = new float[GrayImage.PIXELS];
    for (int i = 0; i < count; i++) {
      System.arraycopy(probabilities, i * Garment.COUNT, row, 0, Garment.COUNT);
      if (reliability == null) {
        out.add(Prediction.of(row));
      } else {
        float[] calibrated = reliability.calibrate(row);
        source.write(i, pixels, 0);
        out.add(Prediction.of(calibrated, reliability.isReliable(pixels, calibrated)));
      }
    }
    return out;
  }

  private void run(int count, PixelSource source, float[] probabilities) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new ModelException(location + ": the classifier is closed");
      }
      if (count == 0) {
        return;
      }
      // an equal share for each parallel run, in calls of at most MAX_BATCH images
      int chunk = Math.min(MAX_BATCH, ceilDiv(count, parallelRuns));
      int lanes = Math.min(parallelRuns, ceilDiv(count, chunk));
      List<Future<?>> others = new ArrayList<>(lanes - 1);
      for (int lane = 1; lane < lanes; lane++) {
        int first = lane * chunk;
        others.add(helpers.submit(
            () -> runChunks(first, lanes * chunk, chunk, count, source, probabilities)));
      }
      RuntimeException failure = null;
      try {
        runChunks(0, lanes * chunk, chunk, count, source, probabilities);
      } catch (RuntimeException e) {
        failure = e;
      }
      // every run must end before the buffers are handed back or the session may close
      failure = awaitAll(others, failure);
      if (failure != null) {
        throw failure;
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Classifies the chunks starting at {@code first}, {@code first + step}, ... */
  private void runChunks(int first, int step, int chunk, int count, PixelSource source,
      float[] probabilities) {
    float[] pixels = new float[Math.min(count, chunk) * GrayImage.PIXELS];
    for (int start = first; start < count; start += step) {
      int n = Math.min(chunk, count - start);
      for (int i = 0; i < n; i++) {
        source.write(start + i, pixels, i * GrayImage.PIXELS);
        for (PreprocessingStage stage : stages) {
          stage.apply(pixels, i * GrayImage.PIXELS, GrayImage.PIXELS);
        }
      }
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, GrayImage.SIDE, GrayImage.SIDE, 1),
              DataBuffers.of(pixels, true, false).narrow((long) n * GrayImage.PIXELS));
          Result r = session.runner().feed(input, x)
              .fetch(n < LARGE_BATCH ? smallBatchOutput : largeBatchOutput).run()) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(probabilities, false, false)
            .slice((long) start * Garment.COUNT, (long) n * Garment.COUNT));
      }
    }
  }

  /**
   * Waits for every run, even when interrupted (the interrupt is kept), and returns the first
   * failure: {@code failure} if not null, else the first run's that failed.
   */
  private static RuntimeException awaitAll(List<Future<?>> runs, RuntimeException failure) {
    boolean interrupted = false;
    for (Future<?> run : runs) {
      while (true) {
        try {
          run.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException runtime ? runtime
                : new ModelException("a TensorFlow run failed: " + e.getCause(), e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public String description() {
    Double accuracy = metadata.metrics() != null && metadata.metrics().has("test_accuracy")
        ? metadata.metrics().get("test_accuracy").asDouble() : null;
    return "TensorFlow model '" + metadata.recipe().model().name() + "' (recipe "
        + metadata.recipe().name() + (accuracy == null ? ""
            : String.format(", test accuracy %.4f", accuracy)) + ") from " + location;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        if (helpers != null) {
          helpers.shutdown();
        }
        session.close();
        graph.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
