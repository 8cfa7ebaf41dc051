package io.clothing.tf;

import io.clothing.api.Batch;
import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Speed measurements of this backend, for the command line's {@code bench}: training images per
 * second on a recipe's model (synthetic batches, so data loading is not measured), and inference
 * throughput and latency of a loaded classifier. Timings are wall clock after a warm-up.
 *
 * <p>Stateless and thread-safe (each call builds its own graph).
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * Training throughput.
   *
   * @param imagesPerSecond training images per second
   * @param forwardFlopsPerImage the model's forward FLOPs per image
   * @param parameters the model's parameters
   */
  public record Training(double imagesPerSecond, long forwardFlopsPerImage, long parameters) {

    /** Achieved training FLOP rate, counting a training step as three forward passes. */
    public double gigaflopsPerSecond() {
      return imagesPerSecond * forwardFlopsPerImage * 3 / 1e9;
    }
  }

  /** Trains {@code recipe}'s model for {@code steps} steps after {@code warmup} and times it. */
  public static Training training(TrainingRecipe recipe, int warmup, int steps,
      TensorFlowRuntime runtime) {
    Network model = Network.from(recipe.model());
    Batch batch = new Batch(recipe.batchSize(), GrayImage.SIDE, GrayImage.SIDE);
    SeededRandom random = new SeededRandom(1);
    float[] images = batch.images();
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    for (int i = 0; i < batch.capacity(); i++) {
      batch.setLabel(i, i % 10);
    }
    batch.setSize(batch.capacity());
    try (TrainingGraph graph = TrainingGraph.build(recipe, runtime)) {
      for (int i = 0; i < warmup; i++) {
        graph.step(batch, 0.001f);
      }
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        graph.step(batch, 0.001f);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Training((double) steps * batch.size() / seconds, model.flopsPerImage(),
          model.totalParameters());
    }
  }

  /**
   * Inference at one batch size.
   *
   * @param batchSize images per call
   * @param imagesPerSecond throughput
   * @param p50Millis median latency of one call
   * @param p99Millis 99th-percentile latency of one call
   */
  public record Inference(int batchSize, double imagesPerSecond, double p50Millis,
      double p99Millis) {}

  /** Calls {@code classifier} {@code calls} times on batches of {@code batchSize} images. */
  public static Inference inference(Classifier classifier, ImageDataset images, int batchSize,
      int warmup, int calls) {
    List<GrayImage> batch = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      batch.add(images.image(i % images.size()));
    }
    for (int i = 0; i < warmup; i++) {
      classifier.predictAll(batch);
    }
    double[] millis = new double[calls];
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      classifier.predictAll(batch);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    return new Inference(batchSize, (double) calls * batchSize / seconds,
        millis[calls / 2], millis[Math.min(calls - 1, (int) Math.ceil(calls * 0.99) - 1)]);
  }

  /**
   * The FLOP rate TensorFlow reaches on this machine: a square single-precision {@code MatMul}
   * of {@code size} (2 size^3 FLOP) with the runtime's threads, best of several runs.
   *
   * @param gigaflopsPerSecond the best rate measured
   * @param size the matrices' side
   */
  public record Peak(double gigaflopsPerSecond, int size) {}

  /** Measures {@link Peak} with {@code size x size} matrices over {@code runs} timed runs. */
  public static Peak matMulPeak(int size, int runs, TensorFlowRuntime runtime) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Ops init = tf.withInitScope();
      var shape = init.constant(new long[] {size, size});
      var a = tf.variable(init.random.statelessRandomUniform(shape,
          init.constant(new long[] {1, 2}), TFloat32.class));
      var b = tf.variable(init.random.statelessRandomUniform(shape,
          init.constant(new long[] {3, 4}), TFloat32.class));
      var product = tf.linalg.matMul(a, b);
      // fetch one number, so that copying the product out is not timed
      var total = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      try (Session session = runtime.newSession(graph)) {
        session.initialize();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs + 2; i++) {
          long start = System.nanoTime();
          try (Result r = session.runner().fetch(total).run()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= 2) {
              best = Math.min(best, seconds);
            }
          }
        }
        return new Peak(2.0 * size * size * size / best / 1e9, size);
      }
    }
  }

  /**
   * A nominal peak from what this processor reports, if it can be read (Linux): processors x
   * clock x single-precision FLOP per cycle, taking two fused multiply-add pipes of the widest
   * vector unit (AVX-512: 64, AVX2: 32, else 16 FLOP per cycle). Processors that split AVX-512
   * into two halves reach half of it; the measured {@link #matMulPeak} is the one to compare with.
   */
  public static OptionalDouble nominalPeakGigaflops() {
    try {
      double mhz = 0;
      String flags = "";
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("cpu MHz") && mhz == 0) {
          mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        } else if (line.startsWith("flags") && flags.isEmpty()) {
          flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
        }
      }
      if (mhz <= 0) {
        return OptionalDouble.empty();
      }
      int flopsPerCycle = flags.contains(" avx512f ") ? 64 : flags.contains(" avx2 ") ? 32 : 16;
      return OptionalDouble.of(Runtime.getRuntime().availableProcessors() * mhz / 1000
          * flopsPerCycle);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * {@code threads} threads each call {@code classifier.predict(image)} {@code callsPerThread}
   * times, all at once, as the request threads of a web service would.
   *
   * @return the throughput over all threads and the latency percentiles of single calls; the
   *     batch size in the result is the thread count
   */
  public static Inference concurrent(Classifier classifier, ImageDataset images, int threads,
      int callsPerThread) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<double[]>> clients = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        clients.add(pool.submit(() -> {
          double[] millis = new double[callsPerThread];
          start.await();
          for (int i = 0; i < callsPerThread; i++) {
            GrayImage image = images.image((thread * callsPerThread + i) % images.size());
            long t0 = System.nanoTime();
            classifier.predict(image);
            millis[i] = (System.nanoTime() - t0) / 1e6;
          }
          return millis;
        }));
      }
      long t0 = System.nanoTime();
      start.countDown();
      double[] all = new double[threads * callsPerThread];
      for (int t = 0; t < threads; t++) {
        System.arraycopy(clients.get(t).get(), 0, all, t * callsPerThread, callsPerThread);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(all);
      return new Inference(threads, all.length / seconds, all[all.length / 2],
          all[Math.min(all.length - 1, (int) Math.ceil(all.length * 0.99) - 1)]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while benchmarking", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a benchmark call failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
