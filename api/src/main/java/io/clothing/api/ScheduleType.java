package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Learning-rate schedules over the whole run. */
public enum ScheduleType implements RecipeValues {
  /** The base rate throughout. */
  CONSTANT("constant"),
  /** The rate times {@code factor} every {@code step_epochs} epochs. */
  STEP("step"),
  /** Cosine decay from the base rate to {@code final_factor} times it, after a linear warm-up. */
  COSINE("cosine"),
  /**
   * One-cycle (Smith): linear warm-up from {@code base/25} to the base rate over
   * {@code warmup_fraction} of the steps, then cosine annealing to {@code final_factor} times it.
   */
  ONE_CYCLE("one_cycle"),
  /**
   * Keras' {@code ReduceLROnPlateau} callback: the rate times {@code step_factor} whenever
   * {@code monitor} has not improved by more than 1e-4 for {@code patience} epochs, never below
   * {@code min_learning_rate}.
   */
  REDUCE_ON_PLATEAU("reduce_on_plateau");

  private final String id;

  ScheduleType(String id) {
    this.id = id;
  }

  @Override
  @JsonValue
  public String id() {
    return id;
  }
}
