package io.clothing.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clothing.api.SeededRandom;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every expected image here was computed by Keras' own transform code, not by this project:
 * {@code apply_affine_transform}, {@code transform_matrix_offset_center} and
 * {@code get_random_transform} of Keras 3's {@code keras/src/legacy/preprocessing/image.py}
 * (the same functions as Keras 2.9 to 2.15's {@code keras/preprocessing/image.py}), run with
 * scipy 1.17.1 and numpy 2.4.6 on the first ten images of Fashion-MNIST's official test set and
 * on a synthetic probe image. The file {@code keras-affine-golden.json.gz} holds the source images,
 * each case's parameters and fill mode, and Keras' output rounded to 4 decimals (grey levels
 * 0 to 255).
 */
class KerasGoldenTest {
  private static final int W = 28;
  private static final int H = 28;
  /** The probe image: a 255 block at rows 4-6, columns 5-7, and a 128 bar at rows 10-11, columns 18-25. */
  private static final int PROBE = 10;

  private static JsonNode golden;
  private static List<float[]> sources;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = new GZIPInputStream(KerasGoldenTest.class.getResourceAsStream(
        "keras-affine-golden.json.gz"))) {
      golden = new ObjectMapper().readTree(in);
    }
    sources = new ArrayList<>();
    for (JsonNode source : golden.get("sources")) {
      float[] image = new float[W * H];
      for (int i = 0; i < image.length; i++) {
        image[i] = source.get(i).floatValue();
      }
      sources.add(image);
    }
  }

  private static float[] ours(JsonNode c) {
    JsonNode p = c.get("params");
    float[] out = new float[W * H];
    KerasAffine.transform(sources.get(c.get("source").asInt()), 0, out, 0, W, H,
        p.get("theta").asDouble(), p.get("tx").asDouble(), p.get("ty").asDouble(),
        p.get("shear").asDouble(), p.get("zx").asDouble(), p.get("zy").asDouble(),
        p.get("flip_horizontal").asBoolean(), p.get("flip_vertical").asBoolean(),
        FillMode.of(c.get("fill_mode").asText()), (float) c.get("cval").asDouble());
    return out;
  }

  private static float[] expected(JsonNode c) {
    float[] out = new float[W * H];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.get("expected").get(i).floatValue();
    }
    return out;
  }

  /** Pixels further than one grey level from Keras' output. */
  private static int pixelsOff(float[] ours, float[] keras) {
    int off = 0;
    for (int i = 0; i < ours.length; i++) {
      if (Math.abs(ours[i] - keras[i]) > 1) {
        off++;
      }
    }
    return off;
  }

  private static JsonNode probeCase(String fill, String param, double value) {
    for (JsonNode c : golden.get("cases")) {
      JsonNode p = c.get("params");
      boolean onlyThat = true;
      for (String name : List.of("theta", "tx", "ty", "shear")) {
        double expected = name.equals(param) ? value : 0;
        onlyThat &= p.get(name).asDouble() == expected;
      }
      onlyThat &= param.startsWith("z") ? p.get(param).asDouble() == value
          : p.get("zx").asDouble() == 1 && p.get("zy").asDouble() == 1;
      if (c.get("source").asInt() == PROBE && c.get("fill_mode").asText().equals(fill)
          && onlyThat && !p.get("flip_horizontal").asBoolean()
          && !p.get("flip_vertical").asBoolean()) {
        return c;
      }
    }
    throw new AssertionError("no golden case for " + param + " = " + value);
  }

  /** Bounding box {top, bottom, left, right} of the pixels brighter than 200. */
  private static List<Integer> brightBox(float[] image) {
    int top = H;
    int bottom = -1;
    int left = W;
    int right = -1;
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        if (image[r * W + c] > 200) {
          top = Math.min(top, r);
          bottom = Math.max(bottom, r);
          left = Math.min(left, c);
          right = Math.max(right, c);
        }
      }
    }
    return List.of(top, bottom, left, right);
  }

  @Test
  void everyFixedTransformAndFillModeMatchesKerasWithinOneGreyLevel() {
    int cases = 0;
    for (JsonNode c : golden.get("cases")) {
      float[] ours = ours(c);
      float[] keras = expected(c);
      assertThat(pixelsOff(ours, keras))
          .as("pixels more than 1 grey level off Keras for %s", c.get("params") + " "
              + c.get("fill_mode") + " on source " + c.get("source"))
          .isLessThanOrEqualTo(3); // 99.5% of 784 pixels
      for (int i = 0; i < ours.length; i++) {
        if (Math.abs(ours[i] - keras[i]) > 1e-2) {
          // a position a rounding error away from the edge, where constant fill switches to cval
          assertThat(c.get("fill_mode").asText()).isEqualTo("constant");
        }
      }
      cases++;
    }
    assertThat(cases).isEqualTo(216);
  }

  @Test
  void theSeedPresetsDrawsReplayedDrawForDrawMatchKeras() {
    for (JsonNode c : golden.get("seed_preset_draws")) {
      assertThat(pixelsOff(ours(c), expected(c))).as("draw %s", c.get("params")).isZero();
    }
  }

  @Test
  void aPositiveRotationTurnsTheGarmentCounterClockwise() {
    JsonNode c = probeCase("constant", "theta", 90);
    // Keras moves the top-left block (rows 4-6, columns 5-7) to the bottom-left.
    assertThat(brightBox(expected(c))).containsExactly(20, 22, 4, 6);
    assertThat(brightBox(ours(c))).containsExactly(20, 22, 4, 6);
  }

  @Test
  void heightShiftsDrawTxWhichMovesColumnsAndWidthShiftsDrawTyWhichMovesRows() {
    JsonNode tx = probeCase("constant", "tx", 3);
    assertThat(brightBox(expected(tx))).containsExactly(4, 6, 2, 4);
    assertThat(brightBox(ours(tx))).containsExactly(4, 6, 2, 4);
    JsonNode ty = probeCase("constant", "ty", 3);
    assertThat(brightBox(expected(ty))).containsExactly(1, 3, 5, 7);
    assertThat(brightBox(ours(ty))).containsExactly(1, 3, 5, 7);
  }

  @Test
  void zxScalesColumnsAndShearSlantsAlongColumns() {
    JsonNode zx = probeCase("nearest", "zx", 0.8);
    List<Integer> keras = brightBox(expected(zx));
    assertThat(brightBox(ours(zx))).isEqualTo(keras);
    assertThat(keras.subList(0, 2)).containsExactly(4, 6); // rows untouched
    JsonNode shear = probeCase("constant", "shear", 45);
    assertThat(brightBox(ours(shear))).isEqualTo(brightBox(expected(shear)));
  }

  @Test
  void aWholeNumberShiftRangeDrawsWholePixelsBelowTheRangeWithARandomSign() {
    // Keras: np.random.choice(3) * np.random.choice([-1, 1]) -> -2 .. 2, zero with p = 1/3
    ShiftRange whole = new ShiftRange(3, true);
    SeededRandom random = new SeededRandom(7);
    int zeros = 0;
    int n = 30_000;
    java.util.Set<Double> seen = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      double v = whole.draw(28, random);
      seen.add(v);
      zeros += v == 0 ? 1 : 0;
    }
    assertThat(seen).containsExactly(-2.0, -1.0, 0.0, 1.0, 2.0);
    assertThat(zeros / (double) n).isBetween(0.32, 0.35);
  }

  @Test
  void aRealShiftRangeDrawsUniformlyInPixelsFromOneAndAsAFractionBelow() {
    SeededRandom random = new SeededRandom(7);
    ShiftRange pixels = new ShiftRange(2.5, false);
    ShiftRange fraction = ShiftRange.fraction(0.08);
    boolean fractional = false;
    double widest = 0;
    for (int i = 0; i < 10_000; i++) {
      double v = pixels.draw(28, random);
      assertThat(v).isBetween(-2.5, 2.5);
      fractional |= v != Math.rint(v);
      double f = fraction.draw(28, random);
      assertThat(f).isBetween(-0.08 * 28, 0.08 * 28);
      widest = Math.max(widest, Math.abs(f));
    }
    assertThat(fractional).isTrue();
    assertThat(widest).isGreaterThan(2.2); // uses the whole +-2.24 pixels
  }
}
