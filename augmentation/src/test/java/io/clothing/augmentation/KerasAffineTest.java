package io.clothing.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Property(tries = 30)
  void aWholeShiftWithConstantFillMovesContentByThatManyPixels(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = -10, max = 10) int k) {
    float[] image = randomImage(seed);
    // Keras >= 2.9 (see KerasGoldenTest): tx moves columns, output column c pulls input c + k;
    // ty moves rows, output row r pulls input row r + k.
    float[] columns = transform(image, 0, k, 0, 0, 1, 1, FillMode.CONSTANT, -1f);
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        float expected = c + k >= 0 && c + k < W ? image[r * W + c + k] : -1f;
        assertThat(columns[r * W + c]).isEqualTo(expected);
      }
    }
    float[] rows = transform(image, 0, 0, k, 0, 1, 1, FillMode.CONSTANT, -1f);
    for (int r = 0; r < H; r++) {
      float expected = r + k >= 0 && r + k < H ? image[(r + k) * W + 3] : -1f;
      assertThat(rows[r * W + 3]).isEqualTo(expected);
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
}
