package org.igkit.paths.geodesic;

import org.igkit.api.model.Shape;
import org.igkit.api.path.PathRequest;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.testkit.FormulaModel;

/**
 * Runs one long {@code geodesic-energy} optimisation on a 3×64×64 image (the heap test's child
 * JVM): 127 optimised points, batches of 8, every iteration. Prints the number of evaluations and
 * accepted steps, and whether the accepted energies fell strictly.
 */
final class EnergyMemoryChild {

  static final Shape IMAGE = Shape.of(3, 64, 64);
  static final int SEGMENTS = 128;
  static final int ITERATIONS = 60;

  private EnergyMemoryChild() {}

  /** f(p) = mean(p) + exp(−‖p − c‖²/(2·0.05·n)), c = 0.4 everywhere. */
  static final class Slope extends FormulaModel {
    Slope() {
      super(IMAGE);
    }

    @Override
    public double value(double[] p) {
      double s = 0;
      double r = 0;
      for (double v : p) {
        s += v;
        r += (v - 0.4) * (v - 0.4);
      }
      return s / p.length + Math.exp(-r / (0.1 * p.length));
    }

    @Override
    public double[] gradient(double[] p) {
      double r = 0;
      for (double v : p) {
        r += (v - 0.4) * (v - 0.4);
      }
      double e = Math.exp(-r / (0.1 * p.length));
      double[] g = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        g[i] = 1.0 / p.length - 2 * (p[i] - 0.4) / (0.1 * p.length) * e;
      }
      return g;
    }
  }

  public static void main(String[] args) {
    int n = IMAGE.size();
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 + 0.5 * Math.sin(0.01 * i));
    }
    float[] b = new float[n];
    Slope m = new Slope();
    EnergyPath p = new EnergyPath(new EnergyPath.Spec(SEGMENTS, ITERATIONS, 0.05, 0.1, 0.0, null, null, null, null, 8));
    EnergyPath.Optimised o = p.optimise(new PathRequest(x, b, IMAGE, new IdgiStepRule(4).schedule(), m, 0,
        RandomSource.of(1).derive("path", 0)));
    boolean falling = true;
    for (int k = 1; k < o.energies().length; k++) {
      falling &= o.energies()[k] < o.energies()[k - 1];
    }
    System.out.println("evaluations " + o.evaluations() + " accepted " + (o.energies().length - 1)
        + " falling " + falling);
  }
}
