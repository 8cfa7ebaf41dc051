package io.clothing.tf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clothing.api.Garment;
import io.clothing.api.ModelException;
import io.clothing.api.TrainingHistory;
import io.clothing.api.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The versioned description saved beside a model's SavedModel as {@value #FILE_NAME}: the class
 * names, the preprocessing stages with their fitted statistics, the recipe, the training history,
 * the measured metrics and the provenance (seeds, data-set checksums, library and TensorFlow
 * versions). Loading refuses a file of another format or an unknown version.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the version of this layout; {@value #FORMAT_VERSION} is read
 * @param backend always {@code tensorflow}
 * @param classes the ten class names in output order
 * @param input the serving signature's input name
 * @param output the serving signature's output name
 * @param preprocessing each stage's saved state, in order
 * @param recipe the recipe the model was trained with
 * @param history per-epoch results
 * @param metrics measured metrics (free-form JSON; the command line writes test-set metrics)
 * @param provenance how the model was made
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
    String format,
    int formatVersion,
    String backend,
    List<String> classes,
    String input,
    String output,
    List<ObjectNode> preprocessing,
    TrainingRecipe recipe,
    TrainingHistory history,
    ObjectNode metrics,
    Map<String, String> provenance) {

  /** Copies every list, map and JSON tree, so that the record stays immutable. */
  public ModelMetadata {
    classes = classes == null ? null : List.copyOf(classes);
    preprocessing = preprocessing == null ? null
        : preprocessing.stream().map(ObjectNode::deepCopy).toList();
    metrics = metrics == null ? null : metrics.deepCopy();
    provenance = provenance == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
  }

  /** A copy of the metrics tree; null when the model has none. */
  @Override
  public ObjectNode metrics() {
    return metrics == null ? null : metrics.deepCopy();
  }

  /** Copies of the preprocessing stages' saved states. */
  @Override
  public List<ObjectNode> preprocessing() {
    return preprocessing == null ? null
        : preprocessing.stream().map(ObjectNode::deepCopy).toList();
  }

  /** The metadata file's name inside a model directory. */
  public static final String FILE_NAME = io.clothing.api.ModelDirectories.METADATA_FILE;
  /** The format's name. */
  public static final String FORMAT = "clothing-model";
  /** The newest (and only) version this library reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** The most bytes a metadata file may have (a trained model's has about 20 KB). */
  static final long MAX_BYTES = 4L << 20;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
              .maxStringLength(100_000).maxNumberLength(64).build()).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** How a fitted stage is saved: {@code {"name": ..., "state": {...}}}. */
  static ObjectNode savedStage(io.clothing.api.PreprocessingStage stage) {
    ObjectNode saved = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    saved.put("name", stage.name());
    saved.set("state", stage.state().toJson());
    return saved;
  }

  /** The metadata for a new model. */
  static ModelMetadata create(List<ObjectNode> preprocessing, TrainingRecipe recipe,
      TrainingHistory history, Map<String, String> provenance) {
    return new ModelMetadata(FORMAT, FORMAT_VERSION, TensorFlowBackend.NAME,
        Garment.displayNames(), "image", "probabilities", preprocessing, recipe, history,
        MAPPER.createObjectNode(), provenance);
  }

  /** A copy with {@code metrics} in place of the current ones. */
  public ModelMetadata withMetrics(ObjectNode newMetrics) {
    return new ModelMetadata(format, formatVersion, backend, classes, input, output,
        preprocessing, recipe, history, newMetrics, provenance);
  }

  /**
   * Reads and checks the metadata of the model in {@code modelDir}.
   *
   * @throws ModelException if it is missing, malformed, of another format or version
   */
  public static ModelMetadata read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    JsonNode tree;
    try {
      if (ModelFiles.size(file, MAX_BYTES, "model metadata").isEmpty()) {
        throw new ModelException(modelDir + ": not a clothing model (no " + FILE_NAME + ")");
      }
      tree = MAPPER.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new ModelException(modelDir + ": not a clothing model (no " + FILE_NAME + ")", e);
    } catch (IOException e) {
      throw new ModelException(file + ": malformed metadata: " + e.getMessage(), e);
    }
    if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
      throw new ModelException(file + ": not a clothing model's metadata (format is '"
          + (tree == null ? "" : tree.path("format").asText()) + "', expected '" + FORMAT + "')");
    }
    int version = tree.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new ModelException(file + ": format version " + version + " is not supported; this "
          + "library reads version " + FORMAT_VERSION + " (a newer library may read it)");
    }
    ModelMetadata metadata;
    try {
      metadata = MAPPER.treeToValue(tree, ModelMetadata.class);
    } catch (IOException | RuntimeException e) {
      throw new ModelException(file + ": malformed metadata: " + e.getMessage(), e);
    }
    if (!Garment.displayNames().equals(metadata.classes())) {
      throw new ModelException(file + ": the model's classes " + metadata.classes()
          + " are not Fashion-MNIST's ten classes in order");
    }
    if (metadata.preprocessing() == null) {
      throw new ModelException(file + ": the preprocessing list is missing");
    }
    return metadata;
  }

  /**
   * Whether {@code modelDir} holds a metadata file by this format's name that does not name
   * another format or backend; a malformed one counts as ours, so that {@link #read} names its
   * problem.
   */
  static boolean looksLikeOurs(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    try {
      if (ModelFiles.size(file, MAX_BYTES, "model metadata").isEmpty()) {
        return false;
      }
      JsonNode tree = MAPPER.readTree(file.toFile());
      return tree != null && FORMAT.equals(tree.path("format").asText())
          && TensorFlowBackend.NAME.equals(tree.path("backend").asText());
    } catch (IOException | ModelException e) {
      return true; // ours by its name, but refused or malformed: read() says why
    }
  }

  /** Writes this metadata into {@code modelDir}, atomically replacing any previous file. */
  public void write(Path modelDir) {
    try {
      Path temp = Files.createTempFile(modelDir, FILE_NAME, ".tmp");
      MAPPER.writeValue(temp.toFile(), this);
      try {
        Files.setPosixFilePermissions(temp,
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // other file systems keep their default permissions
      }
      Files.move(temp, modelDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelException("cannot write " + modelDir.resolve(FILE_NAME) + ": " + e, e);
    }
  }

  /** The JSON form. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
