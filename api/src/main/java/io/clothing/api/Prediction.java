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
  private final boolean reliable;

  private Prediction(float[] probabilities, boolean reliable) {
    this.probabilities = probabilities;
    this.reliable = reliable;
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
    return of(probabilities, true);
  }

  /**
   * A prediction that says whether it can be trusted (see {@link Reliability}).
   *
   * @param probabilities ten finite values in [0, 1]; copied, never null
   * @param reliable false when the model's reliability check flags the answer as "not sure"
   * @throws IllegalArgumentException if there are not ten, or one is NaN or outside [0, 1]
   */
  public static Prediction of(float[] probabilities, boolean reliable) {
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
    return new Prediction(probabilities.clone(), reliable);
  }

  /**
   * Whether the answer can be trusted: false when the model's {@link Reliability} check says
   * "not sure" (a low calibrated confidence, or an input unlike any garment photo: noise, a blank
   * frame, a drawing). Always true for a model without that check.
   */
  public boolean isReliable() {
    return reliable;
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
    return other instanceof Prediction that && reliable == that.reliable
        && java.util.Arrays.equals(probabilities, that.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(probabilities) + Boolean.hashCode(reliable);
  }

  @Override
  public String toString() {
    return String.format("Prediction[%s %.4f%s]", garment.displayName(), confidence(),
        reliable ? "" : ", not sure");
  }
}
