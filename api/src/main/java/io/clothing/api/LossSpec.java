package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The loss to minimise.
 *
 * @param type the loss; never null
 * @param labelSmoothing Keras' label smoothing, in [0, 1): targets become
 *     {@code onehot * (1 - s) + s / 10}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LossSpec(LossType type, double labelSmoothing) {

  /** Plain categorical cross-entropy. */
  public static final LossSpec CROSS_ENTROPY = new LossSpec(LossType.CATEGORICAL_CROSSENTROPY, 0);

  /** Validates both fields. */
  public LossSpec {
    Checks.required("type", type);
    Checks.within("label_smoothing", labelSmoothing, 0, 1, false);
  }

  @JsonCreator
  static LossSpec fromJson(
      @JsonProperty("type") LossType type, @JsonProperty("label_smoothing") Double smoothing,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, LossSpec.class);
    return new LossSpec(
        type != null ? type : LossType.CATEGORICAL_CROSSENTROPY, smoothing != null ? smoothing : 0);
  }
}
