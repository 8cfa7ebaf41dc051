package io.clothing.reporting;

import io.clothing.api.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a model's confidences match its accuracy (Guo et al. 2017): predictions binned by
 * confidence into equal-width bins {@code (k/n, (k+1)/n]}, each bin's mean confidence against its
 * accuracy (the reliability diagram), and the expected calibration error
 * {@code ECE = sum over bins of (bin size / total) * |accuracy - mean confidence|}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bins every bin, empty ones included, in confidence order
 * @param expectedCalibrationError the ECE, 0 (perfect) to 1
 * @param unreliableShare the share of predictions marked "not sure"
 */
public record CalibrationCurve(List<Bin> bins, double expectedCalibrationError,
    double unreliableShare) {
  /** Guo et al.'s number of bins. */
  public static final int BINS = 15;

  /**
   * One bin.
   *
   * @param lower its lower edge (exclusive, except 0 for the first)
   * @param upper its upper edge (inclusive)
   * @param count predictions in it
   * @param meanConfidence their mean confidence; NaN when empty
   * @param accuracy their share right; NaN when empty
   */
  public record Bin(double lower, double upper, int count, double meanConfidence,
      double accuracy) {}

  /** Copies the list. */
  public CalibrationCurve {
    bins = List.copyOf(bins);
  }

  /**
   * The curve of {@code predictions} against the true class indices, in {@link #BINS} bins.
   *
   * @throws IllegalArgumentException if the lengths differ or there are none
   */
  public static CalibrationCurve of(List<Prediction> predictions, int[] truth) {
    return of(predictions, truth, BINS);
  }

  /** The curve in {@code binCount} equal-width bins. */
  public static CalibrationCurve of(List<Prediction> predictions, int[] truth, int binCount) {
    if (predictions.size() != truth.length || truth.length == 0 || binCount < 1) {
      throw new IllegalArgumentException(predictions.size() + " predictions for "
          + truth.length + " labels in " + binCount + " bins");
    }
    int[] count = new int[binCount];
    double[] confidence = new double[binCount];
    int[] right = new int[binCount];
    int unreliable = 0;
    for (int i = 0; i < truth.length; i++) {
      Prediction p = predictions.get(i);
      double c = p.confidence();
      int bin = Math.min(binCount - 1, Math.max(0, (int) Math.ceil(c * binCount) - 1));
      count[bin]++;
      confidence[bin] += c;
      right[bin] += p.garment().index() == truth[i] ? 1 : 0;
      unreliable += p.isReliable() ? 0 : 1;
    }
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double mean = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
      double accuracy = count[b] == 0 ? Double.NaN : right[b] / (double) count[b];
      bins.add(new Bin(b / (double) binCount, (b + 1) / (double) binCount, count[b], mean,
          accuracy));
      if (count[b] > 0) {
        ece += count[b] / (double) truth.length * Math.abs(accuracy - mean);
      }
    }
    return new CalibrationCurve(bins, ece, unreliable / (double) truth.length);
  }
}
