package io.clothing.tf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.InferenceSpec;
import io.clothing.api.ModelDirectories;
import io.clothing.api.ModelException;
import io.clothing.api.ModelSpec;
import io.clothing.api.RecipeException;
import io.clothing.api.TrainingHistory;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines trained models into one model that averages their logits: an ensemble, saved as an
 * ordinary model directory that every part of the library loads, evaluates and serves.
 *
 * <p>The ensemble's architecture is one functional network: member {@code k}'s layers renamed
 * {@code m<k>_<name>} (so are their weights), each member's class scores taken before its
 * softmax, an {@code average} layer over them and a final softmax. Its probabilities are the
 * normalised geometric mean of the members' probabilities. The members must share their
 * preprocessing exactly (the same stages with the same fitted statistics, which members trained
 * on one validation split have: see {@link TrainingRecipe#validationSeed()}); the ensemble keeps
 * the first member's recipe for everything but the architecture, name and inference, so
 * {@code clothing calibrate} and {@code clothing evaluate} use the members' validation split.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ensembles {
  /** The most members an ensemble may have. */
  public static final int MAX_MEMBERS = 8;

  private Ensembles() {}

  /**
   * Writes the ensemble of the models in {@code members} to {@code modelDir}, crash-safely as
   * {@link ModelDirectories} describes.
   *
   * @param members two to {@value #MAX_MEMBERS} model directories; never null
   * @param name the ensemble recipe's name; never null
   * @param inference how the ensemble predicts (flip averaging or not); never null
   * @param runtime the TensorFlow threads for writing the model; never null
   * @return {@code modelDir}
   * @throws ModelException naming the member, if a member cannot be read, its architecture or
   *     weights are refused, or its preprocessing differs from the first member's
   */
  public static Path combine(List<Path> members, Path modelDir, String name,
      InferenceSpec inference, TensorFlowRuntime runtime) {
    if (members.size() < 2 || members.size() > MAX_MEMBERS) {
      throw new ModelException("an ensemble needs 2 to " + MAX_MEMBERS + " models, got "
          + members.size());
    }
    List<ModelMetadata> metadata = members.stream().map(ModelMetadata::read).toList();
    ModelMetadata first = metadata.get(0);
    List<ObjectNode> layers = new ArrayList<>();
    Map<String, float[]> weights = new LinkedHashMap<>();
    ArrayNode logits = JsonNodeFactory.instance.arrayNode();
    for (int k = 0; k < members.size(); k++) {
      Path member = members.get(k);
      ModelMetadata m = metadata.get(k);
      if (!java.util.Objects.equals(m.preprocessing(), first.preprocessing())) {
        throw new ModelException(member + ": its preprocessing " + m.preprocessing()
            + " differs from that of " + members.get(0) + " " + first.preprocessing()
            + "; ensemble members must share it (train them with one validation_seed)");
      }
      String prefix = "m" + (k + 1) + "_";
      Network network;
      try {
        network = Network.from(m.recipe().model());
        logits.add(appendRenamed(m.recipe().model(), prefix, layers));
      } catch (RecipeException e) {
        throw new ModelException(member + ": its model is refused: " + e.getMessage(), e);
      }
      TensorBundle.readFloats(member.resolve(TensorFlowClassifier.WEIGHTS_PREFIX),
          network.weightShapes()).forEach((weight, values) -> weights.put(prefix + weight,
              values));
    }
    ObjectNode average = layers.get(0).objectNode();
    average.put("name", "ensemble_logits").put("type", "average").set("inputs", logits);
    layers.add(average);
    ObjectNode softmax = layers.get(0).objectNode();
    softmax.put("name", "probabilities").put("type", "activation").put("activation", "softmax");
    layers.add(softmax);

    TrainingRecipe recipe = ensembleRecipe(first.recipe(), name, members, metadata,
        new ModelSpec(name, layers), inference);
    Network ensemble;
    try {
      ensemble = Network.from(recipe.model());
    } catch (RecipeException e) {
      throw new ModelException("the ensemble of " + members + " is refused: " + e.getMessage(),
          e);
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    for (int k = 0; k < members.size(); k++) {
      ModelMetadata m = metadata.get(k);
      provenance.put("member_" + (k + 1), m.recipe().name() + ", seed " + m.recipe().seed()
          + ", test accuracy " + (m.metrics() == null ? "unknown"
              : m.metrics().path("test_accuracy").asText("unknown")));
    }
    copyIfPresent(first.provenance(), provenance, "train_sha256", "test_sha256", "data",
        "data_format", "validation_fraction", "library_version", "tensorflow_version");
    ModelMetadata combined = ModelMetadata.create(first.preprocessing(), recipe,
        TrainingHistory.of(List.of()), provenance);
    Path checkpoint = writeCheckpoint(ensemble, weights, recipe.seed(), runtime);
    try {
      return ServingExport.export(recipe, checkpoint, combined, modelDir, runtime);
    } finally {
      ModelDirectories.deleteTree(checkpoint.getParent());
    }
  }

  /**
   * Appends the layers of {@code model} to {@code out} under {@code prefix}, each naming its
   * inputs, with the class scores as logits (a softmax dense layer made linear, a final softmax
   * activation left out).
   *
   * @return the prefixed name of the layer giving the member's logits
   */
  private static String appendRenamed(ModelSpec model, String prefix, List<ObjectNode> out) {
    List<ObjectNode> specs = model.layers();
    String[] names = Network.names(specs);
    int last = specs.size() - 1;
    boolean finalActivation = "activation".equals(specs.get(last).path("type").asText());
    for (int i = 0; i < specs.size(); i++) {
      if (i == last && finalActivation) {
        break;
      }
      ObjectNode layer = specs.get(i).deepCopy();
      ArrayNode inputs = layer.arrayNode();
      for (String input : Network.inputNames(specs.get(i),
          i == 0 ? Network.INPUT_NAME : names[i - 1], "model.layers[" + i + "]")) {
        inputs.add(input.equals(Network.INPUT_NAME) ? input : prefix + input);
      }
      layer.put("name", prefix + names[i]);
      layer.set("inputs", inputs);
      if (i == last) {
        layer.put("activation", "linear");
      }
      out.add(layer);
    }
    return finalActivation ? prefix + Network.inputNames(specs.get(last), names[last - 1],
        "model.layers[" + last + "]").get(0) : prefix + names[last];
  }

  private static TrainingRecipe ensembleRecipe(TrainingRecipe first, String name,
      List<Path> members, List<ModelMetadata> metadata, ModelSpec model,
      InferenceSpec inference) {
    StringBuilder description = new StringBuilder("The mean of the logits of ")
        .append(members.size()).append(" models: ");
    for (int k = 0; k < members.size(); k++) {
      TrainingRecipe r = metadata.get(k).recipe();
      description.append(k == 0 ? "" : "; ").append("m").append(k + 1).append(" = ")
          .append(r.name()).append(" (seed ").append(r.seed()).append(')');
    }
    description.append(". Training this recipe trains the members jointly from scratch; "
        + "the ensemble itself was made by 'clothing ensemble' from separately trained models.");
    return new TrainingRecipe(name, description.toString(), model, first.optimizer(),
        first.loss(), first.epochs(), first.batchSize(), first.validationFraction(),
        first.preprocessing(), first.augmentation(), first.seed(), first.earlyStopping(),
        inference, first.splitSeed(), null, null, null);
  }

  private static void copyIfPresent(Map<String, String> from, Map<String, String> to,
      String... keys) {
    for (String key : keys) {
      if (from.containsKey(key)) {
        to.put(key, from.get(key));
      }
    }
  }

  /** Writes {@code weights} as a checkpoint of {@code network}'s variables, in a new folder. */
  private static Path writeCheckpoint(Network network, Map<String, float[]> weights, long seed,
      TensorFlowRuntime runtime) {
    Path dir;
    try {
      dir = Files.createTempDirectory("clothing-ensemble-");
    } catch (IOException e) {
      throw new ModelException("cannot create a temporary directory: " + e, e);
    }
    Path prefix = dir.resolve("ensemble");
    try {
      WeightCheckpoints.write(network, weights, seed, runtime, prefix);
    } catch (RuntimeException e) {
      ModelDirectories.deleteTree(dir);
      throw e;
    }
    return prefix;
  }
}
