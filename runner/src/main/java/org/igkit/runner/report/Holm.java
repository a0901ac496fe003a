package org.igkit.runner.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for multiple comparisons (S. Holm, "A Simple Sequentially
 * Rejective Multiple Test Procedure", Scand. J. Statist. 6, 1979): with the m defined p-values
 * sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is
 * max_{j ≤ i} min(1, (m − j + 1) · p₍ⱼ₎). It controls the family-wise error rate at the nominal
 * level under any dependence between the tests. NaN entries (tests not done) are neither counted
 * in m nor adjusted; they stay NaN.
 */
public final class Holm {

  private Holm() {}

  /** Returns the Holm-adjusted p-values, in the order of {@code p}. */
  public static double[] adjust(double[] p) {
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    int m = order.length;
    double running = 0;
    for (int k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
      out[order[k]] = running;
    }
    return out;
  }
}
