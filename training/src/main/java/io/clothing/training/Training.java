package io.clothing.training;

import io.clothing.api.Augmentation;
import io.clothing.api.ClothingException;
import io.clothing.api.ImageDataset;
import io.clothing.api.ModelTrainer;
import io.clothing.api.PluginRegistry;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.PreprocessingStageProvider;
import io.clothing.api.StageParameters;
import io.clothing.api.StageSpec;
import io.clothing.api.StopSignal;
import io.clothing.api.TrainingListener;
import io.clothing.api.TrainingRecipe;
import io.clothing.augmentation.Augmentations;
import io.clothing.preprocessing.BatchPipeline;
import io.clothing.preprocessing.StratifiedSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The library's {@code fit}: trains a recipe on a data set through the whole workflow, the one
 * {@code clothing train} runs. The recipe's validation fraction is split off the data
 * (stratified, seeded), the recipe's preprocessing stages are fitted on the training part only,
 * the augmentation pipeline feeds the backend's trainer (found with {@link ServiceLoader}, so a
 * host adds {@code clothing-tf-backend} at run time only), with early stopping, a checkpoint
 * after every epoch and {@code resume} as the recipe and this builder say. The finished model is
 * {@linkplain Calibration calibrated} on the validation part, so that its predictions say when
 * they are not sure.
 *
 * <pre>{@code
 * TrainingResult result = Training.recipe(Recipes.named("fast")).data(myImages)
 *     .outputDirectory(Path.of("runs/mine")).run();
 * result.save(Path.of("models/mine"));
 * Prediction p = result.classifier().predict(image);
 * }</pre>
 *
 * <p>A builder: not thread-safe; each {@link #start()} makes an independent run.
 */
public final class Training {
  private final TrainingRecipe recipe;
  private ImageDataset data;
  private ImageDataset validation;
  private TrainingListener listener = TrainingListener.NONE;
  private Path outputDirectory;
  private boolean resume;
  private final Map<String, String> provenance = new LinkedHashMap<>();
  private ClassLoader classLoader = Training.class.getClassLoader();

  private Training(TrainingRecipe recipe) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
  }

  /** Starts describing a run of {@code recipe}; never null. */
  public static Training recipe(TrainingRecipe recipe) {
    return new Training(recipe);
  }

  /**
   * The labelled images to train on; the recipe's {@code validation_fraction} of them is held out
   * for validation (stratified by class, seeded by the recipe) unless {@link #validation} gives a
   * separate set. Required.
   */
  public Training data(ImageDataset data) {
    this.data = Objects.requireNonNull(data, "data");
    return this;
  }

  /** A validation set of its own; then all of {@link #data} is trained on. Optional. */
  public Training validation(ImageDataset validation) {
    this.validation = Objects.requireNonNull(validation, "validation");
    return this;
  }

  /** Progress callbacks, called on the training thread. Default: none. */
  public Training listener(TrainingListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Where the run writes: checkpoints under {@code work/}, the trained model under
   * {@code model/}. Default: a new temporary directory.
   */
  public Training outputDirectory(Path directory) {
    this.outputDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** Whether to continue the stopped run in the output directory. Default: false. */
  public Training resume(boolean resume) {
    this.resume = resume;
    return this;
  }

  /** A fact saved with the model's metadata, such as where the data came from. */
  public Training provenance(String key, String value) {
    provenance.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Where to find the backend and the preprocessing and augmentation plugins. */
  public Training classLoader(ClassLoader loader) {
    this.classLoader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /**
   * Checks the run (data given, every plugin the recipe names found, a backend on the class
   * path) and starts it on a thread of its own.
   *
   * @throws IllegalStateException if no data was given
   * @throws io.clothing.api.RecipeException if the recipe names a plugin that is not there
   * @throws ClothingException if no training backend is on the class path, or the output
   *     directory cannot be created or another run (in this or another process) is using it
   */
  public TrainingRun start() {
    Plan plan = plan();
    OutputLock lock = OutputLock.acquire(plan.output());
    return TrainingRun.start(recipe.name(), stop -> {
      try (lock) {
        return execute(plan, stop);
      }
    });
  }

  /** {@link #start()}, then waits for the result. */
  public TrainingResult run() {
    return start().await();
  }

  /**
   * Everything checked, and every setting taken, before the run's thread starts: changing this
   * builder afterwards does not change the run.
   */
  private record Plan(ModelTrainer trainer, List<Augmentation> augmentations,
      PluginRegistry<PreprocessingStageProvider> stages, Path output, ImageDataset data,
      ImageDataset validation, TrainingListener listener, boolean resume,
      Map<String, String> provenance) {}

  private Plan plan() {
    if (data == null) {
      throw new IllegalStateException("no training data: call data(...) before start()");
    }
    List<Augmentation> augmentations = Augmentations.create(recipe.augmentation(), classLoader);
    PluginRegistry<PreprocessingStageProvider> stages = PluginRegistry.discover(
        PreprocessingStageProvider.class, "preprocessing", classLoader);
    for (int i = 0; i < recipe.preprocessing().size(); i++) {
      stages.get(recipe.preprocessing().get(i).name(), "preprocessing[" + i + "].name");
    }
    ModelTrainer trainer = ServiceLoader.load(ModelTrainer.class, classLoader).findFirst()
        .orElseThrow(() -> new ClothingException("no training backend on the class path: add "
            + "io.clothing:clothing-tf-backend as a run-time dependency"));
    Path output;
    try {
      output = outputDirectory != null ? Files.createDirectories(outputDirectory)
          : Files.createTempDirectory("clothing-training-");
    } catch (IOException e) {
      throw new ClothingException("cannot create the output directory " + outputDirectory
          + ": " + e.getMessage(), e);
    }
    return new Plan(trainer, augmentations, stages, output, data, validation, listener, resume,
        Map.copyOf(provenance));
  }

  private TrainingResult execute(Plan plan, StopSignal stop) {
    ImageDataset training = plan.data();
    ImageDataset held = plan.validation();
    if (held == null && recipe.validationFraction() > 0) {
      StratifiedSplit.Parts parts = StratifiedSplit.split(training,
          recipe.validationFraction(), recipe.splitSeed());
      training = parts.training();
      held = parts.validation();
    }
    List<PreprocessingStage> stages = new ArrayList<>();
    for (int i = 0; i < recipe.preprocessing().size(); i++) {
      StageSpec stage = recipe.preprocessing().get(i);
      stages.add(plan.stages().get(stage.name(), "preprocessing").fit(
          new StageParameters("preprocessing[" + i + "]", stage.parameters()), training));
    }
    Map<String, String> facts = new LinkedHashMap<>(plan.provenance());
    facts.putIfAbsent("validation_fraction", String.valueOf(plan.validation() == null
        ? recipe.validationFraction() : 0));
    BatchPipeline.Builder batching = BatchPipeline.builder(training)
        .batchSize(recipe.batchSize()).shuffle(true).seed(recipe.seed()).preprocessing(stages)
        .augmentation(plan.augmentations()).mixing(recipe.mixing()).threads(1).prefetch(8);
    if (recipe.distillation() != null) {
      batching.targets(Distillation.targets(recipe.distillation(), training));
      facts.put("distillation_teacher", recipe.distillation().teacher());
    }
    ModelTrainer.TrainingResult result;
    try (BatchPipeline batches = batching.build();
        BatchPipeline checks = held == null || held.size() == 0 ? null
            : BatchPipeline.builder(held).batchSize(500).preprocessing(stages).threads(1)
                .build()) {
      result = plan.trainer().train(new ModelTrainer.TrainingJob(recipe, batches, checks,
          stages, plan.output().resolve("work"), plan.output().resolve("model"), plan.resume(),
          facts), plan.listener(), stop);
    }
    if (!result.stopped() && held != null && held.size() > 0) {
      Calibration.calibrate(result.modelDir(), training, held, recipe.seed());
    }
    return new TrainingResult(recipe, result.history(), result.modelDir(), result.stopped(),
        training, held != null ? held : training.subset(new int[0]));
  }
}
