package io.clothing.cli;

import io.clothing.api.EpochMetrics;
import io.clothing.api.ImageDataset;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.FashionMnist;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.reporting.ReferenceMetrics;
import io.clothing.training.Training;
import io.clothing.training.TrainingResult;
import io.clothing.training.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clothing train}: the original notebook's whole workflow. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model: load Fashion-MNIST, split off a stratified validation set, "
        + "preprocess, augment, train with a progress bar and validation after each epoch, "
        + "evaluate on the official test set, and write OUT/model and OUT/report.",
        "Ctrl-C stops after saving a checkpoint; --resume continues it."})
final class TrainCommand implements Callable<Integer> {
  @Mixin RecipeOption recipeOption;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory. Default: runs/<recipe name>.")
  Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Override the recipe's epochs.")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "N", description = "Override the recipe's seed.")
  Long seed;

  @Option(names = "--resume", description = "Continue the stopped run in OUT.")
  boolean resume;

  @Mixin DataOptions data;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    TrainingRecipe recipe = recipeOption.resolve();
    if (epochs != null) {
      recipe = recipe.withEpochs(epochs);
    }
    if (seed != null) {
      recipe = recipe.withSeed(seed);
    }
    Path outDir = out != null ? out : Path.of("runs", directoryName(recipe.name()));
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new IllegalArgumentException(outDir + ": cannot create the output directory ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    if (!Files.isWritable(outDir)) {
      throw new IllegalArgumentException(outDir + ": permission denied");
    }
    FashionMnist.Data loaded = data.load(stderr);
    Training training = Training.recipe(recipe).data(loaded.training())
        .listener(new KerasProgress(stdout, System.console() != null))
        .outputDirectory(outDir).resume(resume).classLoader(getClass().getClassLoader())
        .provenance("data", loaded.files().directory().toString())
        .provenance("data_format", loaded.files().format().toString())
        .provenance("train_sha256", Fingerprint.of(loaded.training()))
        .provenance("test_sha256", Fingerprint.of(loaded.test()));
    int heldOut = StratifiedSplit.heldOut(loaded.training().size(), recipe.validationFraction());
    stdout.printf("Recipe %s: %s%n", recipe.name(), recipe.description());
    stdout.printf("Training on %,d images, validating on %,d (held out, stratified), testing on "
        + "%,d; %d epochs of batch %d%n", loaded.training().size() - heldOut, heldOut,
        loaded.test().size(), recipe.epochs(), recipe.batchSize());
    stdout.flush();

    String resumeHint = String.format("Stopped; the checkpoint is in %s. Continue with: "
        + "./clothing train --recipe %s --out %s --resume%s%s", outDir.resolve("work"),
        recipeOption.name, outDir, epochs == null ? "" : " --epochs " + epochs,
        seed == null ? "" : " --seed " + seed);
    try (TrainingResult result = runStoppable(training, stderr, resumeHint)) {
      if (result.stopped()) {
        return 0;
      }
      double trainingSeconds = result.history().epochs().stream()
          .mapToDouble(EpochMetrics::seconds).sum();
      stdout.printf("Model saved in %s (trained in %s)%n", result.modelDirectory(),
          duration(trainingSeconds));
      Evaluation.Result evaluation = Evaluation.run(result.modelDirectory(),
          result.modelDirectory().toString(), loaded.test(), "test", outDir.resolve("report"),
          true, new Evaluation.Context(result.trainingSet(),
              Evaluation.counts(result.trainingSet(), result.validationSet(), loaded.test()),
              ReferenceMetrics.seed(), Map.of("training", duration(trainingSeconds))));
      Evaluation.print(evaluation, loaded.test(), "test", stdout);
    }
    return 0;
  }

  /** Trains, turning Ctrl-C into a stop request and waiting for the checkpoint to be saved. */
  private static TrainingResult runStoppable(Training training, PrintWriter stderr,
      String resumeHint) {
    TrainingRun run = training.start();
    Thread hook = new Thread(() -> {
      stderr.println("\nStopping after this batch and saving a checkpoint...");
      stderr.flush();
      run.stop();
      try {
        run.future().get(120, TimeUnit.SECONDS);
        stderr.println(resumeHint);
        stderr.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // the run failed or is stuck: the main thread reports it
      }
    }, "clothing-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for the run, which has now ended
      }
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
  }

  /** SHA-256 of a data set's pixels and labels, for the model's provenance. */
  static final class Fingerprint {
    private Fingerprint() {}

    static String of(ImageDataset data) {
      try {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        byte[] image = new byte[data.pixelsPerImage()];
        for (int i = 0; i < data.size(); i++) {
          data.copyPixels(i, image, 0);
          digest.update(image);
          digest.update((byte) data.labelIndex(i));
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A directory name for a recipe name that stays inside {@code runs/} whatever the name holds:
   * characters other than letters, digits, '.', '_' and '-' become '_', and leading dots go.
   */
  static String directoryName(String recipeName) {
    String safe = recipeName.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "");
    return safe.isEmpty() ? "recipe" : safe;
  }
}
