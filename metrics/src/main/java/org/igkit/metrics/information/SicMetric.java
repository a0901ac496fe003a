package org.igkit.metrics.information;

import java.util.List;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;

/**
 * Softmax Information Curve (Kapishnikov et al., "XRAI: Better Attributions Through Regions",
 * ICCV 2019; as the IDGI paper runs it, Yang et al., CVPR 2023, §4.4, and with MS-SSIM as the
 * information level, §4.5): the model's normalised confidence as a function of how much
 * information the top-ranked pixels put back into a blurred image. A data-set metric. Higher is
 * better.
 *
 * <p>Protocol, per sample (x, attribution A of class c):
 *
 * <ol>
 *   <li>Base = x blurred with a Gaussian of σ = {@code blurSigma} pixels (default 20: the IDGI
 *       paper's Pillow {@code GaussianBlur(radius=20)}, whose radius is σ), borders reflected,
 *       kernel truncated at 4σ.
 *   <li>Rank the H·W positions by Σ_c |A| ({@code ranking: absolute}, default — XRAI's grey-scale
 *       maps) or Σ_c A, largest first, ties by lower index.
 *   <li>For t_j = j/(T−1), j = 0…T−1 (T = {@code thresholds}, default 25, both ends included),
 *       k_j = round(t_j·H·W) half up; bokeh image j = the base with its top k_j positions, in
 *       every channel, taken from x. Image 0 is the base, image T−1 is x.
 *   <li>Information level L_j of each bokeh image ({@code information}): {@code compression}
 *       (default) = (s(bokeh) − s(base)) / (s(x) − s(base)) clamped to [0, 1], s = size of the
 *       {@code codec} encoding ({@code png} default, or {@code deflate}; XRAI used lossless WebP,
 *       which the JDK lacks) of the image quantised to 8 bits over [{@code valueMin},
 *       {@code valueMax}]; if s(x) ≤ s(base) the sample is not scored (value NaN, no curve, left
 *       out of the aggregate, as XRAI skips it). {@code ms-ssim} = {@link MsSsim}(bokeh, x)
 *       clamped to [0, 1].
 *   <li>y_j = f_c(bokeh_j) / f_c(x), the model's explained output (softmax probability by
 *       default) of class c, relative to the input's; f_c(x) ≤ 0 is an error. Not clamped. With
 *       {@code monotone: true}, y_j is replaced by max(y_0…y_j) (XRAI's {@code keep_monotonous}).
 *   <li>The sample's curve is (L_j, y_j) in threshold order; it is evaluated at the bin centres
 *       c_b = (b + ½)/B, b = 0…B−1 (B = {@code bins}, default 100) by linear interpolation
 *       between its points sorted by L (ties keep threshold order, the last of equal L counts;
 *       constant beyond its ends), as XRAI's reference interpolates each image's curve on a
 *       shared axis. Its per-sample value is the mean of those B values.
 * </ol>
 *
 * <p>Data set ({@link #aggregate}): at every bin centre the median over the scored samples of
 * their interpolated y; SIC = the mean of the B medians (the area under the median curve, by the
 * midpoint rule over bins of width 1/B). The aggregated curve is kept.
 */
public final class SicMetric implements DatasetMetric {

  /**
   * @param thresholds  T, the number of bokeh images, both ends included (default 25)
   * @param blurSigma   σ of the blurred base in pixels (default 20)
   * @param information {@code compression} (default) or {@code ms-ssim}
   * @param codec       {@code png} (default) or {@code deflate}, for {@code compression}
   * @param ranking     {@code absolute} (default) or {@code signed}
   * @param bins        B, the number of information-level bins (default 100)
   * @param monotone    replace y by its running maximum over thresholds (default false)
   * @param valueMin    image value quantised to 0 and scaled to 0 for MS-SSIM (default 0)
   * @param valueMax    image value quantised to 255 and scaled to 1 for MS-SSIM (default 1)
   */
  public record Spec(
      Integer thresholds,
      Double blurSigma,
      String information,
      String codec,
      String ranking,
      Integer bins,
      Boolean monotone,
      Double valueMin,
      Double valueMax) {
    /** Fills defaults and validates. */
    public Spec {
      thresholds = Checks.atLeast("thresholds", 2, thresholds == null ? 25 : thresholds);
      blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 20.0 : blurSigma);
      information = Checks.kebab(Checks.option("information", InformationLevel.class, information, InformationLevel.COMPRESSION));
      codec = Checks.kebab(Checks.option("codec", Codec.class, codec, Codec.PNG));
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.ABSOLUTE));
      bins = Checks.atLeast("bins", 1, bins == null ? 100 : bins);
      monotone = monotone != null && monotone;
      valueMin = valueMin == null ? 0.0 : valueMin;
      valueMax = valueMax == null ? 1.0 : valueMax;
      if (!Double.isFinite(valueMin) || !Double.isFinite(valueMax) || !(valueMax > valueMin)) {
        throw new IllegalArgumentException(
            "valueMax: must be finite and > valueMin, was valueMin = " + valueMin + ", valueMax = " + valueMax);
      }
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null, null, null, null);
    }

    BokehProtocol protocol(String id) {
      return new BokehProtocol(
          id, thresholds, blurSigma,
          Checks.option("information", InformationLevel.class, information, null),
          Checks.option("codec", Codec.class, codec, null),
          Checks.option("ranking", Ranking.class, ranking, null),
          bins, monotone, valueMin, valueMax);
    }
  }

  /** The plugin id. */
  public static final String ID = "sic";

  /** The plugin registration. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(
          Metric.class,
          ID,
          Spec.class,
          SicMetric::new,
          "softmax information curve: median f_c(bokeh)/f_c(x) per information-level bin over the data set, area (higher is better; data-set metric)");

  private final BokehProtocol protocol;

  /** Creates the metric from its spec. */
  public SicMetric(Spec spec) {
    this.protocol = spec.protocol(ID);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    BokehProtocol.Points p = protocol.points(input);
    if (p == null) {
      return BokehProtocol.unscored();
    }
    double full = p.targetScores()[p.targetScores().length - 1];
    if (!(full > 0)) {
      throw new MetricException(
          ID + ": divides by f_c(x), but the model scores the input " + full + " for class "
              + input.attribution().target() + "; use a model with output: probability");
    }
    double[] y = new double[p.targetScores().length];
    for (int j = 0; j < y.length; j++) {
      y[j] = p.targetScores()[j] / full;
    }
    return protocol.sampleValue(p.levels(), y);
  }

  @Override
  public DatasetValue aggregate(List<MetricValue> perSample) {
    return protocol.aggregate(perSample, true);
  }
}
