package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PredictionTest {

  @Test
  void garmentIsTheMostProbableClass() {
    float[] p = {0.05f, 0, 0.1f, 0, 0, 0, 0.6f, 0, 0.25f, 0};
    Prediction prediction = Prediction.of(p);
    assertThat(prediction.garment()).isEqualTo(Garment.SHIRT);
    assertThat(prediction.confidence()).isEqualTo(0.6f);
    assertThat(prediction.top(3)).extracting(Prediction.Score::garment)
        .containsExactly(Garment.SHIRT, Garment.BAG, Garment.PULLOVER);
  }

  @Test
  void tiesGoToTheLowerIndex() {
    float[] p = {0, 0, 0, 0.5f, 0, 0.5f, 0, 0, 0, 0};
    assertThat(Prediction.of(p).garment()).isEqualTo(Garment.DRESS);
    assertThat(Prediction.of(p).top(2)).extracting(Prediction.Score::garment)
        .containsExactly(Garment.DRESS, Garment.SANDAL);
  }

  @Test
  void refusesMalformedProbabilities() {
    assertThatThrownBy(() -> Prediction.of(new float[9])).hasMessageContaining("10 probabilities");
    float[] nan = new float[10];
    nan[4] = Float.NaN;
    assertThatThrownBy(() -> Prediction.of(nan)).hasMessageContaining("probability 4 is NaN");
    assertThatThrownBy(() -> Prediction.of(new float[10]).top(11))
        .hasMessageContaining("k in 1-10");
  }

  @Test
  void probabilitiesAreCopied() {
    float[] p = new float[10];
    p[1] = 1;
    Prediction prediction = Prediction.of(p);
    p[1] = 0;
    prediction.probabilities()[1] = 0;
    assertThat(prediction.probability(Garment.TROUSER)).isEqualTo(1f);
  }
}
