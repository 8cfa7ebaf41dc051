package io.clothing.preprocessing;

import io.clothing.api.ImageDataset;
import io.clothing.api.ModelException;
import io.clothing.api.PreprocessingStage;
import io.clothing.api.StageState;
import java.util.Set;

/**
 * The {@code standardize} stage: {@code (x - mean) / std}, with the mean and standard deviation
 * of all pixels (scaled to [0, 1]) of the training split, so the training data has zero mean and
 * unit variance, as the original notebook does. The statistics are saved with the model so that
 * inference applies exactly the same transform.
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardization implements PreprocessingStage {
  /** The stage's name in recipes. */
  public static final String NAME = "standardize";

  private final double mean;
  private final double std;
  private final float meanF;
  private final float inverseStd;

  /**
   * A stage with the given statistics.
   *
   * @param mean the mean pixel value in [0, 1]
   * @param std the standard deviation, above 0
   */
  public Standardization(double mean, double std) {
    if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException(
          "standardization needs a finite mean and a positive std, got " + mean + ", " + std);
    }
    this.mean = mean;
    this.std = std;
    this.meanF = (float) mean;
    this.inverseStd = (float) (1 / std);
  }

  /** Computes the statistics over every pixel of {@code training} (scaled to [0, 1]). */
  public static Standardization fit(ImageDataset training) {
    long[] histogram = new long[256];
    byte[] image = new byte[training.pixelsPerImage()];
    for (int row = 0; row < training.size(); row++) {
      training.copyPixels(row, image, 0);
      for (byte b : image) {
        histogram[b & 0xFF]++;
      }
    }
    double n = 0;
    double sum = 0;
    for (int v = 0; v < 256; v++) {
      n += histogram[v];
      sum += histogram[v] * (v / 255.0);
    }
    if (n == 0) {
      throw new IllegalArgumentException("cannot standardize on an empty training split");
    }
    double mean = sum / n;
    double squares = 0;
    for (int v = 0; v < 256; v++) {
      double d = v / 255.0 - mean;
      squares += histogram[v] * d * d;
    }
    double std = Math.sqrt(squares / n);
    return new Standardization(mean, std > 0 ? std : 1);
  }

  /** The training mean, in [0, 1] units. */
  public double mean() {
    return mean;
  }

  /** The training standard deviation, in [0, 1] units. */
  public double std() {
    return std;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(float[] values, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      values[i] = (values[i] - meanF) * inverseStd;
    }
  }

  /** Undoes {@link #apply}: {@code x * std + mean}. */
  public void invert(float[] values, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      values[i] = (float) (values[i] * std + mean);
    }
  }

  @Override
  public StageState state() {
    return StageState.builder().put("mean", mean).put("std", std).build();
  }

  /** Rebuilds a stage from {@link #state()} (models of earlier versions also saved its name). */
  static Standardization restore(StageState state) {
    for (String name : state.names()) {
      if (!Set.of("name", "mean", "std").contains(name)) {
        throw new ModelException(NAME + ": unknown saved value '" + name + "'; expected mean "
            + "and std");
      }
    }
    double mean = state.number("mean");
    double std = state.number("std");
    if (!(mean >= 0 && mean <= 1) || !(std > 0)) {
      throw new ModelException(NAME + ": saved mean must be in [0, 1] and std above 0, got "
          + "mean " + mean + ", std " + std);
    }
    return new Standardization(mean, std);
  }

  @Override
  public String toString() {
    return String.format("standardize(mean=%.6f, std=%.6f)", mean, std);
  }
}
