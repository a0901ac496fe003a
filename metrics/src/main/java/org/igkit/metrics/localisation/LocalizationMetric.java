package org.igkit.metrics.localisation;

import org.igkit.api.compute.MapKernels;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.metrics.CheckedInput;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.Ranking;

/**
 * Weakly supervised localisation (Yang et al., IDGI, CVPR 2023, §4.6, after Cong et al. 2018 and
 * Kapishnikov et al., XRAI 2019): how well an attribution map separates the pixels of an annotated
 * object from the rest. No model calls. Three plugins share this class, one per measure, so an
 * experiment (which lists each metric id once) can report all three:
 *
 * <ul>
 *   <li>{@code localization}: ROC-AUC (higher is better);
 *   <li>{@code localization-f1}: best F1 over thresholds (higher is better);
 *   <li>{@code localization-mae}: MAE of the min-max-normalised map (lower is better).
 * </ul>
 *
 * <p>Protocol, exactly:
 *
 * <ol>
 *   <li>Score per position s(y, x) = Σ_c |A(c, y, x)| ({@code ranking: absolute}, default) or
 *       Σ_c A(c, y, x) ({@code signed}), accumulated in double precision.
 *   <li>Positives ({@code groundTruth}): {@code mask} (default) = positions whose mask value is
 *       &gt; 0.5; {@code box} = every position of the tightest box around them ({@link
 *       GroundTruth}). Everything else is negative. An empty mask is an error; so is, for
 *       ROC-AUC, a ground truth that covers the whole image.
 *   <li>ROC-AUC: exact and rank-based with ties sharing their mean rank ({@link
 *       LocalizationMeasures#rocAuc}): a map equal to the mask scores 1, its inverse 0, a map
 *       independent of the mask about ½.
 *   <li>F1: the best 2TP/(2TP + FP + FN) over the thresholds "s ≥ t", t every distinct score
 *       ({@link LocalizationMeasures#bestF1}).
 *   <li>MAE: mean |ŝ − m| with ŝ = (s − min s)/(max s − min s), 0 for a constant map, and m the
 *       0/1 ground truth ({@link LocalizationMeasures#mae}); no threshold.
 * </ol>
 */
public final class LocalizationMetric implements Metric {

  /** Which number the plugin reports. */
  public enum Measure {
    /** Exact ROC-AUC. */
    ROC_AUC,
    /** Best F1 over thresholds. */
    F1,
    /** Mean absolute error of the min-max-normalised map. */
    MAE
  }

  /**
   * @param groundTruth {@code mask} (default) or {@code box}
   * @param ranking     {@code absolute} (default: Σ_c |A|) or {@code signed} (Σ_c A)
   */
  public record Spec(String groundTruth, String ranking) {
    /** Fills defaults and validates. */
    public Spec {
      groundTruth = Checks.kebab(Checks.option("groundTruth", GroundTruth.class, groundTruth, GroundTruth.MASK));
      ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.ABSOLUTE));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null);
    }
  }

  /** The id of the ROC-AUC plugin. */
  public static final String ID = "localization";
  /** The id of the best-F1 plugin. */
  public static final String F1_ID = "localization-f1";
  /** The id of the MAE plugin. */
  public static final String MAE_ID = "localization-mae";

  /** The ROC-AUC plugin. */
  public static final PluginType<Metric> TYPE =
      PluginType.of(Metric.class, ID, Spec.class, s -> new LocalizationMetric(s, Measure.ROC_AUC),
          "ROC-AUC of the channel-summed |map| against the ground-truth mask or box (higher is better; needs masks)", Capability.NEEDS_MASKS);
  /** The best-F1 plugin. */
  public static final PluginType<Metric> F1_TYPE =
      PluginType.of(Metric.class, F1_ID, Spec.class, s -> new LocalizationMetric(s, Measure.F1),
          "best F1 over thresholds of the channel-summed |map| against the ground-truth mask or box (higher is better; needs masks)", Capability.NEEDS_MASKS);
  /** The MAE plugin. */
  public static final PluginType<Metric> MAE_TYPE =
      PluginType.of(Metric.class, MAE_ID, Spec.class, s -> new LocalizationMetric(s, Measure.MAE),
          "mean |min-max-normalised map − ground truth| (lower is better; needs masks)", Capability.NEEDS_MASKS);

  private final GroundTruth groundTruth;
  private final Ranking ranking;
  private final Measure measure;

  /** Creates the metric for {@code measure} from its spec. */
  public LocalizationMetric(Spec spec, Measure measure) {
    this.groundTruth = Checks.option("groundTruth", GroundTruth.class, spec.groundTruth(), GroundTruth.MASK);
    this.ranking = Checks.option("ranking", Ranking.class, spec.ranking(), Ranking.ABSOLUTE);
    this.measure = measure;
  }

  private String id() {
    return switch (measure) {
      case ROC_AUC -> ID;
      case F1 -> F1_ID;
      case MAE -> MAE_ID;
    };
  }

  @Override
  public boolean higherIsBetter() {
    return measure != Measure.MAE;
  }

  @Override
  public MetricValue evaluate(MetricInput input) {
    String id = id();
    CheckedInput in = CheckedInput.of(id, input, false);
    boolean[] positive = groundTruth.positives(id, in.mask(), in.shape());
    double[] score = MapKernels.spatialSum(in.map(), in.shape().channels(), in.shape().pixels(), ranking == Ranking.ABSOLUTE);
    return MetricValue.of(switch (measure) {
      case ROC_AUC -> {
        double auc = LocalizationMeasures.rocAuc(score, positive);
        if (Double.isNaN(auc)) {
          throw new MetricException(
              id + ": the ground truth (" + Checks.kebab(groundTruth) + ") covers every pixel, so there are no "
                  + "negatives and ROC-AUC is undefined");
        }
        yield auc;
      }
      case F1 -> LocalizationMeasures.bestF1(score, positive);
      case MAE -> LocalizationMeasures.mae(score, positive);
    });
  }
}
