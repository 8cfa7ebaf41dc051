package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingRecipeTest {

  private static final String VALID = """
      {
        "name": "tiny",
        "model": {"name": "mlp", "layers": [{"type": "flatten"}, {"type": "dense", "units": 10}]},
        "optimizer": {"type": "sgd", "learning_rate": 0.1, "nesterov": true,
                      "schedule": {"type": "one_cycle", "warmup_fraction": 0.25}},
        "loss": {"label_smoothing": 0.1},
        "epochs": 3,
        "batch_size": 32,
        "preprocessing": [{"name": "standardize"}],
        "augmentation": [{"name": "rotation", "range": 8}, {"name": "horizontal_flip"}],
        "seed": 7
      }
      """;

  private static String with(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  @Test
  void parsesAFullRecipeWithDefaults() {
    TrainingRecipe recipe = TrainingRecipe.parse(VALID, "tiny.json");
    assertThat(recipe.name()).isEqualTo("tiny");
    assertThat(recipe.optimizer().type()).isEqualTo(OptimizerType.SGD);
    assertThat(recipe.optimizer().nesterov()).isTrue();
    assertThat(recipe.optimizer().momentum()).isEqualTo(0.9);
    assertThat(recipe.optimizer().schedule().type()).isEqualTo(ScheduleType.ONE_CYCLE);
    assertThat(recipe.optimizer().schedule().warmupFraction()).isEqualTo(0.25);
    assertThat(recipe.loss().type()).isEqualTo(LossType.CATEGORICAL_CROSSENTROPY);
    assertThat(recipe.loss().labelSmoothing()).isEqualTo(0.1);
    assertThat(recipe.validationFraction()).isEqualTo(0.1);
    assertThat(recipe.augmentation()).extracting(StageSpec::name)
        .containsExactly("rotation", "horizontal_flip");
    assertThat(recipe.augmentation().get(0).parameters().get("range").intValue()).isEqualTo(8);
    assertThat(recipe.earlyStopping()).isNull();
    assertThat(recipe.model().layers()).hasSize(2);
    assertThat(recipe.validationSeed()).isNull();
    assertThat(recipe.splitSeed()).isEqualTo(7);
  }

  @Test
  void aValidationSeedSplitsApartFromTheTrainingSeedAndSurvivesAnotherSeed() {
    TrainingRecipe recipe = TrainingRecipe.parse(
        with("\"seed\": 7", "\"seed\": 7, \"validation_seed\": 42"), "member.json");
    assertThat(recipe.splitSeed()).isEqualTo(42);
    assertThat(recipe.withSeed(9).splitSeed()).isEqualTo(42);
    assertThat(recipe.withSeed(9).seed()).isEqualTo(9);
    assertThat(TrainingRecipe.parse(recipe.toJson(), "again.json")).isEqualTo(recipe);
  }

  @Test
  void weightAveragingTakesTheLastEpochsOutOfTheSchedule() {
    TrainingRecipe recipe = TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 1, \"learning_rate\": 0.01}"),
        "swa.json");
    assertThat(recipe.weightAveraging()).isEqualTo(new WeightAveragingSpec(1, 0.01, 0.01));
    assertThat(recipe.weightAveraging().learningRate(99, 100)).isEqualTo(0.01);
    assertThat(recipe.scheduledEpochs()).isEqualTo(2);
    assertThat(recipe.withSeed(9).weightAveraging()).isEqualTo(recipe.weightAveraging());
    assertThat(TrainingRecipe.parse(recipe.toJson(), "again.json")).isEqualTo(recipe);
    assertThat(TrainingRecipe.parse(VALID, "tiny.json").scheduledEpochs()).isEqualTo(3);
  }

  @Test
  void cyclicalWeightAveragingFallsLinearlyWithinEachEpoch() {
    WeightAveragingSpec cyclical = TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 1, \"learning_rate\": 0.02,"
        + " \"final_learning_rate\": 0.0002}"), "swa.json").weightAveraging();
    assertThat(cyclical.learningRate(0, 5)).isEqualTo(0.02);
    assertThat(cyclical.learningRate(2, 5)).isCloseTo(0.0101, org.assertj.core.data.Offset
        .offset(1e-12));
    assertThat(cyclical.learningRate(4, 5)).isCloseTo(0.0002, org.assertj.core.data.Offset
        .offset(1e-12));
    assertThatThrownBy(() -> new WeightAveragingSpec(1, 0.01, 0.02))
        .hasMessageStartingWith("final_learning_rate: must be at most learning_rate");
  }

  @Test
  void refusesWeightAveragingThatLeavesNoScheduledEpochOrMeetsEarlyStopping() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 3, \"learning_rate\": 0.01}"),
        "swa.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("weight_averaging.epochs: must be fewer than the recipe's 3 "
            + "epochs");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 1, \"learning_rate\": 0}"),
        "swa.json"))
        .hasMessageStartingWith("weight_averaging.learning_rate: must be a finite number above 0");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 1}"), "swa.json"))
        .hasMessageStartingWith("weight_averaging.learning_rate: is required");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3",
        "\"epochs\": 3, \"weight_averaging\": {\"epochs\": 1, \"learning_rate\": 0.01},"
        + " \"early_stopping\": {\"patience\": 2}"), "swa.json"))
        .hasMessageStartingWith("weight_averaging: cannot be combined with early_stopping");
  }

  @Test
  void distillationNamesATeacherAndItsShareOfTheTargets() {
    TrainingRecipe recipe = TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"distillation\": {\"teacher\": \"models/teacher\"}"), "kd.json");
    assertThat(recipe.distillation()).isEqualTo(new DistillationSpec("models/teacher", 0.5));
    assertThat(TrainingRecipe.parse(recipe.toJson(), "again.json")).isEqualTo(recipe);
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"distillation\": {\"teacher\": \"t\", \"weight\": 1.5}"), "kd.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("distillation.weight: must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"distillation\": {\"teacher\": \" \"}"), "kd.json"))
        .hasMessageStartingWith("distillation.teacher: must name a model directory");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"distillation\": {\"weight\": 0.5}"), "kd.json"))
        .hasMessageStartingWith("distillation.teacher: is required");
  }

  @Test
  void mixingNamesTheKindItsAlphaAndHowOftenABatchIsMixed() {
    TrainingRecipe recipe = TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"mixing\": {\"type\": \"cutmix\", \"alpha\": 1}"), "mix.json");
    assertThat(recipe.mixing()).isEqualTo(new MixingSpec(MixingType.CUTMIX, 1, 1));
    assertThat(TrainingRecipe.parse(recipe.toJson(), "again.json")).isEqualTo(recipe);
    assertThat(TrainingRecipe.parse(with("\"seed\": 7", "\"seed\": 7, \"mixing\": "
        + "{\"type\": \"mixup\", \"alpha\": 0.2, \"probability\": 0.5}"), "mix.json").mixing())
        .isEqualTo(new MixingSpec(MixingType.MIXUP, 0.2, 0.5));
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"mixing\": {\"type\": \"cutout\", \"alpha\": 1}"), "mix.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageContaining("mixing.type");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"mixing\": {\"type\": \"mixup\"}"), "mix.json"))
        .hasMessageStartingWith("mixing.alpha: is required");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7",
        "\"seed\": 7, \"mixing\": {\"type\": \"mixup\", \"alpha\": 0}"), "mix.json"))
        .hasMessageStartingWith("mixing.alpha: must be a finite number above 0, got 0.0");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7", "\"seed\": 7, "
        + "\"mixing\": {\"type\": \"mixup\", \"alpha\": 1.7976931348623157E308}"), "mix.json"))
        .hasMessageStartingWith("mixing.alpha: must be at most 1000000.0, got 1.7976931348623157E308");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7", "\"seed\": 7, "
        + "\"mixing\": {\"type\": \"mixup\", \"alpha\": 1, \"probability\": 0}"), "mix.json"))
        .hasMessageStartingWith("mixing.probability: must be in (0, 1], got 0.0");
  }

  @Test
  void writesJsonThatReadsBackEqual() {
    TrainingRecipe recipe = TrainingRecipe.parse(VALID, "tiny.json");
    String json = recipe.toJson();
    assertThat(json).contains("\"batch_size\" : 32").contains("\"name\" : \"rotation\"");
    assertThat(TrainingRecipe.parse(json, "again.json")).isEqualTo(recipe);
  }

  @Test
  void refusesAnUnknownFieldNamingItAndTheAllowedOnes() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\"", "\"epoch\""), "r.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("epoch: unknown field; allowed fields here: augmentation, "
            + "batch_size, description, distillation, early_stopping, epochs, inference, loss, "
            + "mixing, model, name, optimizer, "
            + "preprocessing, seed, validation_fraction, validation_seed, weight_averaging")
        .hasMessageContaining("(in r.json)");
  }

  @Test
  void refusesAnUnknownNestedField() {
    assertThatThrownBy(() -> TrainingRecipe.parse(
        with("\"nesterov\": true", "\"nesterow\": true"), "r.json"))
        .hasMessageStartingWith("optimizer.nesterow: unknown field")
        .hasMessageContaining("learning_rate");
  }

  @Test
  void refusesAWrongType() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3", "\"epochs\": \"3\""),
        "r.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageStartingWith("epochs: expected a whole number");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3", "\"epochs\": 2.5"),
        "r.json"))
        .hasMessageStartingWith("epochs: expected a whole number");
  }

  @Test
  void refusesAnUnknownEnumValueListingTheAllowedValues() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"sgd\"", "\"adamx\""), "r.json"))
        .hasMessageStartingWith("optimizer.type: 'adamx' is not allowed")
        .hasMessageContaining("allowed values: adam, adamw, nadam, rmsprop, sgd");
  }

  @Test
  void refusesOutOfRangeValuesNamingTheFullPath() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"learning_rate\": 0.1",
        "\"learning_rate\": -1"), "r.json"))
        .hasMessageStartingWith("optimizer.learning_rate: must be a finite number above 0, got -1");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"warmup_fraction\": 0.25",
        "\"warmup_fraction\": 1.5"), "r.json"))
        .hasMessageStartingWith("optimizer.schedule.warmup_fraction: must be in [0.0, 1.0)");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3", "\"epochs\": 0"),
        "r.json"))
        .hasMessageStartingWith("epochs: must be 1 to 10000, got 0");
  }

  @Test
  void refusesAMissingRequiredField() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"seed\": 7", "\"_x\": 7")
        .replace(",\n    \"_x\": 7", ""), "r.json"))
        .isInstanceOf(RecipeException.class);
    assertThatThrownBy(() -> TrainingRecipe.parse(
        VALID.replace("\"seed\": 7", "\"seed\": null"), "r.json"))
        .hasMessageStartingWith("seed: is required");
  }

  @Test
  void refusesALayerWithoutType() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("{\"type\": \"flatten\"}", "{}"),
        "r.json"))
        .hasMessageStartingWith("model.layers[0].type: is required");
  }

  @Test
  void refusesAStageWithoutName() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("{\"name\": \"horizontal_flip\"}",
        "{\"p\": 1}"), "r.json"))
        .hasMessageStartingWith("augmentation[1].name: is required");
  }

  @Test
  void refusesMalformedJsonWithItsPosition() {
    assertThatThrownBy(() -> TrainingRecipe.parse("{\"name\": \"x\",\n  oops}", "r.json"))
        .isInstanceOf(RecipeException.class)
        .hasMessageContaining("r.json: line 2, column")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesDuplicateKeysAtAnyDepth() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3,",
        "\"epochs\": 0, \"epochs\": 3,"), "r.json"))
        .isInstanceOf(RecipeException.class).hasMessageContaining("Duplicate field 'epochs'");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"units\": 10}",
        "\"units\": 10, \"units\": 11}"), "r.json"))
        .isInstanceOf(RecipeException.class).hasMessageContaining("Duplicate field 'units'");
  }

  @Test
  void refusesDeepNestingAndOversizedRecipesBeforeParsingThem() {
    String deep = with("{\"type\": \"flatten\"}",
        "{\"type\": \"flatten\", \"deep\": " + "[".repeat(1000) + "]".repeat(1000) + "}");
    assertThatThrownBy(() -> TrainingRecipe.parse(deep, "deep.json"))
        .isInstanceOf(RecipeException.class).hasMessageContaining("deep.json")
        .hasMessageContaining("nesting depth");
    String huge = VALID.replace("\"tiny\"", "\"" + "x".repeat(RecipeJson.MAX_BYTES) + "\"");
    assertThatThrownBy(() -> TrainingRecipe.parse(huge, "huge.json"))
        .isInstanceOf(RecipeException.class).hasMessageContaining("more than a recipe may have");
  }

  @Test
  void aNamedPipeIsRefusedAsARecipeWithoutBlocking(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path pipe = dir.resolve("recipe.json");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> TrainingRecipe.load(pipe)).isInstanceOf(RecipeException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void everyCountHasARange() {
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"epochs\": 3", "\"epochs\": 1000000000"),
        "r.json")).isInstanceOf(RecipeException.class)
        .hasMessageContaining("epochs: must be 1 to 10000, got 1000000000");
    assertThatThrownBy(() -> TrainingRecipe.parse(with("\"batch_size\": 32",
        "\"batch_size\": 100000"), "r.json")).isInstanceOf(RecipeException.class)
        .hasMessageContaining("batch_size: must be 1 to 65536");
    String layers = "{\"type\": \"flatten\"}, ".repeat(ModelSpec.MAX_LAYERS + 1);
    assertThatThrownBy(() -> TrainingRecipe.parse(with("{\"type\": \"flatten\"}, ", layers),
        "r.json")).isInstanceOf(RecipeException.class)
        .hasMessageContaining("a model may have at most 1000");
  }

  @Test
  void aRefusalKeepsItsPathAndDetailApartWhenAnEnclosingDocumentAddsItsOwn() {
    RecipeException inner = new RecipeException("range", "must be 0 to 180, got 500");
    RecipeException outer = inner.within("augmentation[1]", " (in r.json)");
    assertThat(outer.field()).isEqualTo("augmentation[1].range");
    assertThat(outer.detail()).isEqualTo("must be 0 to 180, got 500 (in r.json)");
    assertThat(outer).hasMessage("augmentation[1].range: must be 0 to 180, got 500 (in r.json)");
    // a refusal of the whole stage gets no dangling dot
    assertThat(new RecipeException("", "refused").within("augmentation[0]", ""))
        .hasMessage("augmentation[0]: refused");
    assertThat(new RecipeException("[2]", "bad").within("layers", "").field())
        .isEqualTo("layers[2]");
  }

  @Test
  void eachOptimizerHasItsOwnParametersAndWritesOnlyThose() {
    OptimizerSpec rmsprop = TrainingRecipe.parse(with(
        "\"type\": \"sgd\", \"learning_rate\": 0.1, \"nesterov\": true,",
        "\"type\": \"rmsprop\", \"learning_rate\": 0.1, \"rho\": 0.8,"), "r.json").optimizer();
    assertThat(rmsprop.rho()).isEqualTo(0.8);
    assertThat(rmsprop.momentum()).isZero(); // Keras' RMSprop default, no longer its rho
    String json = TrainingRecipe.parse(with("\"type\": \"sgd\", \"learning_rate\": 0.1,",
        "\"type\": \"adam\", \"learning_rate\": 0.1, \"momentum\": 0.9,"), "r.json").toJson();
    assertThat(json).contains("\"beta1\"").doesNotContain("momentum").doesNotContain("rho");
  }
}
