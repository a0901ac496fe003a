package org.igkit.metrics.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.RecordingModel;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

class RoadMetricTest {

  private static final Shape S = Shape.of(1, 8, 8);

  private static Attribution attribution(Shape s, float... values) {
    return new Attribution(s, values, 0, 0, List.of("black"), new double[] {0}, new double[] {1}, null, 0, 0, 0,
        Map.of());
  }

  private static RoadMetric.Spec quiet(List<Double> percentages) {
    return new RoadMetric.Spec(percentages, 0.0, 0.0, null, null, null);
  }

  private static MetricValue run(RoadMetric.Measure m, RoadMetric.Spec spec, RecordingModel model, float[] x,
      Attribution a, RandomSource random) {
    return new RoadMetric(spec, m).evaluate(new MetricInput(model, x, a, null, 4).withRandom(random));
  }

  /** x = 1 on the 2×2 block at rows 3–4, columns 3–4, 0 elsewhere; the model sees only the block. */
  private static float[] blockImage() {
    float[] x = new float[S.size()];
    for (int y = 3; y <= 4; y++) {
      for (int c = 3; c <= 4; c++) {
        x[y * 8 + c] = 1;
      }
    }
    return x;
  }

  private static RecordingModel blockModel() {
    return new RecordingModel(S, 2, p -> {
      double s = p[3 * 8 + 3] + p[3 * 8 + 4] + p[4 * 8 + 3] + p[4 * 8 + 4];
      double z = 1 / (1 + Math.exp(-(4 * s - 8)));
      return new double[] {z, 1 - z};
    });
  }

  /** Saliency falling with the distance from the block (perfect) or rising with it (reversed). */
  private static float[] distanceMap(boolean perfect) {
    float[] a = new float[S.size()];
    for (int p = 0; p < a.length; p++) {
      double d = Math.hypot(p / 8 - 3.5, p % 8 - 3.5) + 0.001 * p;
      a[p] = (float) (perfect ? 10 - d : d);
    }
    return a;
  }

  @Test
  void morfAndLerfOrderAPerfectAndAReversedMapOnAModelBuiltForIt() {
    RandomSource r = RandomSource.of(7);
    RoadMetric.Spec spec = RoadMetric.Spec.defaults();
    float[] x = blockImage();
    double morfGood = run(RoadMetric.Measure.MORF, spec, blockModel(), x, attribution(S, distanceMap(true)), r).value();
    double morfBad = run(RoadMetric.Measure.MORF, spec, blockModel(), x, attribution(S, distanceMap(false)), r).value();
    double lerfGood = run(RoadMetric.Measure.LERF, spec, blockModel(), x, attribution(S, distanceMap(true)), r).value();
    double lerfBad = run(RoadMetric.Measure.LERF, spec, blockModel(), x, attribution(S, distanceMap(false)), r).value();
    // The perfect map removes the block first (k ≥ 6 at p = 0.1: MoRF ≈ σ(−8)) and keeps it in LeRF.
    assertThat(morfGood).isLessThan(0.01);
    assertThat(morfBad).isGreaterThan(0.5);
    assertThat(lerfGood).isGreaterThan(0.9);
    assertThat(lerfBad).isLessThan(lerfGood);
    double gapGood = run(RoadMetric.Measure.GAP, spec, blockModel(), x, attribution(S, distanceMap(true)), r).value();
    assertThat(gapGood).isCloseTo(lerfGood - morfGood, within(1e-12));
    assertThat(new RoadMetric(spec, RoadMetric.Measure.MORF).higherIsBetter()).isFalse();
    assertThat(new RoadMetric(spec, RoadMetric.Measure.LERF).higherIsBetter()).isTrue();
    assertThat(new RoadMetric(spec, RoadMetric.Measure.GAP).higherIsBetter()).isTrue();
  }

