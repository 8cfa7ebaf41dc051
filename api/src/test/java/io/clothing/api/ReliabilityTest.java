package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityTest {

  /** Images mixing two prototypes (a bar and a box) with a little noise. */
  private static ImageDataset family(int n, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextDouble();
      for (int p = 0; p < 784; p++) {
        int x = p % 28;
        int y = p / 28;
        double bar = x >= 12 && x < 16 ? 200 : 0;
        double box = x >= 6 && x < 22 && y >= 6 && y < 22 ? 160 : 0;
        double v = a * bar + (1 - a) * box + random.nextGaussian() * 2;
        pixels[i * 784 + p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
      labels[i] = (byte) (i % 10);
    }
    return ImageDataset.of(pixels, labels);
  }

  /**
   * Probabilities softmax(z) of a model whose truth is softmax(2 z): it is underconfident by a
   * factor of 2, so the fitted temperature is near 1/2.
   */
  private static List<float[]> underconfident(ImageDataset data, long seed) {
    Random random = new Random(seed);
    List<float[]> out = new ArrayList<>();
    byte[] labels = new byte[data.size()];
    for (int i = 0; i < data.size(); i++) {
      double[] z = new double[10];
      for (int c = 0; c < 10; c++) {
        z[c] = random.nextGaussian() * 1.5;
      }
      out.add(softmax(z, 1));
      float[] truth = softmax(z, 2);
      double u = random.nextDouble();
      int label = 9;
      for (int c = 0; c < 10; c++) {
        u -= truth[c];
        if (u < 0) {
          label = c;
          break;
        }
      }
      labels[i] = (byte) label;
    }
    byte[] pixels = new byte[data.size() * 784];
    for (int i = 0; i < data.size(); i++) {
      data.copyPixels(i, pixels, i * 784);
    }
    relabelled = ImageDataset.of(pixels, labels);
    return out;
  }

  private static ImageDataset relabelled;

  private static float[] softmax(double[] z, double scale) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v * scale);
    }
    double sum = 0;
    float[] out = new float[z.length];
    for (int c = 0; c < z.length; c++) {
      sum += Math.exp(z[c] * scale - max);
    }
    for (int c = 0; c < z.length; c++) {
      out[c] = (float) (Math.exp(z[c] * scale - max) / sum);
    }
    return out;
  }

  private static Reliability cached;

  private static synchronized Reliability fitted() {
    if (cached != null) {
      return cached;
    }
    ImageDataset training = family(1_000, 1);
    List<float[]> probabilities = underconfident(family(4_000, 2), 3);
    cached = Reliability.fit(training, relabelled, probabilities, 4);
    return cached;
  }

  @Test
  void theTemperatureUndoesAKnownMiscalibrationAndKeepsTheClass() {
    Reliability reliability = fitted();
    assertThat(reliability.temperature()).isBetween(0.45, 0.56);
    float[] p = {0.05f, 0.6f, 0.05f, 0.05f, 0.05f, 0.04f, 0.04f, 0.04f, 0.04f, 0.04f};
    float[] calibrated = reliability.calibrate(p);
    assertThat(Prediction.of(calibrated).garment()).isEqualTo(Prediction.of(p).garment());
    assertThat(calibrated[1]).isGreaterThan(0.6f); // a temperature below 1 sharpens
  }

  @Test
  void inputsUnlikeTheTrainingImagesAreNotReliable() {
    Reliability reliability = fitted();
    float[] sure = new float[10];
    sure[3] = 1;
    float[] member = new float[784];
    family(1, 9).copyPixels(0, member, 0, 1f / 255f);
    float[] noise = new float[784];
    Random random = new Random(5);
    for (int p = 0; p < 784; p++) {
      noise[p] = random.nextFloat();
    }
    float[] blank = new float[784];
    assertThat(reliability.distance(member)).isLessThan(reliability.maxDistance());
    assertThat(reliability.isReliable(member, sure)).isTrue();
    assertThat(reliability.isReliable(noise, sure)).isFalse();
    assertThat(reliability.isReliable(blank, sure)).isFalse();
    float[] unsure = new float[10];
    java.util.Arrays.fill(unsure, 0.1f);
    assertThat(reliability.isReliable(member, unsure)).isFalse();
  }

  @Test
  void aWrittenCheckReadsBackAndBehavesTheSame(@TempDir Path dir) {
    Reliability reliability = fitted();
    reliability.write(dir);
    Reliability read = Reliability.read(dir).orElseThrow();
    assertThat(read.temperature()).isEqualTo(reliability.temperature());
    assertThat(read.minConfidence()).isEqualTo(reliability.minConfidence());
    float[] member = new float[784];
    family(1, 11).copyPixels(0, member, 0, 1f / 255f);
    assertThat(read.distance(member)).isCloseTo(reliability.distance(member),
        org.assertj.core.data.Offset.offset(1e-5));
    assertThat(Reliability.read(dir.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void refusesAMalformedFileNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(Reliability.FILE_NAME);
    Files.writeString(file, "{\"format_version\": 1, \"temperature\": 1");
    assertThatThrownBy(() -> Reliability.read(dir)).isInstanceOf(ModelException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON");
    Files.writeString(file, "{\"format_version\": 1, \"temperature\": -1, \"min_confidence\": 0,"
        + " \"max_distance\": 1, \"min_ink\": 0, \"max_ink\": 1, \"mean\": [], "
        + "\"components\": []}");
    assertThatThrownBy(() -> Reliability.read(dir))
        .hasMessageContaining("'temperature' must be above 0");
    Files.writeString(file, "{\"format_version\": 1, \"temperature\": 1, \"min_confidence\": 0,"
        + " \"max_distance\": 1, \"min_ink\": 0, \"max_ink\": 1, \"mean\": [1, 2], "
        + "\"components\": []}");
    assertThatThrownBy(() -> Reliability.read(dir))
        .hasMessageContaining("'mean' must be a list of 784 numbers");
    Files.writeString(file, "{\"format_version\": 2}");
    assertThatThrownBy(() -> Reliability.read(dir)).hasMessageContaining("format version 1");
  }
}
