package io.clothing.cli;

import io.clothing.api.Classifier;
import io.clothing.api.Classifiers;
import io.clothing.api.RequestBatching;
import io.clothing.api.ModelException;
import io.clothing.tf.TensorFlowBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model DIR|pretrained} option shared by evaluate, predict and bench. */
final class ModelOption {
  static final String PRETRAINED = "pretrained";

  @Option(names = "--model", paramLabel = "DIR|pretrained", defaultValue = PRETRAINED,
      description = "A saved model directory, or 'pretrained' for the model shipped in the "
          + "library. Default: ${DEFAULT-VALUE}.")
  String model;

  /** The model's directory (the unpacked pretrained model for 'pretrained'). */
  Path directory() {
    if (PRETRAINED.equals(model)) {
      return TensorFlowBackend.pretrainedDirectory().orElseThrow(() -> new ModelException(
          "this build ships no pretrained model; pass --model DIR"));
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("--model needs a model directory or 'pretrained', "
          + "got an empty value");
    }
    Path dir = Path.of(model);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--model " + model + ": no such model directory "
          + "(or use 'pretrained')");
    }
    return dir;
  }

  /** Loads the model, with request batching as {@link Classifiers} does by default. */
  Classifier load() {
    return load(RequestBatching.defaults());
  }

  /** Loads the model with {@code batching}. */
  Classifier load(RequestBatching batching) {
    return PRETRAINED.equals(model) ? Classifiers.pretrained(batching)
        : Classifiers.load(directory(), batching);
  }

  /** How to name the model in output. */
  String label() {
    return PRETRAINED.equals(model) ? "the pretrained model" : model;
  }
}
