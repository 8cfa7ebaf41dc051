package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Knowledge distillation (Hinton et al., 2015, "Distilling the Knowledge in a Neural Network"):
 * the model trains towards a mix of each training image's true label and a teacher model's
 * probabilities for it, so that a small model learns what a larger one (or an ensemble) knows
 * about which garments look alike. The teacher's probabilities (calibrated, as it serves them)
 * are computed once, for each training image as it is before augmentation.
 *
 * @param teacher the teacher's model directory, relative to the working directory unless
 *     absolute; never null or empty
 * @param weight the teacher's share of each target, in (0, 1] (default 0.5); the label has the
 *     rest. Label smoothing, if the recipe asks for it, applies to the mix.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DistillationSpec(String teacher, double weight) {

  /** Validates the fields. */
  public DistillationSpec {
    Checks.required("teacher", teacher);
    if (teacher.isBlank()) {
      throw new RecipeException("teacher", "must name a model directory");
    }
    Checks.share("weight", weight);
  }

  @JsonCreator
  static DistillationSpec fromJson(
      @JsonProperty("teacher") String teacher,
      @JsonProperty("weight") Double weight,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, DistillationSpec.class);
    return new DistillationSpec(teacher, weight != null ? weight : 0.5);
  }
}
