package org.igkit.metrics.sanity;

import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.RandomisableModel;
import org.igkit.api.model.Shape;
import org.igkit.testkit.AnalyticModel;

/**
 * f_c(x) = Σ_j V[c][j] (W x)_j with layers "hidden" (W, H×N) and "output" (V, K×H): its gradient
 * Wᵀ V_c is constant, so IG from 0 is x ⊙ Wᵀ V_c exactly. Re-drawing fills the named layers with
 * N(0, 1) values from {@code new SplittableRandom(seed)}, W's entries first, then V's.
 */
final class TwoLayerLinearModel extends AnalyticModel implements RandomisableModel {

  final double[][] w;
  final double[][] v;

  TwoLayerLinearModel(Shape shape, double[][] w, double[][] v) {
    super(shape, v.length);
    this.w = w;
    this.v = v;
  }

  /** Returns the gradient of class c, Wᵀ V_c. */
  double[] gradient(int c) {
    double[] g = new double[w[0].length];
    for (int j = 0; j < w.length; j++) {
      for (int i = 0; i < g.length; i++) {
        g[i] += w[j][i] * v[c][j];
      }
    }
    return g;
  }

  @Override
  public List<String> layers() {
    return List.of("hidden", "output");
  }

  @Override
  public ModelFunction withRandomised(List<String> layers, long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    double[][] w2 = new double[w.length][w[0].length];
    double[][] v2 = new double[v.length][v[0].length];
    for (int j = 0; j < w.length; j++) {
      for (int i = 0; i < w[0].length; i++) {
        double r = Math.sqrt(-2 * Math.log(1 - g.nextDouble())) * Math.cos(2 * Math.PI * g.nextDouble());
        w2[j][i] = layers.contains("hidden") ? r : w[j][i];
      }
    }
    for (int c = 0; c < v.length; c++) {
      for (int j = 0; j < v[0].length; j++) {
        double r = Math.sqrt(-2 * Math.log(1 - g.nextDouble())) * Math.cos(2 * Math.PI * g.nextDouble());
        v2[c][j] = layers.contains("output") ? r : v[c][j];
      }
    }
    return new TwoLayerLinearModel(inputShape(), w2, v2);
  }

  @Override
  public double[] evaluate(double[] x) {
    double[] out = new double[v.length];
    for (int c = 0; c < v.length; c++) {
      double[] g = gradient(c);
      for (int i = 0; i < x.length; i++) {
        out[c] += g[i] * x[i];
      }
    }
    return out;
  }

  @Override
  public double[] gradient(double[] x, int target) {
    return gradient(target);
  }

  @Override
  public double[] integratedGradients(float[] input, float[] baseline, int target) {
    double[] g = gradient(target);
    double[] ig = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      ig[i] = ((double) input[i] - baseline[i]) * g[i];
    }
    return ig;
  }
}
