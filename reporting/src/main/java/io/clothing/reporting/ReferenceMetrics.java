package io.clothing.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clothing.api.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics a model must reach, per class and overall, read from JSON:
 *
 * <pre>{@code
 * {"name": "seed", "split": "validation", "tolerance": 0.01, "accuracy": 0.94,
 *  "classes": {"Shirt": {"precision": 0.78, "recall": 0.87, "f1": 0.82}, ...}}
 * }</pre>
 *
 * A metric left out is not checked. The shipped reference {@code seed} is the original notebook's
 * table ({@link #seed()}).
 *
 * @param name what the reference is, for tables and charts
 * @param split the split it was measured on (informational)
 * @param tolerance how far below a target a model may fall and still meet it, in [0, 1]
 * @param accuracy the overall accuracy to reach, or null
 * @param classes per class name, the targets; never null
 */
public record ReferenceMetrics(String name, String split, double tolerance, Double accuracy,
    Map<String, Target> classes) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Validates the fields. */
  public ReferenceMetrics {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a reference needs a name");
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1], got " + tolerance);
    }
    classes = classes == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
  }

  /**
   * One class's targets; null fields are not checked.
   *
   * @param precision the precision to reach, or null
   * @param recall the recall to reach, or null
   * @param f1 the F1 to reach, or null
   */
  public record Target(Double precision, Double recall, Double f1) {}

  /**
   * Reads a reference file.
   *
   * @throws DataFormatException naming the file and the problem
   */
  public static ReferenceMetrics read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file.toString(), "", "no such reference file", e);
    } catch (IOException e) {
      throw new DataFormatException(file.toString(), "", "cannot read: " + e.getMessage(), e);
    }
  }

  /** The original notebook's validation table (accuracy 0.94 and the per-class F1). */
  public static ReferenceMetrics seed() {
    return shipped(SEED);
  }

  /**
   * The pretrained model's own test-set metrics at full precision (tolerance 0): what the
   * pretrained model must reproduce exactly.
   */
  public static ReferenceMetrics pretrained() {
    return shipped(PRETRAINED);
  }

  /** The shipped references by name. */
  public static final String SEED = "seed";
  /** The name of the pretrained model's reference. */
  public static final String PRETRAINED = "pretrained";

  /**
   * A shipped reference ({@value #SEED} or {@value #PRETRAINED}) if {@code nameOrFile} names one,
   * else the file at that path.
   */
  public static ReferenceMetrics resolve(String nameOrFile) {
    return nameOrFile.equals(SEED) || nameOrFile.equals(PRETRAINED) ? shipped(nameOrFile)
        : read(Path.of(nameOrFile));
  }

  private static ReferenceMetrics shipped(String name) {
    String resource = name + "-reference.json";
    try (InputStream in = ReferenceMetrics.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the shipped reference " + resource + " is missing");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new IllegalStateException("the shipped reference " + resource + " is unreadable", e);
    }
  }

  /** Writes this reference as JSON (full precision), readable by {@link #read}. */
  public void write(Path file) {
    Json json = new Json();
    json.name = name;
    json.split = split;
    json.tolerance = tolerance;
    json.accuracy = accuracy;
    json.classes = classes;
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A reference holding exactly {@code report}'s numbers, to be reproduced with tolerance 0. */
  public static ReferenceMetrics exact(String name, String split, ClassificationReport report) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (ClassMetrics m : report.classes()) {
      targets.put(m.name(), new Target(m.precision(), m.recall(), m.f1()));
    }
    return new ReferenceMetrics(name, split, 0, report.accuracy(), targets);
  }

  private static ReferenceMetrics parse(InputStream in, String source) throws IOException {
    try {
      Json parsed = JSON.readValue(in, Json.class);
      return new ReferenceMetrics(parsed.name, parsed.split, parsed.tolerance,
          parsed.accuracy, parsed.classes);
    } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
      String where = e instanceof com.fasterxml.jackson.core.JacksonException j
          && j.getLocation() != null
          ? "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr()
          : "";
      String message = e instanceof com.fasterxml.jackson.core.JacksonException j
          ? j.getOriginalMessage() : e.getMessage();
      throw new DataFormatException(source, where, "not a reference-metrics file: " + message,
          e);
    }
  }

  /** The JSON layout. */
  private static final class Json {
    @JsonProperty(required = true) String name;
    @JsonProperty String split;
    @JsonProperty double tolerance;
    @JsonProperty Double accuracy;
    @JsonProperty Map<String, Target> classes;
  }
}
