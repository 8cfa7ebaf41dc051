package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StageParametersTest {

  private static StageParameters params(String json) throws Exception {
    return new StageParameters("zoom", (ObjectNode) new ObjectMapper().readTree(json));
  }

  @Test
  void readsTypedValuesWithFallbacks() throws Exception {
    StageParameters p = params("{\"range\": 0.1, \"n\": 3, \"on\": true, \"fill\": \"wrap\"}");
    assertThat(p.number("range", 0, 0, 1)).isEqualTo(0.1);
    assertThat(p.number("missing", 0.5, 0, 1)).isEqualTo(0.5);
    assertThat(p.integer("n", 0, 0, 5)).isEqualTo(3);
    assertThat(p.bool("on", false)).isTrue();
    assertThat(p.choice("fill", "nearest", "nearest", "wrap")).isEqualTo("wrap");
    assertThat(params("{\"r\": [0.1, 0.3]}").range("r", new double[] {0, 0}, 0, 1))
        .containsExactly(0.1, 0.3);
  }

  @Test
  void refusesUnknownParametersAndBadValuesNamingStageAndField() throws Exception {
    assertThatThrownBy(() -> params("{\"rnage\": 1}").requireOnly("range"))
        .hasMessage("zoom.rnage: unknown parameter; allowed: range");
    assertThatThrownBy(() -> params("{\"range\": \"big\"}").number("range", 0, 0, 1))
        .hasMessage("zoom.range: expected a number, got \"big\"");
    assertThatThrownBy(() -> params("{\"range\": -0.5}").number("range", 0, 0, 1))
        .hasMessage("zoom.range: must be in [0.0, 1.0], got -0.5");
    assertThatThrownBy(() -> params("{\"n\": 1.5}").integer("n", 0, 0, 5))
        .hasMessageContaining("expected a whole number");
    assertThatThrownBy(() -> params("{\"fill\": \"x\"}").choice("fill", "a", "a", "b"))
        .hasMessageContaining("allowed values: a, b");
    assertThatThrownBy(() -> params("{\"r\": [0.5, 0.1]}").range("r", new double[2], 0, 1))
        .hasMessageContaining("low <= high");
  }
}
