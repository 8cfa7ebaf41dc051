package io.clothing.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.BatchProgress;
import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.ImageDataset;
import io.clothing.api.testing.BarImages;
import io.clothing.api.Prediction;
import io.clothing.api.RecipeException;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.Standardization;
import io.clothing.preprocessing.StratifiedSplit;
import io.clothing.tf.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

  static ImageDataset learnable(int perClass, long seed) {
    return BarImages.learnable(perClass, seed);
  }

  static TrainingRecipe recipe(int epochs, String preprocessing) {
    return TrainingRecipe.parse("""
        {"name": "tiny", "model": {"name": "tiny", "layers": [
          {"type": "conv2d", "filters": 4, "kernel_size": 3, "strides": 2, "activation": "relu"},
          {"type": "flatten"},
          {"type": "dense", "units": 10, "activation": "softmax"}]},
         "optimizer": {"type": "adam", "learning_rate": 0.01}, "epochs": %d, "batch_size": 32,
         "validation_fraction": 0.2, "seed": 7, "preprocessing": [%s],
         "augmentation": [{"name": "horizontal_flip"}]}
        """.formatted(epochs, preprocessing), "tiny.json");
  }

  private static final String STANDARDIZE = "{\"name\": \"standardize\"}";

  @Test
  void trainsSplitsSavesReloadsAndEvaluates(@TempDir Path dir) throws java.io.IOException {
    ImageDataset data = learnable(30, 1);
    ImageDataset test = learnable(5, 9);
    try (TrainingResult result = Training.recipe(recipe(3, STANDARDIZE)).data(data)
        .outputDirectory(dir.resolve("run")).provenance("data", "bars").run()) {
      assertThat(result.stopped()).isFalse();
      assertThat(result.history().epochs()).hasSize(3);
      assertThat(result.trainingSet().size()).isEqualTo(240);
      assertThat(result.validationSet().size()).isEqualTo(60);
      assertThat(result.history().epochs().get(2).validationAccuracy()).isGreaterThan(0.8);

      // the stage was fitted on the training part of the recipe's stratified split only
      StratifiedSplit.Parts parts = StratifiedSplit.split(data, 0.2, 7);
      ModelMetadata metadata = ModelMetadata.read(result.modelDirectory());
      assertThat(metadata.preprocessing().get(0).path("state").path("mean").asDouble())
          .isEqualTo(Standardization.fit(parts.training()).mean());
      assertThat(metadata.provenance()).containsEntry("data", "bars")
          .containsEntry("validation_fraction", "0.2");

      Evaluation evaluation = result.evaluate(test);
      long right = 0;
      for (int i = 0; i < test.size(); i++) {
        right += evaluation.predictions().get(i).garment().index() == test.labelIndex(i) ? 1 : 0;
      }
      assertThat(evaluation.accuracy()).isEqualTo(right / 50.0).isGreaterThan(0.8);
      assertThat(java.util.stream.IntStream.range(0, 10)
          .mapToLong(evaluation.confusionMatrix()::rowTotal).sum()).isEqualTo(50);

      io.clothing.reporting.ReportWriter.Written report = result.report(test, dir.resolve("report"));
      assertThat(report.html()).exists();
      assertThat(java.nio.file.Files.readString(report.html())).contains("Calibration")
          .contains("Classification report");
      assertThat(report.images()).containsKeys("training_curves", "confusion_matrix",
          "reliability_diagram");

      result.save(dir.resolve("saved"));
      try (Classifier reloaded = Classifiers.load(dir.resolve("saved"))) {
        List<Prediction> again = reloaded.predictAll(test);
        for (int i = 0; i < test.size(); i++) {
          assertThat(again.get(i).probabilities())
              .containsExactly(evaluation.predictions().get(i).probabilities());
        }
      }
    }
  }

  /** {@link #recipe} learning from {@code teacher} alone. */
  private static TrainingRecipe distilled(String teacher) {
    return TrainingRecipe.parse(recipe(3, "").toJson().replace("\"seed\" : 7",
        "\"seed\" : 8, \"distillation\": {\"teacher\": \"" + teacher.replace("\\", "\\\\")
        + "\", \"weight\": 1.0}"), "student.json");
  }

  /** {@code data} with every label moved on by one class. */
  private static ImageDataset shiftedLabels(ImageDataset data) {
    byte[] pixels = new byte[data.size() * data.pixelsPerImage()];
    byte[] labels = new byte[data.size()];
    for (int i = 0; i < data.size(); i++) {
      data.copyPixels(i, pixels, i * data.pixelsPerImage());
      labels[i] = (byte) ((data.labelIndex(i) + 1) % 10);
    }
    return ImageDataset.of(pixels, labels);
  }

  @Test
  void aStudentLearnsItsTeachersAnswersOverTheLabels(@TempDir Path dir) {
    // the teacher learnt every label moved on by one; a student taught by it alone (weight 1)
    // answers as it does, not as the true labels it is given would have it
    ImageDataset data = learnable(30, 1);
    ImageDataset test = learnable(5, 9);
    Path teacher = dir.resolve("teacher");
    try (TrainingResult result = Training.recipe(recipe(3, STANDARDIZE))
        .data(shiftedLabels(data)).outputDirectory(dir.resolve("teacher-run")).run()) {
      result.save(teacher);
    }
    try (TrainingResult student = Training.recipe(distilled(teacher.toString())).data(data)
            .outputDirectory(dir.resolve("student-run")).run();
        Classifier taught = Classifiers.load(teacher);
        Classifier learnt = Classifiers.load(student.modelDirectory())) {
      assertThat(ModelMetadata.read(student.modelDirectory()).provenance())
          .containsEntry("distillation_teacher", teacher.toString());
      List<Prediction> a = taught.predictAll(test);
      List<Prediction> b = learnt.predictAll(test);
      int agree = 0;
      for (int i = 0; i < test.size(); i++) {
        agree += a.get(i).garment() == b.get(i).garment() ? 1 : 0;
      }
      assertThat(agree).isGreaterThanOrEqualTo(40);
      // accuracy is counted against the true labels, which the student does not learn
      assertThat(student.history().epochs().get(2).trainAccuracy()).isLessThan(0.3);
    }
  }

  @Test
  void aRecipeWithMixingTrainsAndItsModelRecordsTheMixing(@TempDir Path dir) {
    TrainingRecipe mixed = TrainingRecipe.parse(recipe(4, STANDARDIZE).toJson().replace(
        "\"seed\" : 7", "\"seed\" : 7, \"mixing\": {\"type\": \"mixup\", \"alpha\": 0.4}"),
        "mixup.json");
    try (TrainingResult result = Training.recipe(mixed).data(learnable(30, 1))
        .outputDirectory(dir.resolve("run")).run()) {
      assertThat(result.history().epochs().get(3).validationAccuracy()).isGreaterThan(0.8);
      assertThat(ModelMetadata.read(result.modelDirectory()).recipe().mixing())
          .isEqualTo(mixed.mixing());
    }
  }

  @Test
  void aMissingTeacherIsNamedAndNoModelIsWritten(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-teacher");
    assertThatThrownBy(() -> Training.recipe(distilled(missing.toString()))
        .data(learnable(30, 1)).outputDirectory(dir.resolve("run")).run())
        .isInstanceOf(io.clothing.api.ModelException.class)
        .hasMessageContaining(missing.toString());
    assertThat(dir.resolve("run/model")).doesNotExist();
  }

  @Test
  void stoppingOneRunLeavesAnotherAloneAndTheStoppedOneResumes(@TempDir Path dir) {
    ImageDataset data = learnable(30, 2);
    AtomicReference<TrainingRun> first = new AtomicReference<>();
    TrainingListener stopsItself = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchProgress progress) {
        if (progress.epoch() == 2 && progress.batch() == 3) {
          first.get().stop();
        }
      }
    };
    Training stopped = Training.recipe(recipe(3, "")).data(data).listener(stopsItself)
        .outputDirectory(dir.resolve("a"));
    TrainingRun other = Training.recipe(recipe(3, "")).data(data)
        .outputDirectory(dir.resolve("b")).start();
    first.set(stopped.start()); // it stops itself in epoch 2, long after this
    TrainingResult a = first.get().await();
    TrainingResult b = other.await();
    assertThat(a.stopped()).isTrue();
    assertThat(a.history().epochs()).hasSize(1);
    assertThatThrownBy(a::classifier).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resume(true)");
    assertThat(b.stopped()).isFalse();
    assertThat(b.history().epochs()).hasSize(3);

    try (TrainingResult resumed = Training.recipe(recipe(3, "")).data(data)
        .outputDirectory(dir.resolve("a")).resume(true).run()) {
      assertThat(resumed.stopped()).isFalse();
      assertThat(resumed.history().epochs()).hasSize(3);
      // the same seed and data: the resumed run ends with the uninterrupted run's weights
      ImageDataset probe = learnable(2, 5);
      try (b) {
        assertThat(resumed.classifier().predictAll(probe).get(7).probabilities())
            .containsExactly(b.classifier().predictAll(probe).get(7).probabilities());
      }
    }
  }

  @Test
  void twoRunsNeverShareAnOutputDirectory(@TempDir Path dir) {
    Training training = Training.recipe(recipe(2, "")).data(learnable(30, 3))
        .outputDirectory(dir.resolve("shared"));
    TrainingRun first = training.start();
    assertThatThrownBy(training::start).isInstanceOf(io.clothing.api.ClothingException.class)
        .hasMessageContaining("another training run is using");
    try (TrainingResult done = first.await()) {
      assertThat(done.stopped()).isFalse();
    }
    // released when the first run ended
    training.start().await().close();
  }

  @Test
  void refusesARunItCannotStart() {
    assertThatThrownBy(() -> Training.recipe(recipe(1, "")).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("data(");
    assertThatThrownBy(() -> Training.recipe(recipe(1, "{\"name\": \"whiten\"}"))
        .data(learnable(2, 1)).start())
        .isInstanceOf(RecipeException.class).hasMessageContaining("whiten");
  }
}
