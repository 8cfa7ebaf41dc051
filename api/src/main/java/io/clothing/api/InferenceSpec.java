package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the saved model predicts.
 *
 * @param averageHorizontalFlip test-time augmentation: the served probabilities are the mean of
 *     the model's probabilities for the image and for its mirror image (twice the inference cost,
 *     usually a little more accurate when training used horizontal flips)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InferenceSpec(boolean averageHorizontalFlip) {

  /** Plain inference, one pass per image. */
  public static final InferenceSpec PLAIN = new InferenceSpec(false);

  @JsonCreator
  static InferenceSpec fromJson(
      @JsonProperty("average_horizontal_flip") Boolean averageHorizontalFlip,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, InferenceSpec.class);
    return new InferenceSpec(averageHorizontalFlip != null && averageHorizontalFlip);
  }
}
