package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {

  @Test
  void oneCycleWarmsUpFromOneTwentyFifthThenAnnealsToTheFinalFactor() {
    ScheduleSpec s = new ScheduleSpec(ScheduleType.ONE_CYCLE, 0.2, 0.01, 1, 1);
    long total = 101;
    assertThat(s.learningRate(1.0, 0, total, 10)).isCloseTo(0.04, within(1e-12));
    assertThat(s.learningRate(1.0, 20, total, 10)).isCloseTo(1.0, within(1e-12));
    assertThat(s.learningRate(1.0, 10, total, 10)).isCloseTo(0.52, within(1e-12));
    // half way through the annealing phase the cosine is at its mid point
    assertThat(s.learningRate(1.0, 60, total, 10)).isCloseTo(0.505, within(1e-12));
    assertThat(s.learningRate(1.0, 100, total, 10)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void stepScheduleDropsEveryStepEpochs() {
    ScheduleSpec s = new ScheduleSpec(ScheduleType.STEP, 0, 1, 2, 0.5);
    assertThat(s.learningRate(0.1, 19, 100, 10)).isEqualTo(0.1);
    assertThat(s.learningRate(0.1, 20, 100, 10)).isCloseTo(0.05, within(1e-15));
    assertThat(s.learningRate(0.1, 45, 100, 10)).isCloseTo(0.025, within(1e-15));
  }

  @Property
  void constantIsConstant(@ForAll @LongRange(min = 0, max = 999) long step) {
    assertThat(ScheduleSpec.CONSTANT.learningRate(0.3, step, 1000, 10)).isEqualTo(0.3);
  }

  @Property
  void cosineStaysBetweenTheFinalAndBaseRates(@ForAll @LongRange(min = 0, max = 999) long step) {
    ScheduleSpec s = new ScheduleSpec(ScheduleType.COSINE, 0.1, 0.1, 1, 1);
    assertThat(s.learningRate(2.0, step, 1000, 10)).isBetween(0.0, 2.0 + 1e-12);
  }

  /** Keras 3's keras/src/callbacks/reduce_lr_on_plateau_test.py, with the same settings. */
  @org.junit.jupiter.api.Test
  void reduceOnPlateauReproducesKerasOwnTests() {
    // test_reduces_lr_with_model_fit: Adam(0.1), patience 1, factor 0.1, min_delta 100,
    // 2 epochs -> 0.01 (the first epoch beats infinity, the second cannot beat it by 100)
    ScheduleSpec spec = new ScheduleSpec(ScheduleType.REDUCE_ON_PLATEAU, 0, 1, 1, 0.1, 1, 0,
        MonitoredMetric.VAL_LOSS, 100);
    ScheduleSpec.Plateau p = ScheduleSpec.Plateau.start(0.1);
    for (double valLoss : new double[] {0.9, 0.8}) {
      p = p.after(valLoss, spec);
    }
    org.assertj.core.api.Assertions.assertThat(p.learningRate())
        .isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
    // test_honors_min_lr: min_delta 10, min_lr 0.005, 4 epochs -> 0.005
    ScheduleSpec floor = new ScheduleSpec(ScheduleType.REDUCE_ON_PLATEAU, 0, 1, 1, 0.1, 1,
        0.005, MonitoredMetric.VAL_LOSS, 10);
    p = ScheduleSpec.Plateau.start(0.1);
    for (double valLoss : new double[] {0.9, 0.8, 0.7, 0.6}) {
      p = p.after(valLoss, floor);
    }
    org.assertj.core.api.Assertions.assertThat(p.learningRate()).isEqualTo(0.005);
  }

  @org.junit.jupiter.api.Test
  void reduceOnPlateauWaitsPatienceEpochsAndWatchesAccuracyUpwards() {
    ScheduleSpec spec = new ScheduleSpec(ScheduleType.REDUCE_ON_PLATEAU, 0, 1, 1, 0.5, 3, 0,
        MonitoredMetric.VAL_ACCURACY, 1e-4);
    ScheduleSpec.Plateau p = ScheduleSpec.Plateau.start(1e-3);
    double[] accuracy = {0.80, 0.85, 0.85, 0.84, 0.85, 0.86, 0.86, 0.86, 0.86};
    double[] rates = {1e-3, 1e-3, 1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 5e-4, 2.5e-4};
    for (int i = 0; i < accuracy.length; i++) {
      p = p.after(accuracy[i], spec);
      org.assertj.core.api.Assertions.assertThat(p.learningRate()).as("after epoch %d", i + 1)
          .isEqualTo(rates[i]);
    }
  }
}
