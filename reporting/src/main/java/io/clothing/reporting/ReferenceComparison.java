package io.clothing.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a model's metrics compare with {@link ReferenceMetrics}: one line per checked metric, each
 * met when {@code actual >= target - tolerance}, and an overall verdict. Build tools fail when
 * {@link #passed()} is false. Immutable and thread-safe.
 */
public final class ReferenceComparison {
  private final ReferenceMetrics reference;
  private final List<Check> checks;

  private ReferenceComparison(ReferenceMetrics reference, List<Check> checks) {
    this.reference = reference;
    this.checks = List.copyOf(checks);
  }

  /**
   * One compared metric.
   *
   * @param subject a class name, or {@code overall}
   * @param metric {@code precision}, {@code recall}, {@code f1} or {@code accuracy}
   * @param actual the model's value
   * @param target the reference's value
   * @param met whether {@code actual >= target - tolerance}
   */
  public record Check(String subject, String metric, double actual, double target, boolean met) {}

  /**
   * Compares {@code report} with {@code reference}.
   *
   * @throws IllegalArgumentException if the reference names a class the report lacks
   */
  public static ReferenceComparison of(ClassificationReport report, ReferenceMetrics reference) {
    List<Check> checks = new ArrayList<>();
    double tolerance = reference.tolerance();
    if (reference.accuracy() != null) {
      checks.add(check("overall", "accuracy", report.accuracy(), reference.accuracy(),
          tolerance));
    }
    for (Map.Entry<String, ReferenceMetrics.Target> e : reference.classes().entrySet()) {
      ClassMetrics m = report.classes().stream().filter(c -> c.name().equals(e.getKey()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("the reference names "
              + "class '" + e.getKey() + "', which the report does not have"));
      ReferenceMetrics.Target t = e.getValue();
      if (t.precision() != null) {
        checks.add(check(m.name(), "precision", m.precision(), t.precision(), tolerance));
      }
      if (t.recall() != null) {
        checks.add(check(m.name(), "recall", m.recall(), t.recall(), tolerance));
      }
      if (t.f1() != null) {
        checks.add(check(m.name(), "f1", m.f1(), t.f1(), tolerance));
      }
    }
    return new ReferenceComparison(reference, checks);
  }

  private static Check check(String subject, String metric, double actual, double target,
      double tolerance) {
    return new Check(subject, metric, actual, target, actual >= target - tolerance - 1e-12);
  }

  /** The reference compared with. */
  public ReferenceMetrics reference() {
    return reference;
  }

  /** Every compared metric, overall first; unmodifiable. */
  public List<Check> checks() {
    return checks;
  }

  /** The checks that failed; unmodifiable. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.met()).toList();
  }

  /** True when every check is met. */
  public boolean passed() {
    return checks.stream().allMatch(Check::met);
  }

  /** A text table of every check with the verdict, for terminals and build logs. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Comparison with reference '%s' (tolerance %.3f):%n",
        reference.name(), reference.tolerance()));
    out.append(String.format("  %-14s %-9s %8s %8s  %s%n", "subject", "metric", "model",
        "target", "result"));
    for (Check c : checks) {
      out.append(String.format("  %-14s %-9s %8.4f %8.4f  %s%n", c.subject(), c.metric(),
          c.actual(), c.target(), c.met() ? "ok" : "BELOW"));
    }
    out.append(passed() ? "Verdict: meets the reference.\n"
        : String.format("Verdict: FALLS SHORT of the reference in %d of %d checks.%n",
            failures().size(), checks.size()));
    return out.toString();
  }
}
