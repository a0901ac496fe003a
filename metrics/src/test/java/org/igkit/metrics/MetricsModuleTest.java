package org.igkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.junit.jupiter.api.Test;

class MetricsModuleTest {

  private final PluginRegistry registry = PluginLoader.registry();

  @Test
  void registersEveryMetricThroughTheServiceLoader() {
    assertThat(registry.plugins(Metric.class).keySet())
        .contains("deletion-auc", "insertion-auc", "completeness-gap", "overlap-auc", "sic", "aic",
            "localization", "localization-f1", "localization-mae", "sparsity", "stability",
            "ncc-path", "ncc-feature", "ncc-within", "ncc-step", "path-variation", "straight-variation",
            "comprehensiveness", "sufficiency", "log-odds",
            "diffid", "diffid-keep", "diffid-del", "road-morf", "road-lerf", "road-gap",
            "model-randomisation", "random-logit");
  }

  @Test
  void everyRegisteredMetricBuildsWithDefaultsAndEvaluatesAFiniteValue() {
    Shape s = Shape.of(3, 6, 6);
    float[] x = TestInputs.uniform(1, s.size(), 0, 1);
    var model = new Randomisable(LinearTestModel.sigmoid(s, TestInputs.uniform(2, s.size(), -0.3, 0.3)));
    float[] mask = new float[s.pixels()];
    mask[7] = 1;
    mask[8] = 1;
    var a = attribution(s, 3, model.score(x));
    for (PluginType<Metric> t : registry.plugins(Metric.class).values()) {
      Metric metric = t.createDefault();
      MetricInput in = new MetricInput(model, x, a, mask, 8).withReattribution(new org.igkit.api.metric.Reattribution() {
        @Override
        public org.igkit.api.engine.Attribution attribute(int d) {
          return attribution(s, 3 + d, model.score(x));
        }

        @Override
        public org.igkit.api.engine.Attribution attribute(org.igkit.api.model.ModelFunction other, int target) {
          return attribution(s, 100 + target + other.hashCode() % 7, model.score(x));
        }
      });
      MetricValue v = metric.evaluate(in);
      assertThat(v.value()).as(t.id()).isFinite();
      assertThat(v.curveX()).as(t.id()).hasSameSizeAs(v.curveY());
      if (metric instanceof DatasetMetric dm) {
        DatasetValue agg = dm.aggregate(java.util.List.of(v, v));
        assertThat(agg.n()).as(t.id()).isEqualTo(2);
        assertThat(agg.value()).as(t.id()).isEqualTo(v.value());
      }
    }
  }

  /** The test model with layers that re-draw into another sigmoid model. */
  private record Randomisable(LinearTestModel inner) implements org.igkit.api.model.RandomisableModel {
    double score(float[] x) {
      return inner.score(x);
    }

    @Override
    public java.util.List<String> layers() {
      return java.util.List.of("weights");
    }

    @Override
    public org.igkit.api.model.ModelFunction withRandomised(java.util.List<String> layers, long seed) {
      Shape s = inner.inputShape();
      return LinearTestModel.sigmoid(s, TestInputs.uniform(seed, s.size(), -0.3, 0.3));
    }

    @Override
    public Shape inputShape() {
      return inner.inputShape();
    }

    @Override
    public int numClasses() {
      return inner.numClasses();
    }

    @Override
    public float[][] outputs(java.util.List<float[]> points) {
      return inner.outputs(points);
    }

    @Override
    public org.igkit.api.model.ScoresAndGradients scoresAndGradients(java.util.List<float[]> points, int[] targets) {
      return inner.scoresAndGradients(points, targets);
    }
  }

  private static org.igkit.api.engine.Attribution attribution(Shape s, long seed, double score) {
    var path = new org.igkit.api.engine.PathRecord(
        0, new float[s.size()], new double[] {0.5, 0.7, 0.6, score}, 1.5, 3, 4, 2);
    return new org.igkit.api.engine.Attribution(
        s, TestInputs.uniform(seed, s.size(), -1, 1), 0, score, java.util.List.of("black"),
        new double[] {0.5}, new double[] {1}, null, 0, 0, 0, Map.of(), java.util.List.of(path));
  }

  @Test
  void unknownIdsSuggestTheClosest() {
    assertThatThrownBy(() -> registry.get(Metric.class, "deletion-uac"))
        .hasMessageContaining("unknown metric type 'deletion-uac', did you mean 'deletion-auc'?");
  }
}
