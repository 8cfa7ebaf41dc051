package io.clothing.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceMetricsImmutabilityTest {
  @Test
  void neitherTheCallersMapNorTheAccessorCanChangeAReference() {
    Map<String, ReferenceMetrics.Target> classes = new LinkedHashMap<>();
    classes.put("Shirt", new ReferenceMetrics.Target(null, null, 0.82));
    ReferenceMetrics reference = new ReferenceMetrics("r", "test", 0, 0.94, classes);
    classes.put("Bag", new ReferenceMetrics.Target(null, null, 0.99));
    assertThat(reference.classes()).containsOnlyKeys("Shirt");
    assertThatThrownBy(() -> reference.classes().put("Bag", null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
