package io.clothing.tf;

import io.clothing.api.EpochMetrics;
import io.clothing.api.ModelDirectories;
import io.clothing.api.TrainingHistory;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashSafetyTest} kills: trains (resuming when asked) a small model in
 * {@code DIR}, saving it at the end, then saves it again and again, printing a line after every
 * completed epoch ({@code EPOCH n}) and save ({@code SAVED}).
 */
final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean resume = Files.exists(dir.resolve("work").resolve("state.json"));
    int saves = Integer.parseInt(args[1]);
    TrainingRecipe recipe = TensorFlowTrainerTest.recipe(4);
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochMetrics metrics) {
        System.out.println("EPOCH " + metrics.epoch());
        System.out.flush();
      }
    };
    TensorFlowTrainerTest.train(recipe, dir, resume, new TensorFlowTrainer(
        new TensorFlowRuntime(1, 1)), listener);
    System.out.println("SAVED");
    System.out.flush();
    Path checkpoint = lastCheckpoint(dir);
    for (int i = 0; i < saves; i++) {
      ServingExport.export(recipe, checkpoint, ModelMetadata.create(List.of(
          ModelMetadata.savedStage(io.clothing.preprocessing.Standardization.fit(
              TensorFlowTrainerTest.learnable(30, 1)))), recipe, TrainingHistory.of(List.of()), Map.of("save", "" + i)),
          dir.resolve("model"), new TensorFlowRuntime(1, 1));
      System.out.println("SAVED");
      System.out.flush();
    }
    System.out.println("DONE " + ModelDirectories.resolve(dir.resolve("model")).isPresent());
  }

  private static Path lastCheckpoint(Path dir) {
    try (var dirs = Files.list(dir.resolve("work").resolve("checkpoints"))) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("epoch-"))
          .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow().resolve("ckpt");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
