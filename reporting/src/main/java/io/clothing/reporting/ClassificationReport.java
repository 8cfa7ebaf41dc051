package io.clothing.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support with the accuracy and the macro and weighted
 * averages, identical to scikit-learn's
 * {@code classification_report(y_true, y_pred, labels=range(k), target_names=names, digits=d)}:
 * the same numbers (zero-division gives 0.0 and a warning), the same text layout, and Python's
 * rounding. Also as JSON (full precision) and Markdown.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClassificationReport {
  private static final String LONGEST_HEADING = "weighted avg";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private final List<ClassMetrics> classes;
  private final ClassMetrics macro;
  private final ClassMetrics weighted;
  private final double accuracy;
  private final long total;
  private final boolean everyLabelSeen;
  private final List<String> warnings;
  private final ConfusionMatrix confusion;

  private ClassificationReport(List<ClassMetrics> classes, ClassMetrics macro,
      ClassMetrics weighted, double accuracy, long total, boolean everyLabelSeen,
      List<String> warnings, ConfusionMatrix confusion) {
    this.classes = List.copyOf(classes);
    this.macro = macro;
    this.weighted = weighted;
    this.accuracy = accuracy;
    this.total = total;
    this.everyLabelSeen = everyLabelSeen;
    this.warnings = List.copyOf(warnings);
    this.confusion = confusion;
  }

  /**
   * Computes the report.
   *
   * @param truth true labels, each in {@code [0, names.size())}
   * @param predicted predicted labels, same length
   * @param names the class names, in label order
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a label
   *     outside the range
   */
  public static ClassificationReport of(int[] truth, int[] predicted, List<String> names) {
    ConfusionMatrix confusion = ConfusionMatrix.of(truth, predicted, names);
    int k = names.size();
    List<ClassMetrics> rows = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> noPredictions = new ArrayList<>();
    List<String> noTruth = new ArrayList<>();
    List<String> noF = new ArrayList<>();
    long correct = 0;
    for (int c = 0; c < k; c++) {
      long tp = confusion.count(c, c);
      long support = confusion.rowTotal(c);
      long predictedCount = confusion.columnTotal(c);
      long fp = predictedCount - tp;
      long fn = support - tp;
      correct += tp;
      if (predictedCount == 0) {
        noPredictions.add(names.get(c));
      }
      if (support == 0) {
        noTruth.add(names.get(c));
      }
      if (2 * tp + fp + fn == 0) {
        noF.add(names.get(c));
      }
      rows.add(new ClassMetrics(names.get(c), ratio(tp, predictedCount), ratio(tp, support),
          ratio(2 * tp, 2 * tp + fp + fn), support));
    }
    if (!noPredictions.isEmpty()) {
      warnings.add("Precision is ill-defined and being set to 0.0 in labels with no predicted "
          + "samples: " + String.join(", ", noPredictions) + ".");
    }
    if (!noTruth.isEmpty()) {
      warnings.add("Recall is ill-defined and being set to 0.0 in labels with no true samples: "
          + String.join(", ", noTruth) + ".");
    }
    if (!noF.isEmpty()) {
      warnings.add("F-score is ill-defined and being set to 0.0 in labels with no true nor "
          + "predicted samples: " + String.join(", ", noF) + ".");
    }
    long total = truth.length;
    double macroP = 0;
    double macroR = 0;
    double macroF = 0;
    double wP = 0;
    double wR = 0;
    double wF = 0;
    for (ClassMetrics m : rows) {
      macroP += m.precision();
      macroR += m.recall();
      macroF += m.f1();
      wP += m.precision() * m.support();
      wR += m.recall() * m.support();
      wF += m.f1() * m.support();
    }
    ClassMetrics macro = new ClassMetrics("macro avg", macroP / k, macroR / k, macroF / k, total);
    ClassMetrics weighted = new ClassMetrics("weighted avg", wP / total, wR / total, wF / total,
        total);
    boolean everySeen = true;
    for (int c = 0; c < k; c++) {
      everySeen &= confusion.rowTotal(c) + confusion.columnTotal(c) > 0;
    }
    return new ClassificationReport(rows, macro, weighted, (double) correct / total, total,
        everySeen, warnings, confusion);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** The per-class rows in label order; unmodifiable. */
  public List<ClassMetrics> classes() {
    return classes;
  }

  /** The unweighted mean of the per-class rows. */
  public ClassMetrics macroAverage() {
    return macro;
  }

  /** The support-weighted mean of the per-class rows. */
  public ClassMetrics weightedAverage() {
    return weighted;
  }

  /** The fraction of correct predictions. */
  public double accuracy() {
    return accuracy;
  }

  /** How many predictions. */
  public long total() {
    return total;
  }

  /** scikit-learn's {@code UndefinedMetricWarning}s for this report; unmodifiable. */
  public List<String> warnings() {
    return warnings;
  }

  /** The confusion matrix the report was computed from. */
  public ConfusionMatrix confusionMatrix() {
    return confusion;
  }

  /** The text of {@code classification_report(..., digits=2)}. */
  public String text() {
    return text(2);
  }

  /** The text of {@code classification_report(..., digits=digits)}. */
  public String text(int digits) {
    int width = LONGEST_HEADING.length();
    for (ClassMetrics m : classes) {
      width = Math.max(width, m.name().length());
    }
    width = Math.max(width, digits);
    StringBuilder out = new StringBuilder();
    out.append(PythonFormat.right("", width)).append(' ');
    for (String h : new String[] {"precision", "recall", "f1-score", "support"}) {
      out.append(' ').append(PythonFormat.right(h, 9));
    }
    out.append("\n\n");
    for (ClassMetrics m : classes) {
      row(out, m, width, digits);
    }
    out.append('\n');
    if (everyLabelSeen) {
      out.append(PythonFormat.right("accuracy", width)).append(' ')
          .append(' ').append(" ".repeat(9)).append(' ').append(" ".repeat(9))
          .append(' ').append(PythonFormat.right(PythonFormat.fixed(accuracy, digits), 9))
          .append(' ').append(PythonFormat.right(String.valueOf(total), 9)).append('\n');
    } else {
      row(out, new ClassMetrics("micro avg", accuracy, accuracy, accuracy, total), width, digits);
    }
    row(out, macro, width, digits);
    row(out, weighted, width, digits);
    return out.toString();
  }

  private static void row(StringBuilder out, ClassMetrics m, int width, int digits) {
    out.append(PythonFormat.right(m.name(), width)).append(' ');
    for (double v : new double[] {m.precision(), m.recall(), m.f1()}) {
      out.append(' ').append(PythonFormat.right(PythonFormat.fixed(v, digits), 9));
    }
    out.append(' ').append(PythonFormat.right(String.valueOf(m.support()), 9)).append('\n');
  }

  /** The report as a Markdown table with {@code digits} decimals. */
  public String markdown(int digits) {
    StringBuilder out = new StringBuilder("| class | precision | recall | f1-score | support |\n"
        + "|---|---:|---:|---:|---:|\n");
    for (ClassMetrics m : classes) {
      markdownRow(out, m, digits);
    }
    out.append("| **accuracy** | | | ").append(PythonFormat.fixed(accuracy, digits)).append(" | ")
        .append(total).append(" |\n");
    markdownRow(out, macro, digits);
    markdownRow(out, weighted, digits);
    return out.toString();
  }

  private static void markdownRow(StringBuilder out, ClassMetrics m, int digits) {
    out.append("| ").append(m.name().replace("|", "\\|")).append(" | ")
        .append(PythonFormat.fixed(m.precision(), digits)).append(" | ")
        .append(PythonFormat.fixed(m.recall(), digits)).append(" | ")
        .append(PythonFormat.fixed(m.f1(), digits)).append(" | ").append(m.support())
        .append(" |\n");
  }

  /** The report as JSON: every number at full precision, as scikit-learn's output_dict. */
  public ObjectNode json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode rows = root.putArray("classes");
    for (ClassMetrics m : classes) {
      rows.add(JSON.valueToTree(m));
    }
    root.put("accuracy", accuracy);
    root.put("total", total);
    root.set("macro_avg", JSON.valueToTree(macro));
    root.set("weighted_avg", JSON.valueToTree(weighted));
    ArrayNode w = root.putArray("warnings");
    warnings.forEach(w::add);
    return root;
  }
}
