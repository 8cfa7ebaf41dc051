package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The optimizer and its hyper-parameters, with Keras' defaults for fields a recipe leaves out.
 *
 * @param type which optimizer; never null
 * @param learningRate base learning rate, above 0
 * @param momentum SGD momentum or RMSprop's rho, in [0, 1) (SGD default 0.9, RMSprop 0.9)
 * @param nesterov Nesterov momentum for SGD
 * @param beta1 Adam-family first-moment decay, in [0, 1) (default 0.9)
 * @param beta2 Adam-family second-moment decay, in [0, 1) (default 0.999)
 * @param epsilon numerical-stability term, above 0 (default 1e-7)
 * @param weightDecay decoupled weight decay per step times the learning rate (AdamW, SGD),
 *     at least 0
 * @param schedule the learning-rate schedule; never null (default constant)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OptimizerSpec(
    OptimizerType type,
    double learningRate,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    ScheduleSpec schedule) {

  /** Validates every field; see the class comment for the ranges. */
  public OptimizerSpec {
    Checks.required("type", type);
    Checks.positive("learning_rate", learningRate);
    Checks.within("momentum", momentum, 0, 1, false);
    Checks.within("beta1", beta1, 0, 1, false);
    Checks.within("beta2", beta2, 0, 1, false);
    Checks.positive("epsilon", epsilon);
    Checks.within("weight_decay", weightDecay, 0, 1, false);
    Checks.required("schedule", schedule);
  }

  /** An optimizer of {@code type} at {@code learningRate} with Keras' defaults elsewhere. */
  public static OptimizerSpec of(OptimizerType type, double learningRate) {
    return fromJson(type, learningRate, null, null, null, null, null, null, null, null);
  }

  @JsonCreator
  static OptimizerSpec fromJson(
      @JsonProperty("type") OptimizerType type,
      @JsonProperty("learning_rate") Double learningRate,
      @JsonProperty("momentum") Double momentum,
      @JsonProperty("nesterov") Boolean nesterov,
      @JsonProperty("beta1") Double beta1,
      @JsonProperty("beta2") Double beta2,
      @JsonProperty("epsilon") Double epsilon,
      @JsonProperty("weight_decay") Double weightDecay,
      @JsonProperty("schedule") ScheduleSpec schedule,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, OptimizerSpec.class);
    Checks.required("type", type);
    Checks.required("learning_rate", learningRate);
    return new OptimizerSpec(
        type,
        learningRate,
        momentum != null ? momentum : 0.9,
        nesterov != null && nesterov,
        beta1 != null ? beta1 : 0.9,
        beta2 != null ? beta2 : 0.999,
        epsilon != null ? epsilon : 1e-7,
        weightDecay != null ? weightDecay : 0.0,
        schedule != null ? schedule : ScheduleSpec.CONSTANT);
  }
}
