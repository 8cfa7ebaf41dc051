package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** The optimizers a recipe may name, with Keras' meaning of each. */
public enum OptimizerType implements RecipeValues {
  /** Adam (Kingma and Ba), Keras' defaults beta1 0.9, beta2 0.999, epsilon 1e-7. */
  ADAM("adam"),
  /** Adam with decoupled weight decay (Loshchilov and Hutter). */
  ADAMW("adamw"),
  /** Nesterov-accelerated Adam (Dozat). */
  NADAM("nadam"),
  /** RMSprop, Keras' defaults rho 0.9, epsilon 1e-7. */
  RMSPROP("rmsprop"),
  /** Stochastic gradient descent, with optional (Nesterov) momentum. */
  SGD("sgd");

  private final String id;

  OptimizerType(String id) {
    this.id = id;
  }

  @Override
  @JsonValue
  public String id() {
    return id;
  }
}
