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
 * @param stepFactor the factor of each drop, in (0, 1] (step, reduce-on-plateau; Keras' default
 *     0.1)
 * @param patience epochs without improvement before a drop, at least 1 (reduce-on-plateau;
 *     Keras' default 10)
 * @param minLearningRate the rate never drops below, at least 0 (reduce-on-plateau; default 0)
 * @param monitor the metric watched (reduce-on-plateau; default validation loss)
 * @param minDelta the least change that counts as an improvement, at least 0
 *     (reduce-on-plateau; Keras' default 1e-4)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleSpec(
    ScheduleType type, double warmupFraction, double finalFactor, int stepEpochs, double stepFactor,
    int patience, double minLearningRate, MonitoredMetric monitor, double minDelta) {

  /** The constant schedule. */
  public static final ScheduleSpec CONSTANT = new ScheduleSpec(ScheduleType.CONSTANT, 0, 1, 1, 1);

  /** Keras' {@code ReduceLROnPlateau} defaults. */
  private static final int DEFAULT_PATIENCE = 10;
  private static final double DEFAULT_MIN_DELTA = 1e-4;

  /** A schedule of the types that need no plateau settings. */
  public ScheduleSpec(ScheduleType type, double warmupFraction, double finalFactor,
      int stepEpochs, double stepFactor) {
    this(type, warmupFraction, finalFactor, stepEpochs, stepFactor, DEFAULT_PATIENCE, 0,
        MonitoredMetric.VAL_LOSS, DEFAULT_MIN_DELTA);
  }

  /** Validates every field; see the class comment for the ranges. */
  public ScheduleSpec {
    Checks.required("type", type);
    Checks.within("warmup_fraction", warmupFraction, 0, 1, false);
    Checks.within("final_factor", finalFactor, 0, 1, true);
    Checks.atLeast("step_epochs", stepEpochs, 1);
    if (!(stepFactor > 0 && stepFactor <= 1)) {
      throw new RecipeException("step_factor", "must be in (0, 1], got " + stepFactor);
    }
    Checks.between("patience", patience, 1, 10_000);
    Checks.within("min_learning_rate", minLearningRate, 0, 10, true);
    Checks.required("monitor", monitor);
    Checks.within("min_delta", minDelta, 0, 1e6, true);
  }

  @JsonCreator
  static ScheduleSpec fromJson(
      @JsonProperty("type") ScheduleType type,
      @JsonProperty("warmup_fraction") Double warmupFraction,
      @JsonProperty("final_factor") Double finalFactor,
      @JsonProperty("step_epochs") Integer stepEpochs,
      @JsonProperty("step_factor") Double stepFactor,
      @JsonProperty("patience") Integer patience,
      @JsonProperty("min_learning_rate") Double minLearningRate,
      @JsonProperty("monitor") MonitoredMetric monitor,
      @JsonProperty("min_delta") Double minDelta,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, ScheduleSpec.class);
    Checks.required("type", type);
    boolean oneCycle = type == ScheduleType.ONE_CYCLE;
    return new ScheduleSpec(
        type,
        warmupFraction != null ? warmupFraction : oneCycle ? 0.3 : 0.0,
        finalFactor != null ? finalFactor : oneCycle ? 1e-3 : type == ScheduleType.COSINE ? 0 : 1,
        stepEpochs != null ? stepEpochs : 10,
        stepFactor != null ? stepFactor : 0.1,
        patience != null ? patience : DEFAULT_PATIENCE,
        minLearningRate != null ? minLearningRate : 0,
        monitor != null ? monitor : MonitoredMetric.VAL_LOSS,
        minDelta != null ? minDelta : DEFAULT_MIN_DELTA);
  }

  /**
   * The learning rate at {@code step} (0-based) of {@code totalSteps}, for base rate {@code base}.
   * {@code stepsPerEpoch} is used by the step schedule. Reduce-on-plateau depends on the
   * validation history instead: here it gives the base rate, and {@link Plateau} the drops.
   */
  public double learningRate(double base, long step, long totalSteps, long stepsPerEpoch) {
    double progress = totalSteps <= 1 ? 0 : Math.min(1.0, step / (double) (totalSteps - 1));
    return switch (type) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(stepFactor, Math.floorDiv(step / Math.max(1, stepsPerEpoch), stepEpochs));
      case COSINE -> warmedCosine(base, base * finalFactor, progress, 0.0);
      case ONE_CYCLE -> warmedCosine(base, base * finalFactor, progress, base / 25);
      case REDUCE_ON_PLATEAU -> base;
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

  /**
   * Keras' {@code ReduceLROnPlateau} state after some epochs (keras/src/callbacks/
   * reduce_lr_on_plateau.py, Keras 3; the same in tf.keras 2.x): the rate in force, the best
   * value of the monitored metric so far, and the epochs since it improved. Immutable; saved
   * with checkpoints so that a resumed run drops the rate when the uninterrupted one would.
   *
   * @param learningRate the rate for the next epoch
   * @param best the best monitored value so far (NaN before the first epoch)
   * @param wait epochs since the best one
   */
  public record Plateau(double learningRate, double best, int epochsWithoutImprovement) {
    /** The state before the first epoch. */
    public static Plateau start(double baseRate) {
      return new Plateau(baseRate, Double.NaN, 0);
    }

    /**
     * The state after an epoch whose monitored metric was {@code value}: an improvement by more
     * than {@code min_delta} resets the wait; {@code patience} epochs without one multiply the
     * rate by {@code step_factor} (not below {@code min_learning_rate}) and reset the wait.
     */
    public Plateau after(double value, ScheduleSpec spec) {
      boolean lowerIsBetter = spec.monitor() == MonitoredMetric.VAL_LOSS;
      boolean improved = Double.isNaN(best)
          || (lowerIsBetter ? value < best - spec.minDelta() : value > best + spec.minDelta());
      if (improved) {
        return new Plateau(learningRate, value, 0);
      }
      int waited = epochsWithoutImprovement + 1;
      if (waited >= spec.patience() && learningRate > spec.minLearningRate()) {
        return new Plateau(Math.max(learningRate * spec.stepFactor(), spec.minLearningRate()),
            best, 0);
      }
      return new Plateau(learningRate, best, waited);
    }
  }
}
