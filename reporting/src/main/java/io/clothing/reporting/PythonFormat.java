package io.clothing.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code format(x, '.Nf')}: rounds the exact binary value half-to-even, so 0.125 prints
 * as 0.12 and 1.005 (really 1.00499999999999989...) as 1.00. Java's {@code String.format} rounds
 * a shorter decimal form half-up and differs in such cases.
 */
final class PythonFormat {
  private PythonFormat() {}

  static String fixed(double value, int digits) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Right-aligns {@code s} in {@code width} columns, as {@code '{:>width}'}. */
  static String right(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
