package org.igkit.metrics.perturbation;

import org.igkit.api.image.RankedComposite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * Scores the images of a perturbation curve in batches and integrates the curve.
 *
 * <p>Point i is {@link RankedComposite#compose}(base, donor, order, k_i); the points are built
 * lazily, batch by batch, so memory is O(batchSize) images, and as many fractions as the batch
 * size allows go into one model call. Scores are the model's explained output of the
 * attribution's target ({@link org.igkit.api.model.ModelFunction#scores}).
 */
public final class PerturbationCurve {

  private PerturbationCurve() {}

  /**
   * Returns f_c of every point of the curve.
   *
   * @throws MetricException when the model answers a non-finite score or the wrong count
   */
  public static double[] scores(CheckedInput in, float[] base, float[] donor, int[] order, int[] counts) {
    double[] out = new double[counts.length];
    int b = in.batchSize();
    for (int start = 0; start < counts.length; start += b) {
      int m = Math.min(b, counts.length - start);
      List<float[]> batch = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        batch.add(RankedComposite.compose(base, donor, in.shape(), order, counts[start + i]));
      }
      int[] targets = new int[m];
      Arrays.fill(targets, in.target());
      float[] s = in.model().scores(batch, targets);
      if (s == null || s.length != m) {
        throw new MetricException(
            in.metric() + ": the model answered " + (s == null ? "no" : s.length) + " scores for a batch of " + m);
      }
      for (int i = 0; i < m; i++) {
        if (!Float.isFinite(s[i])) {
          throw new MetricException(
              in.metric() + ": the model's score of class " + in.target() + " is " + s[i] + " with "
                  + counts[start + i] + " positions perturbed (curve point " + (start + i) + ")");
        }
        out[start + i] = s[i];
      }
    }
    return out;
  }

  /** Returns the trapezoid area Σ (x_{i+1} − x_i)(y_i + y_{i+1})/2 under the curve. */
  public static double trapezoid(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("curve has " + x.length + " x values but " + y.length + " y values");
    }
    double area = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      area += (x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2;
    }
    return area;
  }
}
