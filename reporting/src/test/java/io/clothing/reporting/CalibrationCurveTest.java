package io.clothing.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clothing.api.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected calibration error as Guo et al. (2017) define it: equal-width confidence bins
 * (lower edge exclusive, upper inclusive), weighted |accuracy - mean confidence|.
 */
class CalibrationCurveTest {

  private static Prediction sure(int garment, float confidence) {
    float[] p = new float[10];
    java.util.Arrays.fill(p, (1 - confidence) / 9);
    p[garment] = confidence;
    return Prediction.of(p);
  }

  @Test
  void aModelAsConfidentAsItIsRightHasNoCalibrationError() {
    // 100 answers at confidence 0.55, of which 55 right
    List<Prediction> predictions = new ArrayList<>();
    int[] truth = new int[100];
    for (int i = 0; i < 100; i++) {
      predictions.add(sure(0, 0.55f));
      truth[i] = i < 55 ? 0 : 1;
    }
    CalibrationCurve curve = CalibrationCurve.of(predictions, truth);
    assertThat(curve.expectedCalibrationError()).isCloseTo(0, within(1e-6)); // |0.55 - 0.55|
    assertThat(curve.bins()).hasSize(15);
    // 0.55 falls in (8/15, 9/15]
    assertThat(curve.bins().get(8).count()).isEqualTo(100);
    assertThat(curve.bins().get(8).accuracy()).isEqualTo(0.55);
  }

  @Test
  void weighsEachBinsGapByItsShare() {
    // 50 at confidence 1.0 all right (gap 0) and 50 at 0.9 of which 20 right (gap 0.5): 0.25
    List<Prediction> predictions = new ArrayList<>();
    int[] truth = new int[100];
    for (int i = 0; i < 100; i++) {
      predictions.add(sure(3, i < 50 ? 1f : 0.9f));
      truth[i] = i < 50 || i < 70 ? 3 : 4;
    }
    CalibrationCurve curve = CalibrationCurve.of(predictions, truth);
    assertThat(curve.expectedCalibrationError()).isCloseTo(0.5 * 0 + 0.5 * 0.5, within(1e-6));
    assertThat(curve.bins().get(14).count()).isEqualTo(50);
    assertThat(curve.bins().get(13).count()).isEqualTo(50);
    assertThat(curve.bins().get(0).meanConfidence()).isNaN();
    assertThat(curve.unreliableShare()).isZero();
  }
}
