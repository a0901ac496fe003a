package org.igkit.metrics.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.compute.ComputeBackend;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.CurveKernels;
import org.igkit.api.image.RankedComposite;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;

/**
 * Scores the images of a perturbation curve in batches and integrates the curve.
 *
 * <p>Point i is {@link RankedComposite#compose}(base, donor, order, k_i). The counts k_i are
 * non-decreasing, so the points are built one from the next: a working image takes the positions
 * order[k_{i−1}..k_i) from the donor and each point is a copy of it, made directly as the array
 * the model is given (one copy per point, and the work of the masks is one pass over the
 * positions for the whole curve). Points are built batch by batch, so memory is O(batchSize)
 * images, and as many fractions as the batch size allows go into one model call. Scores are the
 * model's explained output of the attribution's target
 * ({@link org.igkit.api.model.ModelFunction#scores}).
 */
public final class PerturbationCurve {

  private PerturbationCurve() {}

  /**
   * Returns f_c of every point of the curve.
   *
   * @throws MetricException when the model answers a non-finite score or the wrong count
   */
  public static double[] scores(CheckedInput in, float[] base, float[] donor, int[] order, int[] counts) {
    return scores(in, base, donor, order, counts, ComputeBackends.get());
  }

  /** {@link #scores(CheckedInput, float[], float[], int[], int[])} on {@code backend}. */
  static double[] scores(CheckedInput in, float[] base, float[] donor, int[] order, int[] counts,
      ComputeBackend backend) {
    double[] out = new double[counts.length];
    int b = in.batchSize();
    int channels = in.shape().channels();
    int pixels = in.shape().pixels();
    int size = in.shape().size();
    // On the host each image is built from the one before (one pass over the pixels in all); an
    // offloading backend builds a batch at once with its composite kernel. The images are equal.
    boolean batched = backend.offloads();
    int[] rank = batched ? backend.ranks(order) : null;
    float[] images = batched ? new float[Math.min(b, counts.length) * size] : null;
    float[] image = base.clone();
    int taken = 0;
    for (int start = 0; start < counts.length; start += b) {
      int m = Math.min(b, counts.length - start);
      List<float[]> batch = new ArrayList<>(m);
      if (batched) {
        backend.composites(base, donor, channels, rank, counts, start, m, images);
        for (int i = 0; i < m; i++) {
          batch.add(Arrays.copyOfRange(images, i * size, (i + 1) * size));
        }
      } else {
        for (int i = 0; i < m; i++) {
          int k = counts[start + i];
          if (k < taken) { // counts go down: start again from the base
            image = base.clone();
            taken = 0;
          }
          RankedComposite.take(image, donor, channels, pixels, order, taken, k);
          taken = k;
          batch.add(image.clone());
        }
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
    return CurveKernels.trapezoid(x, y);
  }
}
