package org.igkit.metrics.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.metric.Reattribution;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.metrics.LinearTestModel;
import org.igkit.metrics.MetricException;
import org.igkit.testkit.EqualWeightsAggregator;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.ReferenceStraightPath;
import org.junit.jupiter.api.Test;

/**
 * Model randomisation and random logit on a two-layer linear model whose IG maps are closed forms
 * (x ⊙ Wᵀ V_c), compared through Spearman and SSIM implemented here independently.
 */
class SanityMetricsTest {

  private static final Shape SHAPE = Shape.of(1, 6, 6);
  private static final int N = 36;
  private static final int H = 3;
  private static final AttributionMethod IG = new AttributionMethod("IG", FixedBaselineSampler.constants(0f),
      new ReferenceStraightPath(), new ReferenceMidpointStepRule(2), new EqualWeightsAggregator());
  private static final RandomSource METRICS = RandomSource.of(11).derive("metrics");

  private final float[] x = new float[N];
  private final TwoLayerLinearModel model;

  SanityMetricsTest() {
    SplittableRandom g = new SplittableRandom(3);
    for (int i = 0; i < N; i++) {
      x[i] = (float) (0.1 + g.nextDouble());
    }
    double[][] w = new double[H][N];
    for (double[] row : w) {
      for (int i = 0; i < N; i++) {
        row[i] = g.nextDouble() * 2 - 1;
      }
    }
    model = new TwoLayerLinearModel(SHAPE, w, new double[][] {{1, -0.5, 2}, {-1, 0.3, 0.7}});
  }

  private MetricInput input(ModelFunction m, int target) {
    Attribution a = attribute(m, target);
    Reattribution again = new Reattribution() {
      @Override
      public Attribution attribute(int draw) {
        throw new AssertionError("not a stability metric");
      }

      @Override
      public Attribution attribute(ModelFunction other, int otherTarget) {
        return SanityMetricsTest.this.attribute(other, otherTarget);
      }
    };
    return new MetricInput(m, x, a, null, 4, again, METRICS);
  }

  private Attribution attribute(ModelFunction m, int target) {
    return AttributionEngine.attribute(m, IG, x, target, RandomSource.of(1), EngineOptions.batchSize(4));
  }

  /** The closed-form IG map |x ⊙ Wᵀ V_c| (absolute) or x ⊙ Wᵀ V_c. */
  private double[] map(TwoLayerLinearModel m, int c, boolean absolute) {
    double[] g = m.gradient(c);
    double[] out = new double[N];
    for (int i = 0; i < N; i++) {
      double v = x[i] * g[i];
      out[i] = absolute ? Math.abs(v) : v;
    }
    return out;
  }

  // ---- independent reference similarities ------------------------------------------------------

  /** Spearman by 1 − 6 Σ d² / (n (n² − 1)): valid without ties (asserted). */
  private static double spearmanNoTies(double[] a, double[] b) {
    double[] ra = ranksNoTies(a);
    double[] rb = ranksNoTies(b);
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    double n = a.length;
    return 1 - 6 * d2 / (n * (n * n - 1));
  }

