package org.igkit.runner.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Writes a {@code double} as the shortest decimal that reads back to the same {@code double},
 * laid out exactly as Python's {@code repr(float)} does, so result files are byte-identical for
 * identical numbers on every JVM and look familiar in pandas.
 *
 * <p>Layout: positional between 1e-4 and 1e16 ({@code 0.0001}, {@code 1.5}, {@code 100.0},
 * {@code 1234567890123456.0}), otherwise scientific with a signed two-digit-minimum exponent
 * ({@code 1e-05}, {@code 2.5e+16}). Zero is {@code 0.0} or {@code -0.0}; non-finite values are
 * {@code NaN}, {@code Infinity}, {@code -Infinity} (pandas and {@link Double#parseDouble} read
 * both). {@link Double#toString} is not used because before JDK 19 it does not always give the
 * shortest digits (JDK-4511638), so two JDKs could write different bytes.
 */
public final class DoubleText {

  private DoubleText() {}

  /** Returns the shortest round-trip decimal of {@code v} in Python {@code repr} layout. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(v).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    // v = 0.d1d2…dn × 10^decpt
    int decpt = digits.length() - shortest.scale();
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      out.append('-');
    }
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        out.append("0.").append("0".repeat(-decpt)).append(digits);
      } else if (decpt >= digits.length()) {
        out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
      } else {
        out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
      }
    } else {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exponent = decpt - 1;
      out.append('e').append(exponent < 0 ? '-' : '+');
      if (Math.abs(exponent) < 10) {
        out.append('0');
      }
      out.append(Math.abs(exponent));
    }
    return out.toString();
  }

  /**
   * Reads a number written by {@link #format}, by {@link Double#toString} or by Python
   * ({@code nan}, {@code inf}, {@code -inf} included).
   *
   * @throws NumberFormatException naming the text when it is not a number
   */
  public static double parse(String text) {
    String t = text.strip();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (!(Character.isDigit(last) || last == '.')) {
      // Double.parseDouble would accept "1d" and "0x1p3"; a results file never holds those.
      throw new NumberFormatException("not a number: '" + text + "'");
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a number: '" + text + "'");
    }
  }

  /** Returns the decimal with the fewest significant digits, closest to v, that reads back as v. */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (readsBackAs(nearest, v)) {
        return nearest;
      }
      // At a power of two the round-trip interval is lopsided: the nearest p-digit decimal can
      // fall outside it on the narrow side while its neighbour on the wide side is inside.
      BigDecimal ulp = nearest.ulp();
      BigDecimal up = nearest.add(ulp);
      BigDecimal down = nearest.subtract(ulp);
      boolean upOk = readsBackAs(up, v);
      boolean downOk = readsBackAs(down, v);
      if (upOk && downOk) {
        return up.subtract(exact).abs().compareTo(down.subtract(exact).abs()) <= 0 ? up : down;
      }
      if (upOk) {
        return up;
      }
      if (downOk) {
        return down;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static boolean readsBackAs(BigDecimal candidate, double v) {
    return candidate.signum() != 0 && Double.parseDouble(candidate.toString()) == v;
  }
}
