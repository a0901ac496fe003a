package org.igkit.aggregators.memory;

import java.util.ArrayList;
import java.util.List;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;

/**
 * Attributes one 3×224×224 input with 1000 steps × 10 baselines at batch size 16, for EG and WG.
 * Run in a JVM with a small heap: storing every path point would need 6 GB.
 */
public final class MemoryBoundMain {

  static final Shape SHAPE = Shape.of(3, 224, 224);

  /** f(x) = sigmoid(w·x / n − 0.25): cheap, smooth, with an analytic gradient. */
  static final class SmoothModel implements ModelFunction {
    private final float[] w = new float[SHAPE.size()];

    SmoothModel() {
      var g = RandomSource.of(7).generator();
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) g.nextDouble();
      }
    }

    @Override
    public Shape inputShape() {
      return SHAPE;
    }

    @Override
    public int numClasses() {
      return 1;
    }

    private double score(float[] x) {
      double z = 0;
      for (int i = 0; i < w.length; i++) {
        z += w[i] * x[i];
      }
      return 1 / (1 + Math.exp(-(4 * z / w.length - 1)));
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      float[][] out = new float[points.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {(float) score(points.get(i))};
      }
      return out;
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      float[] s = new float[points.size()];
      List<float[]> grads = new ArrayList<>(points.size());
      for (int i = 0; i < s.length; i++) {
        double p = score(points.get(i));
        s[i] = (float) p;
        float scale = (float) (p * (1 - p) * 4 / w.length);
        float[] g = new float[w.length];
        for (int j = 0; j < g.length; j++) {
          g[j] = scale * w[j];
        }
        grads.add(g);
      }
      return new ScoresAndGradients(s, grads);
    }
  }

  public static void main(String[] args) {
    ModelFunction model = new SmoothModel();
    float[] x = new float[SHAPE.size()];
    var g = RandomSource.of(11).generator();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.nextDouble();
    }
    var baselines = new UniformNoiseBaselineSampler(new UniformNoiseBaselineSampler.Spec(10, null, null));
    var rule = new RiemannStepRule(1000, RiemannStepRule.Variant.MIDPOINT);
    for (var aggregator :
        List.of(
            new UniformAggregator(new UniformAggregator.Spec(null, null)),
            // fast: the exact scan adds only one masked image per baseline to the memory, but scores
            // up to H·W of them per baseline on this model, which would make the test slow
            new FitnessAggregator(FitnessSpec.defaults().withSearch("fast")))) {
      var method = new AttributionMethod("m", baselines, new StraightPath(), rule, aggregator);
      Attribution a = AttributionEngine.attribute(model, method, x, 0, RandomSource.of(1), EngineOptions.batchSize(16));
      System.out.printf(
          "%s gradientPoints=%d gap=%.3e expected=%.4f maxHeapMiB=%d%n",
          aggregator.getClass().getSimpleName(),
          a.gradientPoints(),
          a.completenessGap(),
          a.expectedSum(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }
}
