package io.clothing.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A classifier's answer for one image: the ten class probabilities in {@link Garment} order, and
 * the most probable garment with its probability as the confidence.
 *
 * <p>Immutable and thread-safe; the probabilities are copied in and out.
 */
public final class Prediction {
  private final float[] probabilities;
  private final Garment garment;

  private Prediction(float[] probabilities) {
    this.probabilities = probabilities;
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    this.garment = Garment.fromIndex(best);
  }

  /**
   * A prediction from ten probabilities in {@link Garment} order. Ties go to the lower index, as
   * {@code argmax} does.
   *
   * @param probabilities ten finite values in [0, 1]; copied, never null
   * @throws IllegalArgumentException if there are not ten, or one is NaN or outside [0, 1]
   */
  public static Prediction of(float[] probabilities) {
    if (probabilities.length != Garment.COUNT) {
      throw new IllegalArgumentException(
          "a prediction needs " + Garment.COUNT + " probabilities, got " + probabilities.length);
    }
    for (int i = 0; i < probabilities.length; i++) {
      float p = probabilities[i];
      if (!(p >= 0f && p <= 1f)) {
        throw new IllegalArgumentException("probability " + i + " is " + p + ", outside [0, 1]");
      }
    }
    return new Prediction(probabilities.clone());
  }

  /** The most probable garment; never null. */
  public Garment garment() {
    return garment;
  }

  /** The probability of {@link #garment()}, in [0, 1]. */
  public float confidence() {
    return probabilities[garment.index()];
  }

  /** The probability of {@code garment}, in [0, 1]. */
  public float probability(Garment garment) {
    return probabilities[garment.index()];
  }

  /** The ten probabilities in {@link Garment} order; a copy, never null. */
  public float[] probabilities() {
    return probabilities.clone();
  }

  /**
   * The {@code k} most probable garments, most probable first (ties in {@link Garment} order).
   *
   * @param k 1 to 10
   * @return an unmodifiable list of {@code k} scores; never null
   */
  public List<Score> top(int k) {
    if (k < 1 || k > Garment.COUNT) {
      throw new IllegalArgumentException("top-k needs k in 1-10, got " + k);
    }
    List<Score> scores = new ArrayList<>(Garment.COUNT);
    for (Garment g : Garment.values()) {
      scores.add(new Score(g, probabilities[g.index()]));
    }
    scores.sort(Comparator.comparingDouble(Score::probability).reversed());
    return List.copyOf(scores.subList(0, k));
  }

  /** One garment with its probability, as listed by {@link #top(int)}. */
  public record Score(Garment garment, float probability) {}

  @Override
  public boolean equals(Object other) {
    return other instanceof Prediction that
        && java.util.Arrays.equals(probabilities, that.probabilities);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return String.format("Prediction[%s %.4f]", garment.displayName(), confidence());
  }
}
