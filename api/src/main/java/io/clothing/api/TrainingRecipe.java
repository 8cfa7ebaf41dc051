package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to train a model, as one JSON document: the architecture, optimizer, loss,
 * epochs, batch size, validation split, preprocessing and augmentation stages, and the seed.
 *
 * <pre>{@code
 * {
 *   "name": "fast",
 *   "model": {"name": "bn-cnn", "layers": [{"type": "conv2d", "filters": 32, ...}, ...]},
 *   "optimizer": {"type": "sgd", "learning_rate": 0.05, "nesterov": true,
 *                 "schedule": {"type": "one_cycle"}},
 *   "loss": {"type": "categorical_crossentropy", "label_smoothing": 0.1},
 *   "epochs": 5, "batch_size": 128, "validation_fraction": 0.1,
 *   "preprocessing": [{"name": "standardize"}],
 *   "augmentation": [{"name": "random_crop", "padding": 2}, {"name": "horizontal_flip"}],
 *   "seed": 42
 * }
 * }</pre>
 *
 * <p>Parsing is strict: an unknown field, a wrong type or an out-of-range value is refused with a
 * {@link RecipeException} naming the field's path and what is allowed. Immutable and thread-safe.
 *
 * @param name the recipe's name; never null
 * @param description what the recipe is for; never null, may be empty
 * @param model the architecture; never null
 * @param optimizer the optimizer; never null
 * @param loss the loss; never null (default categorical cross-entropy)
 * @param epochs epochs to train, 1 to 10,000
 * @param batchSize images per training step, 1 to 65,536
 * @param validationFraction share of the training file held out for validation, in [0, 0.5]
 *     (default 0.1, the seed's 6,000 of 60,000)
 * @param preprocessing deterministic stages for every image; never null
 * @param augmentation random stages for training images; never null
 * @param seed the seed every random choice derives from, the validation split's too unless
 *     {@code validationSeed} is given
 * @param earlyStopping when to stop early; null to always run every epoch
 * @param inference how the saved model predicts; never null (default one plain pass)
 * @param validationSeed the seed of the validation split alone; null to use {@code seed}. Members
 *     of an ensemble trained with different seeds keep one validation split this way, so that
 *     the ensemble can be calibrated on images none of its members trained on.
 * @param weightAveraging stochastic weight averaging over the last epochs; null for none (the
 *     last epoch's weights are saved). Cannot be combined with {@code earlyStopping}.
 * @param distillation a teacher model whose probabilities the training targets mix in; null to
 *     train on the labels alone
 * @param mixing CutMix or mixup of training batches; null for none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRecipe(
    String name,
    String description,
    ModelSpec model,
    OptimizerSpec optimizer,
    LossSpec loss,
    int epochs,
    int batchSize,
    double validationFraction,
    List<StageSpec> preprocessing,
    List<StageSpec> augmentation,
    long seed,
    EarlyStoppingSpec earlyStopping,
    InferenceSpec inference,
    Long validationSeed,
    WeightAveragingSpec weightAveraging,
    DistillationSpec distillation,
    MixingSpec mixing) {
  /** The most epochs a recipe may ask for. */
  public static final int MAX_EPOCHS = 10_000;
  /** The largest batch a recipe may ask for. */
  public static final int MAX_BATCH_SIZE = 65_536;
  /** The largest share of the training file a recipe may hold out for validation. */
  public static final double MAX_VALIDATION_FRACTION = 0.5;


  /** Validates every field; see the class comment for the ranges. */
  public TrainingRecipe {
    Checks.required("name", name);
    Checks.required("description", description);
    Checks.required("model", model);
    Checks.required("optimizer", optimizer);
    Checks.required("loss", loss);
    Checks.between("epochs", epochs, 1, MAX_EPOCHS);
    Checks.between("batch_size", batchSize, 1, MAX_BATCH_SIZE);
    Checks.within("validation_fraction", validationFraction, 0, MAX_VALIDATION_FRACTION, true);
    preprocessing = List.copyOf(Checks.required("preprocessing", preprocessing));
    augmentation = List.copyOf(Checks.required("augmentation", augmentation));
    Checks.required("inference", inference);
    if (weightAveraging != null) {
      if (weightAveraging.epochs() >= epochs) {
        throw new RecipeException("weight_averaging.epochs", "must be fewer than the recipe's "
            + epochs + " epochs (the epochs before them follow the optimizer's schedule), got "
            + weightAveraging.epochs());
      }
      if (earlyStopping != null) {
        throw new RecipeException("weight_averaging", "cannot be combined with early_stopping: "
            + "the average needs every one of its epochs");
      }
    }
  }

  @JsonCreator
  static TrainingRecipe fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("description") String description,
      @JsonProperty("model") ModelSpec model,
      @JsonProperty("optimizer") OptimizerSpec optimizer,
      @JsonProperty("loss") LossSpec loss,
      @JsonProperty("epochs") Integer epochs,
      @JsonProperty("batch_size") Integer batchSize,
      @JsonProperty("validation_fraction") Double validationFraction,
      @JsonProperty("preprocessing") List<StageSpec> preprocessing,
      @JsonProperty("augmentation") List<StageSpec> augmentation,
      @JsonProperty("seed") Long seed,
      @JsonProperty("early_stopping") EarlyStoppingSpec earlyStopping,
      @JsonProperty("inference") InferenceSpec inference,
      @JsonProperty("validation_seed") Long validationSeed,
      @JsonProperty("weight_averaging") WeightAveragingSpec weightAveraging,
      @JsonProperty("distillation") DistillationSpec distillation,
      @JsonProperty("mixing") MixingSpec mixing,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, TrainingRecipe.class);
    return new TrainingRecipe(
        name,
        description != null ? description : "",
        model,
        optimizer,
        loss != null ? loss : LossSpec.CROSS_ENTROPY,
        Checks.required("epochs", epochs),
        Checks.required("batch_size", batchSize),
        validationFraction != null ? validationFraction : 0.1,
        preprocessing != null ? preprocessing : List.of(),
        augmentation != null ? augmentation : List.of(),
        Checks.required("seed", seed),
        earlyStopping,
        inference != null ? inference : InferenceSpec.PLAIN,
        validationSeed,
        weightAveraging,
        distillation,
        mixing);
  }

  /**
   * Parses a recipe.
   *
   * @param json the document; never null
   * @param source what to call it in messages (a file name); never null
   * @throws RecipeException naming the source and the field's path, if the recipe is refused
   */
  public static TrainingRecipe parse(String json, String source) {
    return RecipeJson.read(json, source);
  }

  /**
   * Reads and parses a recipe file.
   *
   * @throws RecipeException if the file cannot be read or the recipe is refused
   */
  public static TrainingRecipe load(Path file) {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new RecipeException("", file + ": not a regular file");
      }
      if (Files.size(file) > RecipeJson.MAX_BYTES) {
        throw new RecipeException("", file + ": " + Files.size(file) + " bytes is more than a "
            + "recipe may have (" + RecipeJson.MAX_BYTES + ")");
      }
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new RecipeException("", file + ": no such recipe file", e);
    } catch (IOException e) {
      throw new RecipeException("", file + ": cannot read the recipe: " + e.getMessage(), e);
    }
  }

  /** This recipe as pretty-printed JSON, which {@link #parse} reads back to an equal recipe. */
  public String toJson() {
    return RecipeJson.write(this);
  }

  /** A copy with another number of epochs (at least 1). */
  public TrainingRecipe withEpochs(int newEpochs) {
    return new TrainingRecipe(name, description, model, optimizer, loss, newEpochs, batchSize,
        validationFraction, preprocessing, augmentation, seed, earlyStopping, inference,
        validationSeed, weightAveraging, distillation, mixing);
  }

  /** A copy with another seed. */
  public TrainingRecipe withSeed(long newSeed) {
    return new TrainingRecipe(name, description, model, optimizer, loss, epochs, batchSize,
        validationFraction, preprocessing, augmentation, newSeed, earlyStopping, inference,
        validationSeed, weightAveraging, distillation, mixing);
  }

  /**
   * The epochs that follow the optimizer's schedule: all of them, less those of
   * {@code weightAveraging}.
   */
  public int scheduledEpochs() {
    return weightAveraging == null ? epochs : epochs - weightAveraging.epochs();
  }

  /** The seed of the validation split: {@code validationSeed} if given, else {@code seed}. */
  public long splitSeed() {
    return validationSeed != null ? validationSeed : seed;
  }
}
