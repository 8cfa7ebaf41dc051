package io.clothing.preprocessing;

import io.clothing.api.Garment;
import io.clothing.api.ImageDataset;
import io.clothing.api.SeededRandom;
import java.util.Arrays;

/**
 * Splits a data set into training and validation parts with the same class proportions, as
 * scikit-learn's {@code train_test_split(..., stratify=y)}: holding out 10% of Fashion-MNIST's
 * 60,000 training images gives 6,000, 600 of each class.
 *
 * <p>The validation size is {@code round(fraction * n)}; it is shared among the classes by the
 * largest-remainder rule, so per-class counts differ from the exact share by less than one. Which
 * images go where is decided by a shuffle seeded with {@code seed} alone. Both parts are views of
 * the input (no pixels copied), rows in their original order. Stateless and thread-safe.
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * The two parts.
   *
   * @param training the images kept for training; never null
   * @param validation the images held out; never null
   */
  public record Parts(ImageDataset training, ImageDataset validation) {}

  /** How many of {@code size} images {@link #split} holds out for {@code validationFraction}. */
  public static int heldOut(int size, double validationFraction) {
    return (int) Math.round(validationFraction * size);
  }

  /**
   * Splits {@code data}, holding out {@code validationFraction} of it.
   *
   * @param validationFraction in [0, 1)
   * @throws IllegalArgumentException if the fraction is out of range
   */
  public static Parts split(ImageDataset data, double validationFraction, long seed) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in [0, 1), got " + validationFraction);
    }
    int[] counts = data.classCounts();
    int[] quota = quotas(counts, heldOut(data.size(), validationFraction));
    int[][] rowsByClass = new int[Garment.COUNT][];
    int[] filled = new int[Garment.COUNT];
    for (int c = 0; c < Garment.COUNT; c++) {
      rowsByClass[c] = new int[counts[c]];
    }
    for (int row = 0; row < data.size(); row++) {
      int c = data.labelIndex(row);
      rowsByClass[c][filled[c]++] = row;
    }
    SeededRandom random = new SeededRandom(seed, 0x5711);
    boolean[] held = new boolean[data.size()];
    for (int c = 0; c < Garment.COUNT; c++) {
      int[] rows = rowsByClass[c];
      for (int i = rows.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
      for (int i = 0; i < quota[c]; i++) {
        held[rows[i]] = true;
      }
    }
    int validationSize = Arrays.stream(quota).sum();
    int[] train = new int[data.size() - validationSize];
    int[] validation = new int[validationSize];
    int t = 0;
    int v = 0;
    for (int row = 0; row < data.size(); row++) {
      if (held[row]) {
        validation[v++] = row;
      } else {
        train[t++] = row;
      }
    }
    return new Parts(data.subset(train), data.subset(validation));
  }

  /** Shares {@code total} among classes in proportion to {@code counts}, largest remainder. */
  private static int[] quotas(int[] counts, int total) {
    int n = Arrays.stream(counts).sum();
    int[] quota = new int[counts.length];
    double[] remainder = new double[counts.length];
    int given = 0;
    for (int c = 0; c < counts.length; c++) {
      double exact = n == 0 ? 0 : (double) total * counts[c] / n;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      given += quota[c];
    }
    while (given < total) {
      int best = -1;
      for (int c = 0; c < counts.length; c++) {
        if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1;
      given++;
    }
    return quota;
  }
}
