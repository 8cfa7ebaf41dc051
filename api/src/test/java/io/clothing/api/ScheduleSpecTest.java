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
}
