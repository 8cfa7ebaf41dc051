package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Batch mixing, as the reference implementations of CutMix ({@code clovaai/CutMix-PyTorch},
 * {@code train.py}) and mixup ({@code facebookresearch/mixup-cifar10}, {@code train.py}) do it:
 * with probability {@code probability} a training batch is mixed with a shuffled copy of itself,
 * with one weight {@code lambda ~ Beta(alpha, alpha)} for the whole batch. Each image's training
 * target (its one-hot label, or its distillation target) becomes
 * {@code lambda * own + (1 - lambda) * partner's}, where for CutMix {@code lambda} is the share of
 * pixels the image keeps. Mixing comes after the per-image augmentations.
 *
 * @param type how two images mix; never null
 * @param alpha the Beta distribution's parameter, above 0 and at most {@value #MAX_ALPHA} (1 draws
 *     {@code lambda} uniformly; small values draw it near 0 or 1, large ones near 1/2)
 * @param probability the chance that a batch is mixed, in (0, 1] (default 1)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MixingSpec(MixingType type, double alpha, double probability) {
  /** The largest {@code alpha}: beyond it every draw is 1/2 to three decimals. */
  public static final double MAX_ALPHA = 1e6;

  /** Validates the fields. */
  public MixingSpec {
    Checks.required("type", type);
    Checks.positive("alpha", alpha);
    if (alpha > MAX_ALPHA) {
      throw new RecipeException("alpha", "must be at most " + MAX_ALPHA + ", got " + alpha);
    }
    Checks.share("probability", probability);
  }

  @JsonCreator
  static MixingSpec fromJson(
      @JsonProperty("type") MixingType type,
      @JsonProperty("alpha") Double alpha,
      @JsonProperty("probability") Double probability,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, MixingSpec.class);
    return new MixingSpec(Checks.required("type", type), Checks.required("alpha", alpha),
        probability != null ? probability : 1);
  }
}