  @Test
  void withoutNoiseRemovedPixelsAreTheLinearImputationAndKeptOnesUntouched() {
    float[] x = TestInputs.uniform(3, S.size(), 0, 1);
    float[] a = TestInputs.uniform(4, S.size(), -1, 1);
    RecordingModel model = blockModel();
    run(RoadMetric.Measure.GAP, quiet(List.of(0.25)), model, x, attribution(S, a), RandomSource.of(1));
    // k = 16: rank |A| by hand (no ties in uniform floats), MoRF removes the top 16, LeRF the rest
    Integer[] idx = new Integer[64];
    for (int i = 0; i < 64; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (p, q) -> Double.compare(Math.abs(a[q]), Math.abs(a[p])));
    boolean[] top = new boolean[64];
    for (int i = 0; i < 16; i++) {
      top[idx[i]] = true;
    }
    boolean[] rest = new boolean[64];
    for (int p = 0; p < 64; p++) {
      rest[p] = !top[p];
    }
    double[] morf = LinearImputation.impute(x, S, top);
    double[] lerf = LinearImputation.impute(x, S, rest);
    assertThat(model.images()).hasSize(2);
    for (int p = 0; p < 64; p++) {
      assertThat(model.images().get(0)[p]).as("MoRF pixel %d", p).isEqualTo((float) morf[p]);
      assertThat(model.images().get(1)[p]).as("LeRF pixel %d", p).isEqualTo((float) lerf[p]);
    }
  }

  @Test
  void noiseGoesOnlyOnRemovedElementsWithTheConfiguredSpread() {
    Shape s = Shape.of(2, 40, 40);
    float[] x = TestInputs.uniform(5, s.size(), 0, 1);
    float[] a = TestInputs.uniform(6, s.size(), -1, 1);
    RecordingModel quietModel = new RecordingModel(s, 2, p -> new double[] {1, 0});
    RecordingModel noisyModel = new RecordingModel(s, 2, p -> new double[] {1, 0});
    RandomSource r = RandomSource.of(9);
    new RoadMetric(new RoadMetric.Spec(List.of(0.5), 0.0, 1e-4, null, null, null), RoadMetric.Measure.MORF)
        .evaluate(new MetricInput(quietModel, x, attribution(s, a), null, 4).withRandom(r));
    new RoadMetric(new RoadMetric.Spec(List.of(0.5), 0.01, 1e-4, null, null, null), RoadMetric.Measure.MORF)
        .evaluate(new MetricInput(noisyModel, x, attribution(s, a), null, 4).withRandom(r));
    float[] q = quietModel.images().get(0);
    float[] n = noisyModel.images().get(0);
    double sum = 0;
    double sq = 0;
    int removed = 0;
    for (int i = 0; i < q.length; i++) {
      if (q[i] == x[i] && n[i] == x[i]) {
        continue; // a kept element: untouched in both
      }
      double d = n[i] - q[i];
      sum += d;
      sq += d * d;
      removed++;
    }
    assertThat(removed).isEqualTo(2 * 800); // int(1600 · 0.5) pixels × 2 channels
    double mean = sum / removed;
    double sd = Math.sqrt(sq / removed - mean * mean);
    assertThat(mean).isCloseTo(0, within(5 * 0.01 / Math.sqrt(removed)));
    assertThat(sd).isCloseTo(0.01, within(0.001));
  }

  @Test
  void drawsAreSeededAndSharedByTheThreeMeasures() {
    float[] x = TestInputs.uniform(3, S.size(), 0, 1);
    float[] a = TestInputs.uniform(4, S.size(), -1, 1);
    RoadMetric.Spec spec = new RoadMetric.Spec(null, 0.3, null, null, null, null);
    MetricValue one = run(RoadMetric.Measure.MORF, spec, blockModel(), x, attribution(S, a), RandomSource.of(5));
    MetricValue again = run(RoadMetric.Measure.MORF, spec, blockModel(), x, attribution(S, a), RandomSource.of(5));
    MetricValue other = run(RoadMetric.Measure.MORF, spec, blockModel(), x, attribution(S, a), RandomSource.of(6));
    assertThat(again.curveY()).containsExactly(one.curveY());
    assertThat(other.value()).isNotEqualTo(one.value());
    MetricValue lerf = run(RoadMetric.Measure.LERF, spec, blockModel(), x, attribution(S, a), RandomSource.of(5));
    MetricValue gap = run(RoadMetric.Measure.GAP, spec, blockModel(), x, attribution(S, a), RandomSource.of(5));
    for (int j = 0; j < 9; j++) {
      assertThat(gap.curveY()[j]).isEqualTo(lerf.curveY()[j] - one.curveY()[j]);
    }
    // without a source the spec's seed stands in for one
    RoadMetric seeded = new RoadMetric(new RoadMetric.Spec(null, 0.3, null, null, null, 5L), RoadMetric.Measure.MORF);
    MetricValue fallback = seeded.evaluate(new MetricInput(blockModel(), x, attribution(S, a), null, 4));
    assertThat(fallback.curveY()).containsExactly(one.curveY());
  }

