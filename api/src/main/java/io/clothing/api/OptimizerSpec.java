package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The optimizer and its hyper-parameters, with Keras' defaults for fields a recipe leaves out.
 * Each optimizer reads its own fields (besides {@code type}, {@code learning_rate} and
 * {@code schedule}): {@code sgd}: momentum, nesterov, weight_decay; {@code rmsprop}: rho,
 * momentum, epsilon; {@code adam} and {@code nadam}: beta1, beta2, epsilon; {@code adamw}:
 * beta1, beta2, epsilon, weight_decay. It is written to JSON with those alone; other fields
 * are accepted when read (models saved by earlier versions carry them) and have no effect.
 *
 * @param type which optimizer; never null
 * @param learningRate base learning rate, above 0
 * @param momentum SGD's or RMSprop's momentum, in [0, 1) (SGD default 0.9, the project's; RMSprop
 *     default 0, Keras')
 * @param rho RMSprop's decay of the squared-gradient average, in [0, 1) (Keras' default 0.9)
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
    double rho,
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
    Checks.within("rho", rho, 0, 1, false);
    Checks.within("beta1", beta1, 0, 1, false);
    Checks.within("beta2", beta2, 0, 1, false);
    Checks.positive("epsilon", epsilon);
    Checks.within("weight_decay", weightDecay, 0, 1, false);
    Checks.required("schedule", schedule);
  }

  /** An optimizer of {@code type} at {@code learningRate} with Keras' defaults elsewhere. */
  public static OptimizerSpec of(OptimizerType type, double learningRate) {
    return fromJson(type, learningRate, null, null, null, null, null, null, null, null, null);
  }

  @JsonCreator
  static OptimizerSpec fromJson(
      @JsonProperty("type") OptimizerType type,
      @JsonProperty("learning_rate") Double learningRate,
      @JsonProperty("momentum") Double momentum,
      @JsonProperty("rho") Double rho,
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
        momentum != null ? momentum : type == OptimizerType.SGD ? 0.9 : 0.0,
        rho != null ? rho : 0.9,
        nesterov != null && nesterov,
        beta1 != null ? beta1 : 0.9,
        beta2 != null ? beta2 : 0.999,
        epsilon != null ? epsilon : 1e-7,
        weightDecay != null ? weightDecay : 0.0,
        schedule != null ? schedule : ScheduleSpec.CONSTANT);
  }

  /** The fields {@link #type} reads, besides type, learning rate and schedule. */
  public java.util.List<String> ownFields() {
    return switch (type) {
      case SGD -> java.util.List.of("momentum", "nesterov", "weight_decay");
      case RMSPROP -> java.util.List.of("rho", "momentum", "epsilon");
      case ADAM, NADAM -> java.util.List.of("beta1", "beta2", "epsilon");
      case ADAMW -> java.util.List.of("beta1", "beta2", "epsilon", "weight_decay");
    };
  }

  /** This optimizer as JSON: its type, learning rate, own fields and schedule. */
  @com.fasterxml.jackson.annotation.JsonValue
  java.util.Map<String, Object> toJson() {
    java.util.Map<String, Object> all = new java.util.LinkedHashMap<>();
    all.put("momentum", momentum);
    all.put("rho", rho);
    all.put("nesterov", nesterov);
    all.put("beta1", beta1);
    all.put("beta2", beta2);
    all.put("epsilon", epsilon);
    all.put("weight_decay", weightDecay);
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("type", type);
    json.put("learning_rate", learningRate);
    for (String field : ownFields()) {
      json.put(field, all.get(field));
    }
    json.put("schedule", schedule);
    return json;
  }
}
