package io.clothing.reporting;

import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: row = truth, column = prediction, in label
 * order, as scikit-learn's {@code confusion_matrix}. Printable with class names, as raw counts
 * or row-normalized (each row divided by its total: the recall spread).
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfusionMatrix {
  private final List<String> names;
  private final long[][] counts;

  private ConfusionMatrix(List<String> names, long[][] counts) {
    this.names = List.copyOf(names);
    this.counts = counts;
  }

  /**
   * Counts the pairs.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a label
   *     outside {@code [0, names.size())}
   */
  public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> names) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length + " labels, predictions "
          + predicted.length);
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("no labels to report on");
    }
    int k = names.size();
    long[][] counts = new long[k][k];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("label pair " + i + " (" + truth[i] + ", "
            + predicted[i] + ") is outside 0-" + (k - 1));
      }
      counts[truth[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(names, counts);
  }

  /** The class names in label order. */
  public List<String> names() {
    return names;
  }

  /** How many of true class {@code truth} were predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** How many of true class {@code truth} there are (its support). */
  public long rowTotal(int truth) {
    long sum = 0;
    for (long v : counts[truth]) {
      sum += v;
    }
    return sum;
  }

  /** How many were predicted as {@code predicted}. */
  public long columnTotal(int predicted) {
    long sum = 0;
    for (long[] row : counts) {
      sum += row[predicted];
    }
    return sum;
  }

  /** {@code count(truth, predicted) / rowTotal(truth)}, 0 for an empty row. */
  public double rowFraction(int truth, int predicted) {
    long total = rowTotal(truth);
    return total == 0 ? 0 : (double) counts[truth][predicted] / total;
  }

  /** A copy of the counts. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** The raw counts as a text table, rows = truth, columns = prediction. */
  public String text() {
    return table(false);
  }

  /** Row-normalized fractions with two decimals. */
  public String normalizedText() {
    return table(true);
  }

  private String table(boolean normalized) {
    int k = names.size();
    int nameWidth = "true \\ predicted".length();
    for (String n : names) {
      nameWidth = Math.max(nameWidth, n.length());
    }
    int[] widths = new int[k];
    String[][] cells = new String[k][k];
    for (int c = 0; c < k; c++) {
      widths[c] = names.get(c).length();
      for (int r = 0; r < k; r++) {
        cells[r][c] = normalized ? PythonFormat.fixed(rowFraction(r, c), 2)
            : String.valueOf(counts[r][c]);
        widths[c] = Math.max(widths[c], cells[r][c].length());
      }
    }
    StringBuilder out = new StringBuilder(pad("true \\ predicted", nameWidth));
    for (int c = 0; c < k; c++) {
      out.append("  ").append(PythonFormat.right(names.get(c), widths[c]));
    }
    out.append('\n');
    for (int r = 0; r < k; r++) {
      out.append(pad(names.get(r), nameWidth));
      for (int c = 0; c < k; c++) {
        out.append("  ").append(PythonFormat.right(cells[r][c], widths[c]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
