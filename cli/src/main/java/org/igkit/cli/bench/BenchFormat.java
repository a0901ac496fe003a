package org.igkit.cli.bench;

import java.util.Locale;

/** How the bench's figures are written: fixed decimals, signed, scientific, percent; always with a dot. */
final class BenchFormat {

  private BenchFormat() {}

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String signed(double v, int decimals) {
    return String.format(Locale.ROOT, "%+." + decimals + "f", v);
  }

  static String sci(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }
}
