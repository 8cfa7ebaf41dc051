package io.clothing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * How far a model's answers can be trusted, fitted on its validation split and saved beside it
 * ({@value #FILE_NAME}):
 * <ul>
 *   <li><b>Calibration:</b> temperature scaling (Guo et al. 2017): probabilities become
 *       {@code softmax(log p / T)}, with {@code T} minimising the validation images' negative
 *       log-likelihood, so that a confidence of 0.8 is right about 80% of the time. The class
 *       never changes.
 *   <li><b>"Not sure":</b> an answer is unreliable when its calibrated confidence is below what
 *       all but {@value #CONFIDENCE_SHARE_PERCENT}% of validation images reach, or when the
 *       28x28 input is unlike Fashion-MNIST: its distance from the training images' first
 *       {@value #COMPONENTS} principal components is beyond all but
 *       {@value #DISTANCE_SHARE_PERCENT}% of validation images', or its share of garment pixels
 *       is below or above what all but {@value #INK_SHARE_PERCENT}% of validation images have
 *       (next to none: a blank frame or a thin line; the whole frame: a texture or pattern). So
 *       at most 5% of validation images are flagged, and noise, stripes, blank frames and other
 *       non-garments mostly are.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Reliability {
  /** The file in a model directory that holds it. */
  public static final String FILE_NAME = "reliability.json";
  /** Principal components kept. */
  public static final int COMPONENTS = 40;
  /** Share of validation images below the confidence threshold, in percent. */
  public static final double CONFIDENCE_SHARE_PERCENT = 2.4;
  /** Share of validation images beyond the distance threshold, in percent. */
  public static final double DISTANCE_SHARE_PERCENT = 2.4;
  /**
   * Share of validation images below, and again above, the garment-pixel share thresholds, in
   * percent: with the two above, at most 5% of validation images are flagged.
   */
  public static final double INK_SHARE_PERCENT = 0.1;
  /** A pixel counts as garment from this value (0-1) up. */
  static final float INK_LEVEL = 0.1f;

  private static final int FORMAT_VERSION = 1;
  private static final int PIXELS = GrayImage.PIXELS;
  private static final ObjectMapper JSON = JsonMapper.builder(
          com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(8)
                  .maxNumberLength(64).build()).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final double temperature;
  private final double minConfidence;
  private final double maxDistance;
  private final double minInk;
  private final double maxInk;
  private final float[] mean;
  private final float[][] basis;

  private Reliability(double temperature, double minConfidence, double maxDistance,
      double minInk, double maxInk, float[] mean, float[][] basis) {
    this.temperature = temperature;
    this.minConfidence = minConfidence;
    this.maxDistance = maxDistance;
    this.minInk = minInk;
    this.maxInk = maxInk;
    this.mean = mean;
    this.basis = basis;
  }

  /** The temperature {@code T}; above 1 softens overconfident probabilities. */
  public double temperature() {
    return temperature;
  }

  /** The calibrated confidence below which an answer is unreliable. */
  public double minConfidence() {
    return minConfidence;
  }

  /** The distance from the principal subspace beyond which an input is unlike the data. */
  public double maxDistance() {
    return maxDistance;
  }

  /** The calibrated probabilities {@code softmax(log p / T)}; a new array. */
  public float[] calibrate(float[] probabilities) {
    double[] logits = new double[probabilities.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.log(Math.max(probabilities[i], 1e-30)) / temperature;
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    float[] out = new float[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (logits[i] / sum);
    }
    return out;
  }

  /**
   * Whether an answer can be trusted.
   *
   * @param pixels the 28x28 input the model saw, scaled to [0, 1]
   * @param calibrated the answer's calibrated probabilities
   */
  public boolean isReliable(float[] pixels, float[] calibrated) {
    float confidence = 0;
    for (float p : calibrated) {
      confidence = Math.max(confidence, p);
    }
    double ink = ink(pixels);
    return confidence >= minConfidence && distance(pixels) <= maxDistance && ink >= minInk
        && ink <= maxInk;
  }

  /** The input's Euclidean distance from the training images' principal subspace. */
  public double distance(float[] pixels) {
    float[] centred = new float[PIXELS];
    double total = 0;
    for (int i = 0; i < PIXELS; i++) {
      centred[i] = pixels[i] - mean[i];
      total += centred[i] * centred[i];
    }
    double explained = 0;
    for (float[] component : basis) {
      // four independent sums: the loop runs on the serving path, once per image
      float a = 0;
      float b = 0;
      float c = 0;
      float d = 0;
      for (int i = 0; i < PIXELS; i += 4) {
        a += centred[i] * component[i];
        b += centred[i + 1] * component[i + 1];
        c += centred[i + 2] * component[i + 2];
        d += centred[i + 3] * component[i + 3];
      }
      double dot = (double) a + b + c + d;
      explained += dot * dot;
    }
    return Math.sqrt(Math.max(0, total - explained));
  }

  /** Share of pixels at or above {@link #INK_LEVEL}. */
  static double ink(float[] pixels) {
    int n = 0;
    for (float p : pixels) {
      n += p >= INK_LEVEL ? 1 : 0;
    }
    return n / (double) pixels.length;
  }

  /**
   * Fits the check: principal components on (up to 8,000 of) {@code training}, the temperature
   * and thresholds on {@code validation}.
   *
   * @param validationProbabilities the model's uncalibrated probabilities for each validation
   *     image, in order
   * @throws IllegalArgumentException if validation is empty or the counts differ
   */
  public static Reliability fit(ImageDataset training, ImageDataset validation,
      List<float[]> validationProbabilities, long seed) {
    if (validation.size() == 0 || validationProbabilities.size() != validation.size()) {
      throw new IllegalArgumentException("need the probabilities of every validation image, got "
          + validationProbabilities.size() + " for " + validation.size());
    }
    float[] mean = new float[PIXELS];
    float[][] basis = principalComponents(training, seed, mean);
    double temperature = fitTemperature(validation, validationProbabilities);
    Reliability partial = new Reliability(temperature, 0, Double.MAX_VALUE, 0, 1, mean, basis);
    int n = validation.size();
    double[] confidences = new double[n];
    double[] distances = new double[n];
    double[] inks = new double[n];
    float[] pixels = new float[PIXELS];
    for (int i = 0; i < n; i++) {
      float[] calibrated = partial.calibrate(validationProbabilities.get(i));
      for (float p : calibrated) {
        confidences[i] = Math.max(confidences[i], p);
      }
      validation.copyPixels(i, pixels, 0, 1f / 255f);
      distances[i] = partial.distance(pixels);
      inks[i] = ink(pixels);
    }
    return new Reliability(temperature,
        quantile(confidences, CONFIDENCE_SHARE_PERCENT / 100),
        quantile(distances, 1 - DISTANCE_SHARE_PERCENT / 100),
        quantile(inks, INK_SHARE_PERCENT / 100), quantile(inks, 1 - INK_SHARE_PERCENT / 100),
        mean, basis);
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /** T minimising the mean negative log-likelihood, by golden-section search on log T. */
  private static double fitTemperature(ImageDataset validation, List<float[]> probabilities) {
    double lo = Math.log(0.05);
    double hi = Math.log(20);
    double ratio = (Math.sqrt(5) - 1) / 2;
    for (int step = 0; step < 60; step++) {
      double a = hi - ratio * (hi - lo);
      double b = lo + ratio * (hi - lo);
      if (nll(validation, probabilities, Math.exp(a))
          < nll(validation, probabilities, Math.exp(b))) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  private static double nll(ImageDataset validation, List<float[]> probabilities, double t) {
    double sum = 0;
    for (int i = 0; i < validation.size(); i++) {
      float[] p = probabilities.get(i);
      double max = Double.NEGATIVE_INFINITY;
      for (float v : p) {
        max = Math.max(max, Math.log(Math.max(v, 1e-30)) / t);
      }
      double norm = 0;
      for (float v : p) {
        norm += Math.exp(Math.log(Math.max(v, 1e-30)) / t - max);
      }
      double own = Math.log(Math.max(p[validation.labelIndex(i)], 1e-30)) / t - max;
      sum += Math.log(norm) - own;
    }
    return sum / validation.size();
  }

  /**
   * The top {@link #COMPONENTS} principal directions of (a seeded sample of) the images, by
   * block power iteration on their covariance; fills {@code mean}.
   */
  private static float[][] principalComponents(ImageDataset data, long seed, float[] mean) {
    int n = Math.min(data.size(), 8_000);
    int[] rows = new int[data.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Random random = new Random(seed);
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    float[][] x = new float[n][PIXELS];
    for (int i = 0; i < n; i++) {
      data.copyPixels(rows[i], x[i], 0, 1f / 255f);
      for (int p = 0; p < PIXELS; p++) {
        mean[p] += x[i][p] / n;
      }
    }
    double[][] covariance = new double[PIXELS][PIXELS];
    double[] centred = new double[PIXELS];
    for (float[] image : x) {
      for (int p = 0; p < PIXELS; p++) {
        centred[p] = image[p] - mean[p];
      }
      for (int a = 0; a < PIXELS; a++) {
        if (centred[a] == 0) {
          continue;
        }
        double ca = centred[a];
        double[] row = covariance[a];
        for (int b = a; b < PIXELS; b++) {
          row[b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < PIXELS; a++) {
      for (int b = a; b < PIXELS; b++) {
        covariance[a][b] /= n;
        covariance[b][a] = covariance[a][b];
      }
    }
    int k = Math.min(COMPONENTS, PIXELS);
    double[][] q = new double[k][PIXELS];
    for (double[] v : q) {
      for (int p = 0; p < PIXELS; p++) {
        v[p] = random.nextGaussian();
      }
    }
    orthonormalize(q);
    for (int iteration = 0; iteration < 60; iteration++) {
      double[][] next = new double[k][PIXELS];
      for (int c = 0; c < k; c++) {
        for (int a = 0; a < PIXELS; a++) {
          double sum = 0;
          double[] row = covariance[a];
          for (int b = 0; b < PIXELS; b++) {
            sum += row[b] * q[c][b];
          }
          next[c][a] = sum;
        }
      }
      orthonormalize(next);
      q = next;
    }
    float[][] basis = new float[k][PIXELS];
    for (int c = 0; c < k; c++) {
      for (int p = 0; p < PIXELS; p++) {
        basis[c][p] = (float) q[c][p];
      }
    }
    return basis;
  }

  /** Gram-Schmidt, in place. */
  private static void orthonormalize(double[][] vectors) {
    for (int c = 0; c < vectors.length; c++) {
      for (int d = 0; d < c; d++) {
        double dot = 0;
        for (int p = 0; p < PIXELS; p++) {
          dot += vectors[c][p] * vectors[d][p];
        }
        for (int p = 0; p < PIXELS; p++) {
          vectors[c][p] -= dot * vectors[d][p];
        }
      }
      double norm = 0;
      for (double v : vectors[c]) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (int p = 0; p < PIXELS; p++) {
        vectors[c][p] /= norm;
      }
    }
  }

  /**
   * Writes {@value #FILE_NAME} into {@code modelDir} atomically.
   *
   * @throws ModelException if it cannot be written
   */
  public void write(Path modelDir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("temperature", temperature);
    root.put("min_confidence", minConfidence);
    root.put("max_distance", maxDistance);
    root.put("min_ink", minInk);
    root.put("max_ink", maxInk);
    ArrayNode m = root.putArray("mean");
    for (float v : mean) {
      m.add(v);
    }
    ArrayNode b = root.putArray("components");
    for (float[] component : basis) {
      ArrayNode row = b.addArray();
      for (float v : component) {
        row.add(v);
      }
    }
    try {
      // not createTempFile: its owner-only permissions would stay with the file
      Path temp = modelDir.resolve(FILE_NAME + "." + java.util.UUID.randomUUID() + ".tmp");
      Files.writeString(temp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
      Files.move(temp, modelDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelException("cannot write " + modelDir.resolve(FILE_NAME) + ": " + e, e);
    }
  }

  /**
   * Reads {@value #FILE_NAME} from {@code modelDir}, if there is one.
   *
   * @throws ModelException naming the file and the problem if it is there but malformed
   */
  public static Optional<Reliability> read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) > 4_000_000) {
        throw new ModelException(file + ": larger than 4 MB, not a reliability file");
      }
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()
          || root.path("format_version").asInt(-1) != FORMAT_VERSION) {
        throw new ModelException(file + ": not a reliability file of format version "
            + FORMAT_VERSION);
      }
      double temperature = positive(root, "temperature", file);
      double minConfidence = finite(root, "min_confidence", file);
      double maxDistance = positive(root, "max_distance", file);
      double minInk = finite(root, "min_ink", file);
      double maxInk = finite(root, "max_ink", file);
      float[] mean = floats(root.get("mean"), PIXELS, file, "mean");
      JsonNode components = root.get("components");
      if (components == null || !components.isArray() || components.isEmpty()
          || components.size() > PIXELS) {
        throw new ModelException(file + ": 'components' must be a list of 1 to " + PIXELS
            + " lists of " + PIXELS + " numbers");
      }
      float[][] basis = new float[components.size()][];
      for (int c = 0; c < basis.length; c++) {
        basis[c] = floats(components.get(c), PIXELS, file, "components[" + c + "]");
      }
      return Optional.of(new Reliability(temperature, minConfidence, maxDistance, minInk, maxInk,
          mean, basis));
    } catch (JsonProcessingException e) {
      throw new ModelException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e, e);
    }
  }

  private static double finite(JsonNode root, String field, Path file) {
    JsonNode v = root.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw new ModelException(file + ": '" + field + "' must be a number");
    }
    return v.doubleValue();
  }

  private static double positive(JsonNode root, String field, Path file) {
    double v = finite(root, field, file);
    if (!(v > 0)) {
      throw new ModelException(file + ": '" + field + "' must be above 0, got " + v);
    }
    return v;
  }

  private static float[] floats(JsonNode array, int length, Path file, String field) {
    if (array == null || !array.isArray() || array.size() != length) {
      throw new ModelException(file + ": '" + field + "' must be a list of " + length
          + " numbers");
    }
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      JsonNode v = array.get(i);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw new ModelException(file + ": '" + field + "'[" + i + "] must be a number");
      }
      out[i] = (float) v.doubleValue();
    }
    return out;
  }
}
