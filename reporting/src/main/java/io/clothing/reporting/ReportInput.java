package io.clothing.reporting;

import io.clothing.api.ImageDataset;
import io.clothing.api.Prediction;
import io.clothing.api.TrainingHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a report shows. Required: a title, the evaluated images with their predictions and
 * the split's name; the rest appears when given. Build with {@link #builder}. Immutable.
 */
public final class ReportInput {
  final String title;
  final String split;
  final ImageDataset evaluated;
  final List<Prediction> predictions;
  final CalibrationCurve calibration;
  final ClassificationReport report;
  final String modelSummary;
  final String recipeJson;
  final TrainingHistory history;
  final ImageDataset samples;
  final Map<String, int[]> labelCounts;
  final ReferenceMetrics reference;
  final Map<String, String> timing;
  final Map<String, String> provenance;
  final long seed;

  private ReportInput(Builder b) {
    this.title = Objects.requireNonNull(b.title, "title");
    this.split = Objects.requireNonNull(b.split, "split");
    this.evaluated = Objects.requireNonNull(b.evaluated, "evaluated images");
    this.predictions = List.copyOf(Objects.requireNonNull(b.predictions, "predictions"));
    if (predictions.size() != evaluated.size()) {
      throw new IllegalArgumentException(evaluated.size() + " images but " + predictions.size()
          + " predictions");
    }
    this.report = ClassificationReport.of(truth(evaluated), predicted(predictions),
        io.clothing.api.Garment.displayNames());
    this.calibration = CalibrationCurve.of(predictions, truth(evaluated));
    this.modelSummary = b.modelSummary;
    this.recipeJson = b.recipeJson;
    this.history = b.history;
    this.samples = b.samples != null ? b.samples : evaluated;
    this.labelCounts = new LinkedHashMap<>(b.labelCounts);
    this.reference = b.reference;
    this.timing = new LinkedHashMap<>(b.timing);
    this.provenance = new LinkedHashMap<>(b.provenance);
    this.seed = b.seed;
  }

  private static int[] truth(ImageDataset data) {
    int[] out = new int[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.labelIndex(i);
    }
    return out;
  }

  private static int[] predicted(List<Prediction> predictions) {
    return predictions.stream().mapToInt(p -> p.garment().index()).toArray();
  }

  /** The classification report of the predictions. */
  public ClassificationReport report() {
    return report;
  }

  /** A builder for a report titled {@code title}. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Configures a {@link ReportInput}. Not thread-safe. */
  public static final class Builder {
    private final String title;
    private String split;
    private ImageDataset evaluated;
    private List<Prediction> predictions;
    private String modelSummary;
    private String recipeJson;
    private TrainingHistory history;
    private ImageDataset samples;
    private final Map<String, int[]> labelCounts = new LinkedHashMap<>();
    private ReferenceMetrics reference;
    private final Map<String, String> timing = new LinkedHashMap<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private long seed;

    private Builder(String title) {
      this.title = title;
    }

    /** The evaluated split's name ({@code test}), images (with true labels) and predictions. */
    public Builder evaluated(String splitName, ImageDataset images, List<Prediction> preds) {
      this.split = splitName;
      this.evaluated = images;
      this.predictions = preds;
      return this;
    }

    /** The model's Keras-style summary. */
    public Builder modelSummary(String summary) {
      this.modelSummary = summary;
      return this;
    }

    /** The recipe as JSON. */
    public Builder recipe(String json) {
      this.recipeJson = json;
      return this;
    }

    /** The training history, for the curves. */
    public Builder history(TrainingHistory trainingHistory) {
      this.history = trainingHistory;
      return this;
    }

    /** Images for the 4x4 sample grid (default: the evaluated images). */
    public Builder samples(ImageDataset images) {
      this.samples = images;
      return this;
    }

    /** Class counts of one split, for the label distribution chart. */
    public Builder labelCounts(String splitName, int[] counts) {
      labelCounts.put(splitName, counts.clone());
      return this;
    }

    /** A reference to compare with. */
    public Builder reference(ReferenceMetrics metrics) {
      this.reference = metrics;
      return this;
    }

    /** A timing figure, such as {@code "training"} = {@code "6 min 12 s"}. */
    public Builder timing(String what, String value) {
      timing.put(what, value);
      return this;
    }

    /** Provenance facts (model, data checksums, versions). */
    public Builder provenance(Map<String, String> facts) {
      provenance.putAll(facts);
      return this;
    }

    /** The seed for picking the random sample images. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The input. */
    public ReportInput build() {
      return new ReportInput(this);
    }
  }
}
