package io.clothing.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected texts are worked out by hand from scikit-learn's definitions and format strings. */
class ClassificationReportTest {

  @Test
  void matchesScikitLearnsLayoutWithTwoDigits() {
    // cat: tp 2, predicted 2, support 3 -> P 1.00, R 0.67, F1 4/5 = 0.80
    // dog: tp 1, predicted 2, support 2 -> P 0.50, R 0.50, F1 2/4 = 0.50
    // bird: tp 1, predicted 2, support 1 -> P 0.50, R 1.00, F1 2/3 = 0.67
    // macro: P 2/3 = 0.67, R (2/3 + 1/2 + 1)/3 = 0.72, F1 (0.8 + 0.5 + 2/3)/3 = 0.66
    // weighted: P (3 + 1 + 0.5)/6 = 0.75, R 4/6 = 0.67, F1 (2.4 + 1 + 2/3)/6 = 0.68
    ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 0, 1, 1, 2},
        new int[] {0, 0, 1, 1, 2, 2}, List.of("cat", "dog", "bird"));
    assertThat(r.text()).isEqualTo(""
        + "              precision    recall  f1-score   support\n"
        + "\n"
        + "         cat       1.00      0.67      0.80         3\n"
        + "         dog       0.50      0.50      0.50         2\n"
        + "        bird       0.50      1.00      0.67         1\n"
        + "\n"
        + "    accuracy                           0.67         6\n"
        + "   macro avg       0.67      0.72      0.66         6\n"
        + "weighted avg       0.75      0.67      0.68         6\n");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void aClassNeverPredictedAndAClassAbsentFromTheTruthScoreZeroWithWarnings() {
    // a: tp 1, predicted 2, support 2 -> 0.500 0.500 0.500
    // b: tp 2, predicted 2, support 3 -> 1.000 0.667 0.800
    // c: never true, predicted twice -> P 0/2 = 0, R undefined -> 0 (warning), F1 0/2 = 0
    // d: never predicted, support 1 -> P undefined -> 0 (warning), R 0, F1 0/1 = 0
    // macro: P 1.5/4 = 0.375, R (0.5 + 2/3)/4 = 0.292, F1 1.3/4 = 0.325
    // weighted: P 4/6 = 0.667, R 3/6 = 0.500, F1 3.4/6 = 0.567
    ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 1, 1, 1, 3},
        new int[] {0, 2, 2, 1, 1, 0}, List.of("a", "b", "c", "d"));
    assertThat(r.text(3)).isEqualTo(""
        + "              precision    recall  f1-score   support\n"
        + "\n"
        + "           a      0.500     0.500     0.500         2\n"
        + "           b      1.000     0.667     0.800         3\n"
        + "           c      0.000     0.000     0.000         0\n"
        + "           d      0.000     0.000     0.000         1\n"
        + "\n"
        + "    accuracy                          0.500         6\n"
        + "   macro avg      0.375     0.292     0.325         6\n"
        + "weighted avg      0.667     0.500     0.567         6\n");
    assertThat(r.warnings()).containsExactly(
        "Precision is ill-defined and being set to 0.0 in labels with no predicted samples: d.",
        "Recall is ill-defined and being set to 0.0 in labels with no true samples: c.");
  }

  @Test
  void aLabelSeenNowhereTurnsTheAccuracyRowIntoMicroAverage() {
    // with labels=[0, 1, 2] given and 2 absent from truth and predictions, scikit-learn prints
    // "micro avg" (P = R = F1 = 3/4) instead of "accuracy", and warns about the F-score
    ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 1, 1},
        new int[] {0, 1, 1, 1}, List.of("x", "y", "z"));
    assertThat(r.text()).contains("\n   micro avg       0.75      0.75      0.75         4\n")
        .doesNotContain("accuracy");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("F-score is ill-defined"));
  }

  @Test
  void aNameLongerThanWeightedAvgWidensTheFirstColumn() {
    ClassificationReport r = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1},
        List.of("an extraordinarily long name", "b"));
    String[] lines = r.text().split("\n");
    assertThat(lines[0]).isEqualTo(" ".repeat(28) + "  precision    recall  f1-score   support");
    assertThat(lines[2]).isEqualTo(
        "an extraordinarily long name       1.00      1.00      1.00         1");
    assertThat(lines[3]).isEqualTo(" ".repeat(27) + "b       1.00      1.00      1.00         1");
    assertThat(lines[7]).isEqualTo(" ".repeat(16) + "weighted avg       1.00      1.00      1.00"
        + "         2");
  }

  @Test
  void roundsLikePythonHalfToEvenOnTheBinaryValue() {
    assertThat(PythonFormat.fixed(0.125, 2)).isEqualTo("0.12");
    assertThat(PythonFormat.fixed(0.375, 2)).isEqualTo("0.38");
    assertThat(PythonFormat.fixed(1.005, 2)).isEqualTo("1.00");
    assertThat(PythonFormat.fixed(2.675, 2)).isEqualTo("2.67");
    assertThat(PythonFormat.fixed(0.5, 0)).isEqualTo("0");
    // precision 1/8: eight predictions of class 0, one right
    ClassificationReport r = ClassificationReport.of(
        new int[] {0, 1, 1, 1, 1, 1, 1, 1}, new int[] {0, 0, 0, 0, 0, 0, 0, 0},
        List.of("p", "q"));
    assertThat(r.text()).contains("           p       0.12      1.00      0.22         1\n");
  }

  @Test
  void jsonKeepsFullPrecisionAndMarkdownIsATable() {
    ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 0, 1, 1, 2},
        new int[] {0, 0, 1, 1, 2, 2}, List.of("cat", "dog", "bird"));
    assertThat(r.json().get("classes").get(0).get("recall").asDouble()).isEqualTo(2.0 / 3);
    assertThat(r.json().get("macro_avg").get("f1").asDouble())
        .isEqualTo((0.8 + 0.5 + 2.0 / 3) / 3);
    assertThat(r.markdown(2)).contains("| cat | 1.00 | 0.67 | 0.80 | 3 |")
        .contains("| **accuracy** | | | 0.67 | 6 |");
  }

  @Test
  void refusesMismatchedOrOutOfRangeLabels() {
    assertThatThrownBy(() -> ClassificationReport.of(new int[] {0}, new int[] {0, 1},
        List.of("a", "b"))).hasMessageContaining("truth has 1 labels, predictions 2");
    assertThatThrownBy(() -> ClassificationReport.of(new int[] {0}, new int[] {2},
        List.of("a", "b"))).hasMessageContaining("outside 0-1");
    assertThatThrownBy(() -> ClassificationReport.of(new int[0], new int[0], List.of("a")))
        .hasMessageContaining("no labels");
  }

  @Test
  void confusionMatrixCountsTruthByPrediction() {
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 1, 1, 0},
        List.of("a", "b"));
    assertThat(m.counts()).isDeepEqualTo(new long[][] {{1, 1}, {1, 2}});
    assertThat(m.text()).isEqualTo(""
        + "true \\ predicted  a  b\n"
        + "a                 1  1\n"
        + "b                 1  2\n");
    assertThat(m.normalizedText()).contains("b                 0.33  0.67\n");
  }
}