  private static double[] ranksNoTies(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      int below = 0;
      for (int j = 0; j < a.length; j++) {
        assertThat(j == i || a[j] != a[i]).as("no ties").isTrue();
        below += a[j] < a[i] ? 1 : 0;
      }
      r[i] = below + 1;
    }
    return r;
  }

  /** SSIM of two 6×6 maps after min–max scaling: 5×5 windows, two-pass sample moments. */
  private static double ssimReference(double[] a, double[] b) {
    double[] p = scaled(a);
    double[] q = scaled(b);
    double total = 0;
    for (int cy = 2; cy <= 3; cy++) {
      for (int cx = 2; cx <= 3; cx++) {
        List<double[]> win = new ArrayList<>();
        for (int y = cy - 2; y <= cy + 2; y++) {
          for (int xx = cx - 2; xx <= cx + 2; xx++) {
            win.add(new double[] {p[y * 6 + xx], q[y * 6 + xx]});
          }
        }
        double mp = win.stream().mapToDouble(t -> t[0]).average().orElseThrow();
        double mq = win.stream().mapToDouble(t -> t[1]).average().orElseThrow();
        double vp = win.stream().mapToDouble(t -> (t[0] - mp) * (t[0] - mp)).sum() / 24;
        double vq = win.stream().mapToDouble(t -> (t[1] - mq) * (t[1] - mq)).sum() / 24;
        double cpq = win.stream().mapToDouble(t -> (t[0] - mp) * (t[1] - mq)).sum() / 24;
        double c1 = 1e-4;
        double c2 = 9e-4;
        total += (2 * mp * mq + c1) * (2 * cpq + c2) / ((mp * mp + mq * mq + c1) * (vp + vq + c2));
      }
    }
    return total / 4;
  }

  private static double[] scaled(double[] a) {
    double lo = java.util.Arrays.stream(a).min().orElseThrow();
    double hi = java.util.Arrays.stream(a).max().orElseThrow();
    return java.util.Arrays.stream(a).map(v -> (v - lo) / (hi - lo)).toArray();
  }

  // ---- the similarities themselves ---------------------------------------------------------------

  @Test
  void spearmanAveragesTiedRanksAndSsimIsOneOnlyForEqualMaps() {
    // x = 1 2 3 4 5, y = 5 6 7 8 7: y's ranks 1 2 3.5 5 3.5; Pearson of ranks by hand = 0.7/√(1·0.9)·… :
    double[] rx = {1, 2, 3, 4, 5};
    double[] ry = {1, 2, 3.5, 5, 3.5};
    double cov = 0;
    double vx = 0;
    double vy = 0;
    for (int i = 0; i < 5; i++) {
      cov += (rx[i] - 3) * (ry[i] - 3);
      vx += (rx[i] - 3) * (rx[i] - 3);
      vy += (ry[i] - 3) * (ry[i] - 3);
    }
    assertThat(Similarity.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
        .isCloseTo(cov / Math.sqrt(vx * vy), within(1e-12));
    assertThat(Similarity.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1})).isCloseTo(-1, within(1e-12));
    assertThat(Similarity.spearman(new double[] {1, 2, 3}, new double[] {2, 2, 2})).isZero();
    double[] a = map(model, 0, true);
    double[] b = map(model, 1, true);
    assertThat(Similarity.SSIM.of(toFloat(a), toFloat(a), SHAPE, false)).isCloseTo(1, within(1e-12));
    assertThat(Similarity.SSIM.of(toFloat(a), toFloat(b), SHAPE, false)).isCloseTo(ssimReference(a, b), within(1e-6));
    assertThat(Similarity.SPEARMAN.of(toFloat(a), toFloat(b), SHAPE, false)).isCloseTo(spearmanNoTies(a, b), within(1e-9));
  }

  // ---- model randomisation -----------------------------------------------------------------------

  @Test
  void cascadingRandomisationComparesWithTheClosedFormMapsOfTheRedrawnModels() {
    long seed = METRICS.derive("model-randomisation").seed();
    TwoLayerLinearModel top = (TwoLayerLinearModel) model.withRandomised(List.of("output"), seed);
    TwoLayerLinearModel both = (TwoLayerLinearModel) model.withRandomised(List.of("output", "hidden"), seed);
    double[] original = map(model, 0, true);
    MetricValue v = new ModelRandomisationMetric(ModelRandomisationMetric.Spec.defaults()).evaluate(input(model, 0));
    assertThat(v.curveX()).containsExactly(1, 2);
    assertThat(v.curveY()[0]).isCloseTo(spearmanNoTies(original, map(top, 0, true)), within(1e-6));
    assertThat(v.curveY()[1]).isCloseTo(spearmanNoTies(original, map(both, 0, true)), within(1e-6));
    assertThat(v.value()).isCloseTo((v.curveY()[0] + v.curveY()[1]) / 2, within(1e-12));
    assertThat(v.curveY()[1]).isLessThan(0.9); // re-drawing changed the map
  }

  @Test
  void independentRandomisationRedrawsOneLayerAtATimeAndSsimFollowsItsDefinition() {
    long seed = METRICS.derive("model-randomisation").seed();
    TwoLayerLinearModel hidden = (TwoLayerLinearModel) model.withRandomised(List.of("hidden"), seed);
    TwoLayerLinearModel top = (TwoLayerLinearModel) model.withRandomised(List.of("output"), seed);
    double[] original = map(model, 1, false);
    MetricValue v = new ModelRandomisationMetric(new ModelRandomisationMetric.Spec("independent", "ssim", false, null))
        .evaluate(input(model, 1));
    assertThat(v.curveY()[0]).isCloseTo(ssimReference(original, map(top, 1, false)), within(1e-6));
    assertThat(v.curveY()[1]).isCloseTo(ssimReference(original, map(hidden, 1, false)), within(1e-6));
    MetricValue one = new ModelRandomisationMetric(new ModelRandomisationMetric.Spec("independent", "ssim", false, 1))
        .evaluate(input(model, 1));
    assertThat(one.curveY()).containsExactly(v.curveY()[0]);
  }

  @Test
  void aModelWithoutAccessibleLayersIsRefusedByName() {
    LinearTestModel plain = LinearTestModel.linear(SHAPE, new float[N]);
    MetricInput in = new MetricInput(plain, x, attribute(model, 0), null, 4, d -> null, METRICS);
    assertThatThrownBy(() -> new ModelRandomisationMetric(ModelRandomisationMetric.Spec.defaults()).evaluate(in))
        .isInstanceOf(MetricException.class).hasMessageContaining("model-randomisation").hasMessageContaining("djl-block");
    assertThatThrownBy(() -> new ModelRandomisationMetric.Spec("top-down", null, null, null)).hasMessageContaining("order");
  }

  // ---- random logit ------------------------------------------------------------------------------

  @Test
  void randomLogitOfTwoClassesComparesWithTheOtherClassesClosedFormMap() {
    double[] m0 = map(model, 0, false);
    double[] m1 = map(model, 1, false);
    MetricValue signed = new RandomLogitMetric(new RandomLogitMetric.Spec("spearman", false)).evaluate(input(model, 0));
    assertThat(signed.value()).isCloseTo(spearmanNoTies(m0, m1), within(1e-6));
    MetricValue ssim = new RandomLogitMetric(new RandomLogitMetric.Spec("ssim", true)).evaluate(input(model, 1));
    assertThat(ssim.value()).isCloseTo(ssimReference(map(model, 1, true), map(model, 0, true)), within(1e-6));
  }

  @Test
  void theOtherClassIsNeverTheTargetAndCoversTheRest() {
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int s = 0; s < 200; s++) {
      int c = RandomLogitMetric.otherClass(RandomSource.of(s), 2, 5);
      assertThat(c).isBetween(0, 4).isNotEqualTo(2);
      seen.add(c);
    }
    assertThat(seen).containsExactly(0, 1, 3, 4);
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
