package io.clothing.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.clothing.training.Training;
import io.clothing.training.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained here is saved, loaded in a fresh JVM and predicts identically. */
class SaveLoadServeIT {

  @Test
  void aSavedModelPredictsIdenticallyInAFreshProcess(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("saved");
    try (TrainingResult result = Training.recipe(SmallTraining.recipe(SmallTraining.SMALL_CNN,
        "", 100)).data(RealData.get().training().slice(0, 2_000)).outputDirectory(dir).run()) {
      result.save(model);
    }
    int count = 300;
    List<String> here = new ArrayList<>();
    try (Classifier classifier = Classifiers.load(model)) {
      for (Prediction p : classifier.predictAll(RealData.get().test().slice(0, count))) {
        here.add(PredictMain.bits(p));
      }
    }
    assertThat(inFreshJvm(model, count)).isEqualTo(here);
  }

  private static List<String> inFreshJvm(Path model, int count)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), PredictMain.class.getName(), model.toString(),
        String.valueOf(count));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
