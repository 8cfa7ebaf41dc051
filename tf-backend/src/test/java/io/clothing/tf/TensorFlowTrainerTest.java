package io.clothing.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clothing.api.BatchProgress;
import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.EpochMetrics;
import io.clothing.api.GrayImage;
import io.clothing.api.ImageDataset;
import io.clothing.api.testing.BarImages;
import io.clothing.api.ModelException;
import io.clothing.api.ModelTrainer;
import io.clothing.api.Prediction;
import io.clothing.api.RequestBatching;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.StopSignal;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import io.clothing.preprocessing.BatchPipeline;
import io.clothing.preprocessing.Standardization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFlowTrainerTest {
  private static final TensorFlowRuntime RUNTIME = new TensorFlowRuntime(2, 1);
  private static final ImageDataset TRAIN = learnable(30, 1);
  private static final ImageDataset VALIDATION = learnable(5, 2);

  @TempDir static Path shared;
  private static Path trainedModel;
  private static float[] trainedProbabilities;

  static ImageDataset learnable(int perClass, long seed) {
    return BarImages.learnable(perClass, seed);
  }

  static TrainingRecipe recipe(int epochs) {
    return TestRecipes.recipe(TestRecipes.SMALL,
        "{\"type\": \"adam\", \"learning_rate\": 0.01}", epochs, 32);
  }

  /** Trains {@code recipe} on the learnable data into {@code dir}/model. */
  static ModelTrainer.TrainingResult train(TrainingRecipe recipe, Path dir, boolean resume,
      TensorFlowTrainer trainer, TrainingListener listener) {
    return train(recipe, dir, resume, trainer, listener, new StopSignal());
  }

  static ModelTrainer.TrainingResult train(TrainingRecipe recipe, Path dir, boolean resume,
      TensorFlowTrainer trainer, TrainingListener listener, StopSignal stop) {
    Standardization standardize = Standardization.fit(TRAIN);
    List<PreprocessingStage> stages = List.of(standardize);
    try (BatchPipeline training = BatchPipeline.builder(TRAIN).batchSize(recipe.batchSize())
            .shuffle(true).seed(recipe.seed()).preprocessing(stages).threads(1).build();
        BatchPipeline validation = BatchPipeline.builder(VALIDATION).batchSize(64)
            .preprocessing(stages).threads(0).build()) {
      return trainer.train(new ModelTrainer.TrainingJob(recipe, training, validation, stages,
          dir.resolve("work"), dir.resolve("model"), resume, Map.of("data", "test")), listener,
          stop);
    }
  }

  private static float[] probabilities(Path model) {
    try (TensorFlowClassifier classifier = TensorFlowClassifier.load(model, "test", RUNTIME)) {
      return classifier.probabilities(VALIDATION);
    }
  }

  @BeforeAll
  static void trainOnce() {
    ModelTrainer.TrainingResult result = train(recipe(3), shared.resolve("a"), false,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    trainedModel = result.modelDir();
    trainedProbabilities = probabilities(trainedModel);
  }

  @Test
  void aBatchSharedOutOverParallelRunsAnswersEveryImageInItsPlace() {
    ImageDataset images = learnable(30, 7); // 300 images: chunks of 64 dealt to three runs
    List<GrayImage> all = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      all.add(images.image(i));
    }
    try (TensorFlowClassifier serial = TensorFlowClassifier.load(trainedModel, "serial", RUNTIME,
            1);
        TensorFlowClassifier parallel = TensorFlowClassifier.load(trainedModel, "parallel",
            RUNTIME, 3)) {
      assertThat(parallel.probabilities(images))
          .containsExactly(serial.probabilities(images), within(1e-5f));
      List<Prediction> expected = serial.predictAll(all);
      for (int count : new int[] {0, 1, 2, 3, 5, 130, 300}) {
        List<Prediction> answers = parallel.predictAll(all.subList(0, count));
        assertThat(answers).hasSize(count);
        for (int i = 0; i < count; i++) {
          assertThat(answers.get(i).probabilities()).as("image %d of %d", i, count)
              .containsExactly(expected.get(i).probabilities(), within(1e-5f));
          assertThat(answers.get(i).garment()).isEqualTo(expected.get(i).garment());
        }
      }
    }
  }

  @Test
  void reduceOnPlateauDropsTheRateAfterPatienceEpochsWithoutImprovement(@TempDir Path dir) {
    // min_delta 100: only the first epoch counts as an improvement, as in Keras' own test
    TrainingRecipe recipe = TestRecipes.recipe(TestRecipes.SMALL, """
        {"type": "adam", "learning_rate": 0.01, "schedule": {"type": "reduce_on_plateau",
         "patience": 1, "step_factor": 0.1, "min_delta": 100}}""", 3, 32);
    ModelTrainer.TrainingResult result = train(recipe, dir, false, new TensorFlowTrainer(RUNTIME),
        TrainingListener.NONE);
    assertThat(result.history().epochs()).extracting(EpochMetrics::learningRate)
        .containsExactly(0.01, 0.01, 0.001);
  }

  @Test
  void trainsValidatesEachEpochAndSavesAModelThatLearned() {
    ModelMetadata metadata = ModelMetadata.read(trainedModel);
    assertThat(metadata.history().epochs()).hasSize(3);
    assertThat(metadata.history().epochs().get(2).validationAccuracy()).isGreaterThanOrEqualTo(0.8);
    assertThat(metadata.provenance()).containsEntry("seed", "5").containsEntry("data", "test")
        .containsKey("tensorflow_version");
    assertThat(metadata.preprocessing().get(0).get("name").asText()).isEqualTo("standardize");
    // saved as {name, state}: a stage's own state needs no name
    assertThat(metadata.preprocessing().get(0).get("state").has("mean")).isTrue();
    assertThat(metadata.preprocessing().get(0).get("state").has("name")).isFalse();
    // the record is immutable: changing what an accessor returns changes nothing
    metadata.preprocessing().get(0).put("name", "changed");
    assertThat(metadata.preprocessing().get(0).get("name").asText()).isEqualTo("standardize");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> metadata.provenance().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    try (Classifier classifier = Classifiers.load(trainedModel)) {
      List<Prediction> predictions = classifier.predictAll(VALIDATION);
      long right = 0;
      for (int i = 0; i < VALIDATION.size(); i++) {
        right += predictions.get(i).garment().index() == VALIDATION.labelIndex(i) ? 1 : 0;
      }
      assertThat(right).isGreaterThanOrEqualTo(40);
      // a batch of one may differ from the same row in a larger batch in the last bits
      Prediction single = classifier.predict(VALIDATION.image(3));
      assertThat(single.garment()).isEqualTo(predictions.get(3).garment());
      assertThat(single.probabilities()).containsExactly(predictions.get(3).probabilities(),
          org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void theSameSeedGivesTheSameWeights(@TempDir Path dir) {
    train(recipe(3), dir, false, new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    assertThat(probabilities(dir.resolve("model"))).containsExactly(trainedProbabilities);
  }

  @Test
  void aStoppedRunResumesExactlyWhereItStopped(@TempDir Path dir) {
    TensorFlowTrainer trainer = new TensorFlowTrainer(RUNTIME);
    StopSignal stop = new StopSignal();
    List<BatchProgress> seen = new ArrayList<>();
    TrainingListener stopAtEpochTwoBatchTwo = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchProgress progress) {
        seen.add(progress);
        if (progress.epoch() == 2 && progress.batch() == 2) {
          stop.request();
        }
      }
    };
    ModelTrainer.TrainingResult stopped = train(recipe(3), dir, false, trainer,
        stopAtEpochTwoBatchTwo, stop);
    assertThat(stopped.stopped()).isTrue();
    assertThat(stopped.modelDir()).isNull();
    assertThat(stopped.history().epochs()).hasSize(1);

    ModelTrainer.TrainingResult resumed = train(recipe(3), dir, true,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    assertThat(resumed.stopped()).isFalse();
    assertThat(resumed.history().epochs()).hasSize(3);
    assertThat(probabilities(resumed.modelDir())).containsExactly(trainedProbabilities);
  }

  /** {@link #recipe} with its last {@code averaged} of {@code epochs} epochs averaged. */
  private static TrainingRecipe averaging(int epochs, int averaged) {
    TrainingRecipe plain = recipe(epochs);
    return new TrainingRecipe(plain.name(), plain.description(), plain.model(),
        plain.optimizer(), plain.loss(), epochs, plain.batchSize(), plain.validationFraction(),
        plain.preprocessing(), plain.augmentation(), plain.seed(), null, plain.inference(), null,
        new io.clothing.api.WeightAveragingSpec(averaged, 0.005, 0.005), null, null);
  }

  /** A listener asking {@code stop} to stop once epoch {@code epoch} has ended. */
  private static TrainingListener stopAfterEpoch(int epoch, StopSignal stop) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(EpochMetrics metrics) {
        if (metrics.epoch() == epoch) {
          stop.request();
        }
      }
    };
  }

  private static Map<String, float[]> weightsAt(Path prefix) {
    return TensorBundle.readFloats(prefix, Network.from(recipe(1).model()).weightShapes());
  }

  @Test
  void weightAveragingSavesTheMeanOfTheLastEpochsWithFreshStatistics(@TempDir Path dir) {
    // stopped after epoch 2 (the first averaged one), then resumed: the average must survive
    StopSignal stop = new StopSignal();
    assertThat(train(averaging(3, 2), dir, false, new TensorFlowTrainer(RUNTIME),
        stopAfterEpoch(2, stop), stop).stopped()).isTrue();
    Path checkpoints = dir.resolve("work/checkpoints");
    Map<String, float[]> epochTwo = weightsAt(checkpoints.resolve("epoch-2/ckpt"));
    ModelTrainer.TrainingResult result = train(averaging(3, 2), dir, true,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    Map<String, float[]> epochThree = weightsAt(checkpoints.resolve("epoch-3/ckpt"));
    Map<String, float[]> saved = weightsAt(result.modelDir().resolve(
        TensorFlowClassifier.WEIGHTS_PREFIX));

    // epochs 2 and 3 ran at the averaging's constant rate, epoch 1 on the schedule
    assertThat(result.history().epochs()).extracting(EpochMetrics::learningRate)
        .containsExactly(0.01, 0.005, 0.005);
    for (String name : List.of("conv2d_kernel", "dense_1_kernel", "batch_normalization_gamma")) {
      float[] two = epochTwo.get(name);
      float[] three = epochThree.get(name);
      float[] mean = saved.get(name);
      assertThat(three).isNotEqualTo(two);
      for (int i = 0; i < mean.length; i++) {
        assertThat(mean[i]).as("%s[%d]", name, i).isCloseTo((two[i] + three[i]) / 2,
            within(1e-6f));
      }
    }
    // the moving statistics were measured again for the averaged weights, not averaged
    float[] meanOfMeans = saved.get("batch_normalization_moving_mean");
    float[] two = epochTwo.get("batch_normalization_moving_mean");
    float[] three = epochThree.get("batch_normalization_moving_mean");
    boolean anyDiffers = false;
    for (int i = 0; i < meanOfMeans.length; i++) {
      anyDiffers |= Math.abs(meanOfMeans[i] - (two[i] + three[i]) / 2) > 1e-4;
    }
    assertThat(anyDiffers).isTrue();
    assertThat(ModelMetadata.read(result.modelDir()).provenance())
        .containsEntry("weight_averaging", "the mean of the weights after epochs 2-3")
        .containsKey("averaged_val_accuracy");

    // an uninterrupted run saves the same model
    ModelTrainer.TrainingResult straight = train(averaging(3, 2), dir.resolve("straight"), false,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    assertThat(probabilities(straight.modelDir())).containsExactly(
        probabilities(result.modelDir()));
  }

  @Test
  void resumingWithADamagedAverageNamesItsFile(@TempDir Path dir) throws Exception {
    StopSignal stop = new StopSignal();
    train(averaging(3, 2), dir, false, new TensorFlowTrainer(RUNTIME), stopAfterEpoch(2, stop),
        stop);
    Path data = dir.resolve("work/checkpoints/epoch-2/average.data-00000-of-00001");
    byte[] bytes = java.nio.file.Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55;
    java.nio.file.Files.write(data, bytes);
    assertThatThrownBy(() -> train(averaging(3, 2), dir, true, new TensorFlowTrainer(RUNTIME),
        TrainingListener.NONE))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("checksum");
    assertThat(dir.resolve("model")).doesNotExist();
  }

  @Test
  void flipAveragingServesTheMeanOfTheImageAndItsMirror(@TempDir Path dir) {
    TrainingRecipe plain = recipe(3);
    TrainingRecipe averaged = new TrainingRecipe(plain.name(), plain.description(),
        plain.model(), plain.optimizer(), plain.loss(), plain.epochs(), plain.batchSize(),
        plain.validationFraction(), plain.preprocessing(), plain.augmentation(), plain.seed(),
        plain.earlyStopping(), new io.clothing.api.InferenceSpec(true), null, null, null, null);
    Path model = train(averaged, dir, false, new TensorFlowTrainer(RUNTIME),
        TrainingListener.NONE).modelDir();
    try (Classifier tta = Classifiers.load(model);
        Classifier once = Classifiers.load(trainedModel)) {
      for (int row : new int[] {0, 17, 33}) {
        GrayImage image = VALIDATION.image(row);
        byte[] mirrored = new byte[784];
        for (int p = 0; p < 784; p++) {
          mirrored[p] = (byte) image.pixel(27 - p % 28, p / 28);
        }
        float[] a = once.predict(image).probabilities();
        float[] b = once.predict(GrayImage.of(mirrored)).probabilities();
        float[] averagedProbabilities = tta.predict(image).probabilities();
        for (int c = 0; c < 10; c++) {
          assertThat(averagedProbabilities[c]).isCloseTo((a[c] + b[c]) / 2,
              org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
    }
  }

  @Test
  void earlyStoppingEndsARunThatStopsImproving(@TempDir Path dir) {
    TrainingRecipe frozen = TrainingRecipe.parse("""
        {"name": "frozen", "model": {"name": "linear", "layers": [{"type": "flatten"},
          {"type": "dense", "units": 10, "activation": "softmax"}]},
         "optimizer": {"type": "sgd", "learning_rate": 1e-12, "momentum": 0},
         "epochs": 6, "batch_size": 50, "seed": 3,
         "early_stopping": {"monitor": "val_accuracy", "patience": 2}}
        """, "frozen.json");
    ModelTrainer.TrainingResult result = train(frozen, dir, false,
        new TensorFlowTrainer(RUNTIME), TrainingListener.NONE);
    assertThat(result.history().epochs()).hasSize(3);
    assertThat(ModelMetadata.read(result.modelDir()).provenance())
        .containsEntry("early_stopped_at_epoch", "3").containsEntry("best_epoch", "1");
  }

  @Test
  void sixteenThreadsPredictingAtOnceGiveTheSerialAnswers() throws Exception {
    List<GrayImage> images = new ArrayList<>();
    for (int i = 0; i < VALIDATION.size(); i++) {
      images.add(VALIDATION.image(i));
    }
    List<Prediction> serial = new ArrayList<>();
    try (Classifier unbatched = Classifiers.load(trainedModel, RequestBatching.off())) {
      for (GrayImage image : images) {
        serial.add(unbatched.predict(image));
      }
      // unbatched, every thread's call is its own batch of one: bit-identical answers
      for (List<Prediction> answers : sixteenThreads(unbatched, images)) {
        assertThat(answers).isEqualTo(serial);
      }
    }
    try (Classifier batching = Classifiers.load(trainedModel)) {
      // batched, the calls share TensorFlow runs of other sizes: equal within 1e-5
      for (List<Prediction> answers : sixteenThreads(batching, images)) {
        for (int i = 0; i < serial.size(); i++) {
          assertThat(answers.get(i).probabilities())
              .containsExactly(serial.get(i).probabilities(), within(1e-5f));
        }
      }
    }
  }

  private static List<List<Prediction>> sixteenThreads(Classifier classifier,
      List<GrayImage> images) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<Prediction>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        futures.add(pool.submit(() -> {
          List<Prediction> out = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            out.clear();
            for (GrayImage image : images) {
              out.add(classifier.predict(image));
            }
          }
          return out;
        }));
      }
      List<List<Prediction>> answers = new ArrayList<>();
      for (Future<List<Prediction>> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aClosedClassifierSaysSo() {
    Classifier classifier = Classifiers.load(trainedModel);
    classifier.close();
    classifier.close();
    assertThatThrownBy(() -> classifier.predict(VALIDATION.image(0)))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void refusesImagesOfTheWrongSize() {
    try (Classifier classifier = Classifiers.load(trainedModel)) {
      assertThatThrownBy(() -> classifier.predict(GrayImage.of(2, 2, new byte[4])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("28x28");
    }
  }

  @Test
  void resumingWithoutACheckpointExplainsItself(@TempDir Path dir) {
    assertThatThrownBy(() -> train(recipe(1), dir, true, new TensorFlowTrainer(RUNTIME),
        TrainingListener.NONE))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("cannot resume");
  }
}
