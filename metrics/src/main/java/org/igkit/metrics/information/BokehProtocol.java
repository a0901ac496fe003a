package org.igkit.metrics.information;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.CurveKernels;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.Shape;
import org.igkit.api.stats.Moments;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;
import org.igkit.metrics.perturbation.FractionGrid;

/**
 * The bokeh-image protocol that {@link SicMetric} and {@link AicMetric} share (XRAI's performance
 * information curves, Kapishnikov et al., ICCV 2019; as the IDGI paper runs them, §4.4–4.5).
 * One instance holds one metric's settings; {@link #points} makes a sample's curve and
 * {@link #aggregate} the data set's.
 *
 * @param metric      the metric id, for messages
 * @param thresholds  T, the number of bokeh images (IDGI: 25)
 * @param blurSigma   σ of the Gaussian base in pixels (IDGI: Pillow radius 20, which is σ)
 * @param information how the information level is measured
 * @param codec       the lossless codec of {@link InformationLevel#COMPRESSION}
 * @param ranking     how pixels are ranked
 * @param bins        B, the number of information-level bins (IDGI: 100)
 * @param monotone    whether a sample's y values are replaced by their running maximum
 * @param valueMin    the image value quantised to 0
 * @param valueMax    the image value quantised to 255
 */
record BokehProtocol(
    String metric,
    int thresholds,
    double blurSigma,
    InformationLevel information,
    Codec codec,
    Ranking ranking,
    int bins,
    boolean monotone,
    double valueMin,
    double valueMax) {

  /** What the model said about each bokeh image, in threshold order. */
  record Points(double[] levels, double[] targetScores, int[] predicted) {}

  /**
   * Builds the T bokeh images of one sample in batches and returns their information levels and
   * model outputs, or {@code null} when the sample cannot be scored (its input compresses no
   * larger than its blurred base).
   */
  Points points(MetricInput input) {
    CheckedInput in = CheckedInput.of(metric, input, true);
    Shape shape = in.shape();
    float[] x = in.image();
    FractionGrid grid = FractionGrid.of(thresholds - 1, shape.pixels());
    int[] counts = grid.counts();
    int[] rank = ComputeBackends.get().ranks(ranking.order(in.map(), shape));
    float[] base = GaussianBlur.blur(x, shape, blurSigma, GaussianBlur.Padding.REFLECT);

    long sizeX = 0;
    long sizeBase = 0;
    if (information == InformationLevel.COMPRESSION) {
      sizeX = codec.size(Codec.quantise(x, shape, valueMin, valueMax), shape);
      sizeBase = codec.size(Codec.quantise(base, shape, valueMin, valueMax), shape);
      if (sizeX <= sizeBase) {
        return null;
      }
    } else if (MsSsim.scales(shape.height(), shape.width()) == 0) {
      throw new MetricException(
          metric + ": information: ms-ssim needs images of at least 11×11 pixels, these are "
              + shape.height() + "×" + shape.width() + "; use information: compression");
    }

    double[] levels = new double[thresholds];
    double[] scores = new double[thresholds];
    int[] predicted = new int[thresholds];
    int size = shape.size();
    int b = in.batchSize();
    float[] images = new float[Math.min(b, thresholds) * size];
    for (int start = 0; start < thresholds; start += b) {
      int m = Math.min(b, thresholds - start);
      ComputeBackends.get().composites(base, x, shape.channels(), rank, counts, start, m, images);
      List<float[]> batch = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        batch.add(Arrays.copyOfRange(images, i * size, (i + 1) * size));
      }
      float[][] out = in.model().outputs(batch);
      if (out == null || out.length != m) {
        throw new MetricException(
            metric + ": the model answered " + (out == null ? "no" : out.length) + " outputs for a batch of " + m);
      }
      for (int i = 0; i < m; i++) {
        int j = start + i;
        float[] o = out[i];
        for (int c = 0; c < o.length; c++) {
          if (!Float.isFinite(o[c])) {
            throw new MetricException(
                metric + ": the model's output of class " + c + " is " + o[c] + " on bokeh image " + j
                    + " (" + counts[j] + " of " + shape.pixels() + " pixels restored)");
          }
        }
        predicted[j] = Argmax.of(o);
        scores[j] = o[in.target()];
        levels[j] = level(batch.get(i), x, shape, sizeBase, sizeX);
      }
    }
    return new Points(levels, scores, predicted);
  }

  private double level(float[] bokeh, float[] x, Shape shape, long sizeBase, long sizeX) {
    double l = information == InformationLevel.COMPRESSION
        ? (double) (codec.size(Codec.quantise(bokeh, shape, valueMin, valueMax), shape) - sizeBase) / (sizeX - sizeBase)
        : MsSsim.of(bokeh, x, shape, valueMin, valueMax);
    return l < 0 ? 0 : l > 1 ? 1 : l;
  }

  /** Returns the bin centres c_b = (b + 1/2)/B, b = 0…B−1. */
  double[] centres() {
    double[] c = new double[bins];
    for (int i = 0; i < bins; i++) {
      c[i] = (i + 0.5) / bins;
    }
    return c;
  }

  /**
   * Returns a sample's value: its curve (levels → y, threshold order, after the optional running
   * maximum) and, as the value, the mean of the curve interpolated at the bin centres.
   */
  MetricValue sampleValue(double[] levels, double[] y) {
    double[] ys = y.clone();
    if (monotone) {
      for (int j = 1; j < ys.length; j++) {
        ys[j] = Math.max(ys[j], ys[j - 1]);
      }
    }
    double[] at = interpolated(List.of(levels), List.of(ys));
    return new MetricValue(Moments.mean(at, 0, bins), levels.clone(), ys);
  }

  /** The value of a sample that cannot be scored: NaN, no curve. */
  static MetricValue unscored() {
    return MetricValue.of(Double.NaN);
  }

  /**
   * Aggregates per-sample curves: each is interpolated at the B bin centres, the B columns are
   * combined over samples by the mean ({@code median == false}) or the median, and the value is
   * the mean of the B aggregated values (the area under the aggregated curve by the midpoint
   * rule over bins of width 1/B).
   */
  DatasetValue aggregate(List<MetricValue> perSample, boolean median) {
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (MetricValue v : perSample) {
      if (Double.isNaN(v.value())) {
        continue;
      }
      if (v.curveX().length == 0) {
        throw new IllegalArgumentException(metric + ": a per-sample value has no curve to aggregate");
      }
      xs.add(v.curveX());
      ys.add(v.curveY());
    }
    double[] centres = centres();
    if (xs.isEmpty()) {
      return new DatasetValue(Double.NaN, 0, centres, filled(Double.NaN));
    }
    double[] at = interpolated(xs, ys);
    double[] agg = new double[bins];
    if (median) {
      CurveKernels.columnMedians(at, xs.size(), bins, agg);
    } else {
      CurveKernels.columnMeans(at, xs.size(), bins, agg);
    }
    return new DatasetValue(Moments.mean(agg, 0, bins), xs.size(), centres, agg);
  }

  /** Interpolates every curve at the bin centres: a samples×B matrix, row-major. */
  private double[] interpolated(List<double[]> xs, List<double[]> ys) {
    int n = xs.get(0).length;
    int curves = xs.size();
    double[] px = new double[curves * n];
    double[] py = new double[curves * n];
    for (int j = 0; j < curves; j++) {
      if (xs.get(j).length != n || ys.get(j).length != n) {
        throw new IllegalArgumentException(
            metric + ": per-sample curves differ in length (" + n + " and " + xs.get(j).length
                + " points); aggregate values of one metric configuration only");
      }
      System.arraycopy(xs.get(j), 0, px, j * n, n);
      System.arraycopy(ys.get(j), 0, py, j * n, n);
    }
    CurveKernels.sortByX(px, py, curves, n);
    double[] out = new double[curves * bins];
    CurveKernels.interpolate(px, py, curves, n, centres(), out);
    return out;
  }

  private double[] filled(double v) {
    double[] a = new double[bins];
    Arrays.fill(a, v);
    return a;
  }
}
