package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Stop training when a validation metric stops improving, as Keras' {@code EarlyStopping}.
 *
 * @param monitor the metric watched; never null (default {@code val_loss})
 * @param patience epochs without improvement before stopping, at least 1 (default 3)
 * @param restoreBestWeights put back the best epoch's weights when stopping (default true)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EarlyStoppingSpec(MonitoredMetric monitor, int patience, boolean restoreBestWeights) {

  /** Validates the fields. */
  public EarlyStoppingSpec {
    Checks.required("monitor", monitor);
    Checks.atLeast("patience", patience, 1);
  }

  @JsonCreator
  static EarlyStoppingSpec fromJson(
      @JsonProperty("monitor") MonitoredMetric monitor,
      @JsonProperty("patience") Integer patience,
      @JsonProperty("restore_best_weights") Boolean restore,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, EarlyStoppingSpec.class);
    return new EarlyStoppingSpec(
        monitor != null ? monitor : MonitoredMetric.VAL_LOSS,
        patience != null ? patience : 3,
        restore == null || restore);
  }
}
