package io.clothing.augmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.SeededRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KerasAffineTest {
  private static final int W = 28;
  private static final int H = 28;

  private static float[] randomImage(long seed) {
    SeededRandom random = new SeededRandom(seed);
    float[] image = new float[W * H];
    for (int i = 0; i < image.length; i++) {
      image[i] = random.nextFloat();
    }
    return image;
  }

  private static float[] transform(float[] in, double theta, double tx, double ty, double shear,
      double zx, double zy, FillMode fill, float cval) {
    float[] out = new float[in.length];
    KerasAffine.transform(in, 0, out, 0, W, H, theta, tx, ty, shear, zx, zy, false, false, fill,
        cval);
    return out;
  }

  @Property(tries = 50)
  void zeroRotationShiftShearAndUnitZoomIsTheIdentity(@ForAll @LongRange long seed,
      @ForAll("fills") FillMode fill) {
    float[] image = randomImage(seed);
    assertThat(transform(image, 0, 0, 0, 0, 1, 1, fill, 0)).containsExactly(image);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<FillMode> fills() {
    return net.jqwik.api.Arbitraries.of(FillMode.values());
  }

  @Property(tries = 50)
  void twoHorizontalFlipsAreTheIdentity(@ForAll @LongRange long seed) {
    float[] image = randomImage(seed);
    Flip flip = new Flip(true, 1.0);
    float[] once = new float[image.length];
    float[] twice = new float[image.length];
    SeededRandom random = new SeededRandom(seed);
    flip.apply(image, 0, once, 0, W, H, random);
    flip.apply(once, 0, twice, 0, W, H, random);
    assertThat(once).isNotEqualTo(image);
    assertThat(twice).containsExactly(image);
  }

  @Test
  void aNinetyDegreeRotationMovesAMarkedPixelAsThePullMapSays() {
    float[] image = new float[W * H];
    image[5 * W + 9] = 1;
    // pull map about the centre o = 13.5: input row = 27 - c, input column = r,
    // so input (5, 9) lands at output (9, 22)
    float[] out = transform(image, 90, 0, 0, 0, 1, 1, FillMode.CONSTANT, 0);
    assertThat(out[9 * W + 22]).isCloseTo(1f, within(1e-5f));
    float total = 0;
    for (float v : out) {
      total += v;
    }
    assertThat(total).isCloseTo(1f, within(1e-4f));
  }

  @Property(tries = 30)
  void aShiftOfKPixelsWithConstantFillMovesContentByK(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = -10, max = 10) int k) {
    float[] image = randomImage(seed);
    // Keras' tx shifts rows: output row r pulls input row r + k
    float[] out = transform(image, 0, k, 0, 0, 1, 1, FillMode.CONSTANT, -1f);
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        float expected = r + k >= 0 && r + k < H ? image[(r + k) * W + c] : -1f;
        assertThat(out[r * W + c]).isEqualTo(expected);
      }
    }
    float[] columns = transform(image, 0, 0, k, 0, 1, 1, FillMode.CONSTANT, -1f);
    for (int c = 0; c < W; c++) {
      float expected = c + k >= 0 && c + k < W ? image[3 * W + c + k] : -1f;
      assertThat(columns[3 * W + c]).isEqualTo(expected);
    }
  }

  @Property(tries = 100)
  void valuesStayInTheInputsRange(@ForAll @LongRange long seed,
      @ForAll @DoubleRange(min = -180, max = 180) double theta,
      @ForAll @DoubleRange(min = -5, max = 5) double shift,
      @ForAll @DoubleRange(min = -30, max = 30) double shear,
      @ForAll @DoubleRange(min = 0.5, max = 1.5) double zoom,
      @ForAll("fills") FillMode fill) {
    float[] image = randomImage(seed);
    for (float v : transform(image, theta, shift, -shift, shear, zoom, 2 - zoom, fill, 0.5f)) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void goldenPixelsMatchThePullMapWorkedOutByHand() {
    // a 28x28 ramp: value = (row * 28 + column) / 784
    float[] image = new float[W * H];
    for (int i = 0; i < image.length; i++) {
      image[i] = i / 784f;
    }
    // theta = 30 degrees, tx = 2, ty = -1, shear = 10 degrees, zx = 1.1, zy = 0.9
    float[] out = transform(image, 30, 2, -1, 10, 1.1, 0.9, FillMode.NEAREST, 0);
    // By hand: M = R T Sh Z, with c = cos 30 = 0.8660254, s = sin 30 = 0.5,
    // sin 10 = 0.1736482, cos 10 = 0.9848078:
    //   R T  = [[c, -s, 2c + s], [s, c, 2s - c]] = [[c, -s, 2.2320508], [s, c, 0.1339746]]
    //   . Sh : m01 = -c sin10 - s cos10 = -0.6427876, m11 = -s sin10 + c cos10 = 0.7660444
    //   . Z  : m00 = 1.1 c = 0.9526279, m10 = 1.1 s = 0.55, m01 = 0.9 (-0.6427876) = -0.5785088,
    //          m11 = 0.9 (0.7660444) = 0.6894400
    //   centring, o = 13.5: e = 2.2320508 + 13.5 - 13.5 (0.9526279 - 0.5785088) = 10.6814430
    //                       g = 0.1339746 + 13.5 - 13.5 (0.55 + 0.6894400) = -3.0984654
    // Output (0, 0) pulls input (10.6814430, -3.0984654); the column is before the edge, and
    // nearest fill clamps both column neighbours to 0:
    assertThat((double) out[0]).isCloseTo(bilinearRamp(10.6814430, 0), within(1e-5));
    // Output (20, 7): row = 0.9526279*20 - 0.5785088*7 + 10.6814430 = 25.6844406,
    //                 col = 0.55*20 + 0.6894400*7 - 3.0984654 = 12.7276146
    assertThat((double) out[20 * W + 7]).isCloseTo(bilinearRamp(25.6844406, 12.7276146),
        within(1e-5));
    // Output (27, 27): row = 20.7826586, col = 30.3664146, past the right edge: clamped to 27
    assertThat((double) out[27 * W + 27]).isCloseTo(bilinearRamp(20.7826586, 27),
        within(1e-5));
  }

  /** Bilinear interpolation of the ramp is exact: value = (row * 28 + col) / 784. */
  private static double bilinearRamp(double row, double col) {
    return (row * 28 + col) / 784.0;
  }
}