  @Test
  void saliencySumsSignedChannelsBeforeTheMagnitudeUnlessAskedOtherwise() {
    // pixel 0: A = (+3, −3) → |Σ_c A| = 0, Σ_c |A| = 6; pixel 1: (1, 1) → 2 either way; others 0.
    // k = int(4 · 0.25) = 1 pixel removed; in a 1×4 row its neighbours are its left and right.
    Shape s = Shape.of(2, 1, 4);
    float[] x = {1, 9, 3, 4, 5, 9, 7, 8};
    float[] a = {3, 1, 0, 0, -3, 1, 0, 0};
    RecordingModel absOfSum = new RecordingModel(s, 2, p -> new double[] {1, 0});
    new RoadMetric(quiet(List.of(0.25)), RoadMetric.Measure.MORF)
        .evaluate(new MetricInput(absOfSum, x, attribution(s, a), null, 4));
    assertThat(absOfSum.images().get(0)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8); // pixel 1 → mean of 0 and 2
    RecordingModel sumOfAbs = new RecordingModel(s, 2, p -> new double[] {1, 0});
    new RoadMetric(new RoadMetric.Spec(List.of(0.25), 0.0, 0.0, "sum-of-abs", null, null), RoadMetric.Measure.MORF)
        .evaluate(new MetricInput(sumOfAbs, x, attribution(s, a), null, 4));
    assertThat(sumOfAbs.images().get(0)).containsExactly(9, 9, 3, 4, 9, 9, 7, 8); // pixel 0 → its one neighbour
  }

  @Test
  void binaryScoreAndBatching() {
    RecordingModel model = blockModel();
    MetricValue v = new RoadMetric(new RoadMetric.Spec(null, null, null, null, "binary", null), RoadMetric.Measure.GAP)
        .evaluate(new MetricInput(model, blockImage(), attribution(S, distanceMap(true)), null, 4)
            .withRandom(RandomSource.of(2)));
    assertThat(model.batches()).containsExactly(4, 4, 4, 4, 2); // 9 percentages × 2 games
    for (double y : v.curveY()) {
      assertThat(y).isIn(-1.0, 0.0, 1.0);
    }
    assertThat(v.curveX()).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    assertThatThrownBy(() -> new RoadMetric.Spec(List.of(0.2, -0.1), null, null, null, null, null))
        .hasMessageContaining("percentages[1]").hasMessageContaining("-0.1");
    assertThatThrownBy(() -> new RoadMetric.Spec(null, -1.0, null, null, null, null))
        .hasMessageContaining("noise").hasMessageContaining("-1.0");
    assertThatThrownBy(() -> new RoadMetric.Spec(null, null, Double.NaN, null, null, null))
        .hasMessageContaining("saliencyNoise");
    assertThatThrownBy(() -> new RoadMetric.Spec(null, null, null, "abs", null, null))
        .hasMessageContaining("saliency").hasMessageContaining("abs-of-sum");
    assertThatThrownBy(() -> new RoadMetric.Spec(null, null, null, null, "prob", null))
        .hasMessageContaining("score").hasMessageContaining("binary");
    RecordingModel nan = new RecordingModel(S, 2, p -> new double[] {Double.NaN, 0});
    assertThatThrownBy(() -> new RoadMetric(RoadMetric.Spec.defaults(), RoadMetric.Measure.LERF)
        .evaluate(new MetricInput(nan, blockImage(), attribution(S, distanceMap(true)), null, 4)))
        .isInstanceOf(MetricException.class).hasMessageContaining("road-lerf").hasMessageContaining("NaN");
  }
}
