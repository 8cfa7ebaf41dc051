package io.clothing.cli;

import io.clothing.api.Classifier;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.RequestBatching;
import io.clothing.api.TrainingRecipe;
import io.clothing.tf.Benchmarks;
import io.clothing.tf.TensorFlowRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing bench}: training and inference speed on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure this machine's peak FLOP rate (a large TensorFlow MatMul), training "
        + "images/s of a recipe's model, inference images/s at batch 1 and 256 with latency "
        + "(p50, p99), 16 threads calling predict at once (with and without request batching), "
        + "and peak memory.")
final class BenchCommand implements Callable<Integer> {
  @Mixin RecipeOption recipe;

  @Mixin ModelOption model;
  @Mixin DataOptions data;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
      description = "Timed training steps. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--peak-gflops", paramLabel = "G",
      description = "Take this as the peak FLOP rate in GFLOP/s instead of measuring it.")
  Double peakGflops;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
      description = "Threads calling predict at once in the concurrent test. "
          + "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--memory-calls", paramLabel = "N", defaultValue = "0",
      description = "Also make N batch-1 predictions and print the resident memory five times "
          + "along the way, to show that native memory stays flat. Default: ${DEFAULT-VALUE}.")
  int memoryCalls;

  /** Set on the child process that measures inference; see {@link #measureInferenceApart}. */
  @Option(names = "--inference-only", hidden = true)
  boolean inferenceOnly;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("--threads must be 1-256, got " + threads);
    }
    if (inferenceOnly) {
      measureInference(out);
      return 0;
    }
    TensorFlowRuntime runtime = TensorFlowRuntime.forTraining();
    TensorFlowRuntime serving = TensorFlowRuntime.forInference();
    TrainingRecipe r = recipe.resolve();
    out.printf("Machine: %d processors, TensorFlow %s; training: %d threads per op; "
        + "inference: %d per op, up to %d runs at once, %s%n",
        Runtime.getRuntime().availableProcessors(), TensorFlowRuntime.tensorFlowVersion(),
        runtime.intraOpThreads(), serving.intraOpThreads(), serving.interOpThreads(),
        precision(serving));
    double peak;
    if (peakGflops != null) {
      peak = peakGflops;
      out.printf("Peak: %.0f GFLOP/s (given)%n%n", peak);
    } else {
      Benchmarks.Peak measured = Benchmarks.matMulPeak(2048, 5, runtime);
      peak = measured.gigaflopsPerSecond();
      OptionalDouble nominal = Benchmarks.nominalPeakGigaflops();
      out.printf("Peak: %.0f GFLOP/s measured (float32 MatMul %dx%d, best of 5)%s%n%n", peak,
          measured.size(), measured.size(), nominal.isPresent()
              ? String.format("; nominal %.0f GFLOP/s from the clock and vector width",
                  nominal.getAsDouble()) : "");
    }
    out.flush();

    Benchmarks.Training training = Benchmarks.training(r, 5, steps, runtime);
    out.printf("Training, recipe %s (%,d parameters, %.1f MFLOP per image forward), batch %d:%n",
        r.name(), training.parameters(), training.forwardFlopsPerImage() / 1e6, r.batchSize());
    out.printf("  %,.0f images/s, %.1f GFLOP/s = %.0f%% of peak; peak memory %s resident%n%n",
        training.imagesPerSecond(), training.gigaflopsPerSecond(),
        100 * training.gigaflopsPerSecond() / peak, peakResident());
    out.flush();
    measureInferenceApart(out);
    return 0;
  }

  private static String precision(TensorFlowRuntime serving) {
    if (serving.bfloat16()) {
      return "bfloat16";
    }
    return TensorFlowRuntime.cpuComputesBfloat16()
        ? "float32 (this CPU has bfloat16: -Dclothing.tf.bfloat16=true)" : "float32";
  }

  /**
   * Runs this command again with {@code --inference-only} in a new JVM (same Java, JVM options and
   * class path) and copies its report: TensorFlow sizes its thread pool once per process, from
   * the first session, so inference measured after training here would run on the training
   * pool, not on the one an application that only predicts gets.
   */
  private void measureInferenceApart(PrintWriter out) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ClothingCommand.class.getName()));
    command.addAll(spec.commandLine().getParseResult().originalArgs()); // "bench" and options
    command.add("--inference-only");
    Process child = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(line);
        out.flush();
      }
    }
    int status = child.waitFor();
    if (status != 0) {
      throw new IllegalStateException("the inference measurement (a separate process) failed "
          + "with exit status " + status);
    }
  }

  private void measureInference(PrintWriter out) {
    ImageDataset test = data.load(spec.commandLine().getErr()).test();
    try (Classifier classifier = model.load(RequestBatching.defaults())) {
      out.printf("Inference, %s:%n", model.label());
      for (int batch : new int[] {1, 256}) {
        Benchmarks.Inference inference = Benchmarks.inference(classifier, test, batch,
            batch == 1 ? 200 : 5, batch == 1 ? 2000 : 40);
        out.printf("  batch %3d: %,8.0f images/s, latency p50 %.2f ms, p99 %.2f ms%n", batch,
            inference.imagesPerSecond(), inference.p50Millis(), inference.p99Millis());
        out.flush();
      }
      concurrent(out, classifier, test, "request batching on (default)");
      try (Classifier unbatched = model.load(RequestBatching.off())) {
        concurrent(out, unbatched, test, "request batching off");
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
    out.printf("%nInference peak memory: %s resident (JVM heap in use %,d MB)%n",
        peakResident(),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    out.flush();
  }

  private void concurrent(PrintWriter out, Classifier classifier, ImageDataset test,
      String label) {
    Benchmarks.concurrent(classifier, test, threads, 50); // warm-up
    Benchmarks.Inference load = Benchmarks.concurrent(classifier, test, threads, 500);
    out.printf("  %d threads calling predict, %s: %,8.0f images/s, latency p50 %.2f ms, "
        + "p99 %.2f ms%n", threads, label, load.imagesPerSecond(), load.p50Millis(),
        load.p99Millis());
    out.flush();
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
