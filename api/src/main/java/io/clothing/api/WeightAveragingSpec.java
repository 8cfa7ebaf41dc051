package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Stochastic weight averaging (Izmailov et al., 2018, "Averaging Weights Leads to Wider Optima
 * and Better Generalization"): the last {@code epochs} of a recipe's epochs train at
 * {@code learningRate} (constant, or within each epoch falling linearly to
 * {@code finalLearningRate}: the paper's cyclical schedule with a cycle of one epoch), the
 * trainable weights at the end of each of them are averaged, and the
 * saved model holds that average with its batch-normalization statistics measured again on one
 * more pass over the training data (the average's own statistics, which no epoch saw).
 *
 * <p>The optimizer's schedule spans the epochs before these, so a recipe that adds averaging to
 * another (with its {@code epochs} raised by as many) trains exactly as the other one did up to
 * where averaging begins.
 *
 * @param epochs how many of the recipe's final epochs are averaged, at least 1 and fewer than the
 *     recipe's epochs
 * @param learningRate the learning rate at the start of each of those epochs, above 0
 * @param finalLearningRate the learning rate of each epoch's last step, above 0 and at most
 *     {@code learningRate} (default {@code learningRate}: constant)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WeightAveragingSpec(int epochs, double learningRate, double finalLearningRate) {

  /** Validates the fields. */
  public WeightAveragingSpec {
    Checks.atLeast("epochs", epochs, 1);
    Checks.positive("learning_rate", learningRate);
    Checks.positive("final_learning_rate", finalLearningRate);
    if (finalLearningRate > learningRate) {
      throw new RecipeException("final_learning_rate", "must be at most learning_rate ("
          + learningRate + "), got " + finalLearningRate);
    }
  }

  /**
   * The learning rate of step {@code step} (0-based) of an averaged epoch of {@code steps}
   * steps.
   */
  public double learningRate(int step, int steps) {
    return steps <= 1 ? learningRate
        : learningRate + (finalLearningRate - learningRate) * step / (steps - 1);
  }

  @JsonCreator
  static WeightAveragingSpec fromJson(
      @JsonProperty("epochs") Integer epochs,
      @JsonProperty("learning_rate") Double learningRate,
      @JsonProperty("final_learning_rate") Double finalLearningRate,
      @JsonAnySetter java.util.Map<String, Object> unknownFields) {
    Checks.noUnknownFields(unknownFields, WeightAveragingSpec.class);
    Checks.required("learning_rate", learningRate);
    return new WeightAveragingSpec(Checks.required("epochs", epochs), learningRate,
        finalLearningRate != null ? finalLearningRate : learningRate);
  }
}
