package io.clothing.tf;

import io.clothing.api.Batch;
import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;
import io.clothing.api.TrainingRecipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    SequentialModel model = SequentialModel.from(recipe.model());
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
}
