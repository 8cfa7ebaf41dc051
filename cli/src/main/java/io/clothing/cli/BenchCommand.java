package io.clothing.cli;

import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.TrainingRecipe;
import io.clothing.tf.Benchmarks;
import io.clothing.tf.TensorFlowRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing bench}: training and inference speed on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure training images/s of a recipe's model, inference images/s at batch 1 "
        + "and 256, batch-1 latency (p50, p99), peak memory and the share of this machine's "
        + "peak FLOP rate.")
final class BenchCommand implements Callable<Integer> {
  @Mixin RecipeOption recipe;

  @Mixin ModelOption model;
  @Mixin DataOptions data;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
      description = "Timed training steps. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--peak-gflops", paramLabel = "G",
      description = "This machine's peak FLOP rate in GFLOP/s. Default: processors x 32 "
          + "(2 GHz x 16 single-precision FLOP per cycle with AVX2 FMA).")
  Double peakGflops;

  @Option(names = "--memory-calls", paramLabel = "N", defaultValue = "0",
      description = "Also make N batch-1 predictions and print the resident memory five times "
          + "along the way, to show that native memory stays flat. Default: ${DEFAULT-VALUE}.")
  int memoryCalls;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TensorFlowRuntime runtime = TensorFlowRuntime.fromSystemProperties();
    double peak = peakGflops != null ? peakGflops
        : Runtime.getRuntime().availableProcessors() * 32.0;
    TrainingRecipe r = recipe.resolve();
    out.printf("Machine: %d processors, TensorFlow %s, %d intra-op threads; peak taken as "
        + "%.0f GFLOP/s%n%n", Runtime.getRuntime().availableProcessors(),
        TensorFlowRuntime.tensorFlowVersion(), runtime.intraOpThreads(), peak);
    out.flush();

    Benchmarks.Training training = Benchmarks.training(r, 5, steps, runtime);
    out.printf("Training, recipe %s (%,d parameters, %.1f MFLOP per image forward), batch %d:%n",
        r.name(), training.parameters(), training.forwardFlopsPerImage() / 1e6, r.batchSize());
    out.printf("  %,.0f images/s, %.1f GFLOP/s = %.0f%% of peak%n%n",
        training.imagesPerSecond(), training.gigaflopsPerSecond(),
        100 * training.gigaflopsPerSecond() / peak);
    out.flush();

    ImageDataset test = data.load(spec.commandLine().getErr()).test();
    try (Classifier classifier = model.load()) {
      out.printf("Inference, %s:%n", model.label());
      for (int batch : new int[] {1, 256}) {
        Benchmarks.Inference inference = Benchmarks.inference(classifier, test, batch,
            batch == 1 ? 200 : 5, batch == 1 ? 2000 : 40);
        out.printf("  batch %3d: %,8.0f images/s, latency p50 %.2f ms, p99 %.2f ms%n", batch,
            inference.imagesPerSecond(), inference.p50Millis(), inference.p99Millis());
        out.flush();
      }
      if (memoryCalls > 0) {
        out.printf("%nResident memory over %,d batch-1 predictions:%n", memoryCalls);
        List<GrayImage> one = List.of(test.image(0));
        for (int i = 0; i <= memoryCalls; i++) {
          if (i % Math.max(1, memoryCalls / 5) == 0) {
            out.printf("  after %,9d calls: %s%n", i, resident("VmRSS:"));
            out.flush();
          }
          classifier.predictAll(one);
        }
      }
    }
    out.printf("%nPeak memory: %s resident (JVM heap in use %,d MB)%n", peakResident(),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    out.flush();
    return 0;
  }

  /** The process's peak resident set from /proc (Linux), or "unknown". */
  private static String peakResident() {
    return resident("VmHWM:");
  }

  /** A memory line of /proc/self/status (Linux) in MB, or "unknown". */
  private static String resident(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format("%,d MB", kb >> 10);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown";
  }
}
