package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A learning-rate schedule: see {@link ScheduleType} for each type's shape.
 *
 * @param type the schedule; never null
 * @param warmupFraction share of all steps spent warming up, in [0, 1) (cosine, one-cycle)
 * @param finalFactor final rate as a fraction of the base rate, in [0, 1] (cosine, one-cycle)
 * @param stepEpochs epochs between drops, at least 1 (step)
 * @param stepFactor the factor of each drop, in (0, 1] (step)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleSpec(
    ScheduleType type, double warmupFraction, double finalFactor, int stepEpochs, double stepFactor) {

  /** The constant schedule. */
  public static final ScheduleSpec CONSTANT = new ScheduleSpec(ScheduleType.CONSTANT, 0, 1, 1, 1);

  /** Validates every field; see the class comment for the ranges. */
  public ScheduleSpec {
    Checks.required("type", type);
    Checks.within("warmup_fraction", warmupFraction, 0, 1, false);
    Checks.within("final_factor", finalFactor, 0, 1, true);
    Checks.atLeast("step_epochs", stepEpochs, 1);
    if (!(stepFactor > 0 && stepFactor <= 1)) {
      throw new RecipeException("step_factor", "must be in (0, 1], got " + stepFactor);
    }
  }

  @JsonCreator
  static ScheduleSpec fromJson(
      @JsonProperty("type") ScheduleType type,
      @JsonProperty("warmup_fraction") Double warmupFraction,
      @JsonProperty("final_factor") Double finalFactor,
      @JsonProperty("step_epochs") Integer stepEpochs,
      @JsonProperty("step_factor") Double stepFactor,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, ScheduleSpec.class);
    Checks.required("type", type);
    boolean oneCycle = type == ScheduleType.ONE_CYCLE;
    return new ScheduleSpec(
        type,
        warmupFraction != null ? warmupFraction : oneCycle ? 0.3 : 0.0,
        finalFactor != null ? finalFactor : oneCycle ? 1e-3 : type == ScheduleType.COSINE ? 0 : 1,
        stepEpochs != null ? stepEpochs : 10,
        stepFactor != null ? stepFactor : 0.1);
  }

  /**
   * The learning rate at {@code step} (0-based) of {@code totalSteps}, for base rate {@code base}.
   * {@code stepsPerEpoch} is used by the step schedule.
   */
  public double learningRate(double base, long step, long totalSteps, long stepsPerEpoch) {
    double progress = totalSteps <= 1 ? 0 : Math.min(1.0, step / (double) (totalSteps - 1));
    return switch (type) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(stepFactor, Math.floorDiv(step / Math.max(1, stepsPerEpoch), stepEpochs));
      case COSINE -> warmedCosine(base, base * finalFactor, progress, 0.0);
      case ONE_CYCLE -> warmedCosine(base, base * finalFactor, progress, base / 25);
    };
  }

  private double warmedCosine(double peak, double end, double progress, double start) {
    if (progress < warmupFraction) {
      double warm = warmupFraction == 0 ? 1 : progress / warmupFraction;
      return start + (peak - start) * warm;
    }
    double rest = warmupFraction >= 1 ? 1 : (progress - warmupFraction) / (1 - warmupFraction);
    return end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * rest));
  }
}
