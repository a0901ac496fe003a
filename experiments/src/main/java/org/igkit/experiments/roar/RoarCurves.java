package org.igkit.experiments.roar;

import java.util.List;

/** The area under a ROAR curve: the trapezoid rule over the ratios (lower is better), as {@code numpy.trapz(acc, r)}. */
public final class RoarCurves {

  private RoarCurves() {}

  /**
   * Returns Σ_i (r_{i+1} − r_i)·(a_i + a_{i+1})/2 over ratios in increasing order; 0 for a single
   * ratio.
   *
   * @throws IllegalArgumentException when the lists differ in length, are empty, or the ratios do
   *                                  not increase strictly
   */
  public static double area(List<Double> ratios, List<Double> accuracies) {
    if (ratios.size() != accuracies.size() || ratios.isEmpty()) {
      throw new IllegalArgumentException(ratios.size() + " ratios but " + accuracies.size() + " accuracies; need as many, at least one");
    }
    checkIncreasing(ratios);
    double area = 0;
    for (int i = 0; i + 1 < ratios.size(); i++) {
      area += (ratios.get(i + 1) - ratios.get(i)) * (accuracies.get(i) + accuracies.get(i + 1)) / 2;
    }
    return area;
  }

  /** Checks that every ratio is in (0, 1) and larger than the one before. */
  public static List<Double> checkIncreasing(List<Double> ratios) {
    for (int i = 0; i < ratios.size(); i++) {
      PixelRemoval.checkRatio(ratios.get(i));
      if (i > 0 && ratios.get(i) <= ratios.get(i - 1)) {
        throw new IllegalArgumentException("ratios: must increase strictly, but " + ratios.get(i) + " follows "
            + ratios.get(i - 1) + " (position " + (i + 1) + ")");
      }
    }
    return List.copyOf(ratios);
  }
}
