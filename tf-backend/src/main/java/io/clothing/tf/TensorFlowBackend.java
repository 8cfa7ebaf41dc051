package io.clothing.tf;

import io.clothing.api.Classifier;
import io.clothing.api.ClassifierBackend;
import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.Reliability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TensorFlow {@link ClassifierBackend}: loads models saved by {@link TensorFlowTrainer} and
 * ships the pretrained Fashion-MNIST model as class-path resources under
 * {@code io/clothing/tf/pretrained/}, which {@link #pretrained()} unpacks once per JVM into a
 * temporary directory (TensorFlow reads SavedModels from files only).
 *
 * <p>Thread-safe.
 */
public final class TensorFlowBackend implements ClassifierBackend {
  /** The backend's name, also written into model metadata. */
  public static final String NAME = "tensorflow";
  /** The files of the pretrained model, relative to its resource directory. */
  static final List<String> PRETRAINED_FILES = List.of(ModelMetadata.FILE_NAME,
      "saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001");

  private static Path unpacked;

  /** The thread counts; null for those of {@link TensorFlowRuntime#forInference()} at load. */
  private final TensorFlowRuntime runtime;

  /**
   * A backend with the thread counts of {@link TensorFlowRuntime#forInference()} as they are when
   * a model is loaded.
   */
  public TensorFlowBackend() {
    this.runtime = null;
  }

  /** A backend with the given thread counts; never null. */
  public TensorFlowBackend(TensorFlowRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime);
  }

  private TensorFlowRuntime runtime() {
    return runtime != null ? runtime : TensorFlowRuntime.forInference();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean canLoad(Path modelDir) {
    return ModelMetadata.looksLikeOurs(modelDir);
  }

  @Override
  public Classifier load(Path modelDir) {
    return TensorFlowClassifier.load(modelDir, modelDir.toString(), runtime());
  }

  @Override
  public Optional<Classifier> pretrained() {
    return pretrainedDirectory().map(dir ->
        TensorFlowClassifier.load(dir, "the pretrained model", runtime()));
  }

  /** The unpacked pretrained model, if this jar ships one. */
  public static synchronized Optional<Path> pretrainedDirectory() {
    if (unpacked != null) {
      return Optional.of(unpacked);
    }
    if (TensorFlowBackend.class.getResource("pretrained/" + ModelMetadata.FILE_NAME) == null) {
      return Optional.empty();
    }
    try {
      Path dir = Files.createTempDirectory("clothing-pretrained-");
      for (String file : PRETRAINED_FILES) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = TensorFlowBackend.class.getResourceAsStream("pretrained/" + file)) {
          if (in == null) {
            throw new ModelException("the pretrained model's resource " + file + " is missing");
          }
          Files.copy(in, target);
        }
      }
      try (InputStream in = TensorFlowBackend.class.getResourceAsStream("pretrained/"
          + Reliability.FILE_NAME)) {
        if (in != null) { // the calibration and "not sure" check, when shipped
          Files.copy(in, dir.resolve(Reliability.FILE_NAME));
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> ModelDirectories.deleteTree(dir)));
      unpacked = dir;
      return Optional.of(dir);
    } catch (IOException e) {
      throw new ModelException("cannot unpack the pretrained model: " + e, e);
    }
  }
}
