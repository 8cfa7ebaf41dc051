package io.clothing.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** The validation metric early stopping watches. */
public enum MonitoredMetric implements RecipeValues {
  /** Validation loss; lower is better. */
  VAL_LOSS("val_loss"),
  /** Validation accuracy; higher is better. */
  VAL_ACCURACY("val_accuracy");

  private final String id;

  MonitoredMetric(String id) {
    this.id = id;
  }

  @Override
  @JsonValue
  public String id() {
    return id;
  }
}
