package org.igkit.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;
import org.igkit.paths.blur.BlurPath;
import org.igkit.paths.guided.GuidedPath;
import org.igkit.paths.step.PathDifferencesStepRule;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.FormulaModel;
import org.igkit.testkit.IG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings that reproduce the reference implementations, checked against their loops written
 * out here in double precision from their description (PAIR saliency's Guided IG and Blur IG, the
 * SIG repository's Guided IG with its point-difference sum): on a small smooth model the igkit
 * path, at the stated step count and rule, must give the reference's attribution up to float
 * rounding — and the settings one might confuse them with must not.
 */
class ReferenceLoopsTest {

  /** Float rounding of points and gradients, relative to max |A_i|. */
  static final double ROUNDING = 1e-6;

  /**
   * f(x) = Σ w_i x_i + ½ Σ c_i x_i² + x₀x₅ on a 1×2×3 image: the gradient's order changes along the
   * path, so the guided paths' choices depend on where they are.
   */
  static final class Model extends FormulaModel {
    static final double[] W = {0.3, -1.1, 0.7, 2.0, -0.45, 1.3};
    static final double[] C = {2.5, 0.8, -1.9, 0.35, 1.6, -0.6};

    Model() {
      super(Shape.of(1, 2, 3));
    }

    @Override
    public double value(double[] x) {
      double v = x[0] * x[5];
      for (int i = 0; i < 6; i++) {
        v += W[i] * x[i] + 0.5 * C[i] * x[i] * x[i];
      }
      return v;
    }

    @Override
    public double[] gradient(double[] x) {
      double[] g = new double[6];
      for (int i = 0; i < 6; i++) {
        g[i] = W[i] + C[i] * x[i];
      }
      g[0] += x[5];
      g[5] += x[0];
      return g;
    }
  }

  static final float[] INPUT = {0.9f, 0.15f, 0.6f, 0.35f, 0.8f, 0.45f};
  static final float[] BLACK = new float[6];

  // ---------------------------------------------------------------- PAIR Guided IG

  /**
   * PAIR saliency's Guided IG loop: per step g = ∇f(x); α = (step + 1)/S; window
   * [α − maxDist, α + maxDist] ∩ [0, 1] gives x_min, x_max; L1 target L1(x_in, x_b)(1 − α); repeat:
   * lagging features snap to x_min; stop when the L1 target is reached; else move the features
   * whose |g| is in the lowest {@code fraction} (numpy's 'lower' quantile, features at x_max count
   * as ∞) toward x_max by γ, all the way when γ &gt; 1; A += (x − x_old)·g each round.
   */
  static double[] pairGuidedIg(Model f, float[] input, float[] baseline, int steps, double fraction, double maxDist) {
    int n = input.length;
    double[] xin = toDouble(input);
    double[] xb = toDouble(baseline);
    double[] x = xb.clone();
    double[] a = new double[n];
    double total = l1(xin, xb);
    for (int step = 0; step < steps; step++) {
      double[] g = f.gradient(x);
      double alpha = (step + 1.0) / steps;
      double lo = Math.max(alpha - maxDist, 0);
      double hi = Math.min(alpha + maxDist, 1);
      double target = total * (1 - alpha);
      double gamma = Double.POSITIVE_INFINITY;
      while (gamma > 1) {
        double[] old = x.clone();
        for (int i = 0; i < n; i++) {
          double d = xin[i] - xb[i];
          double progress = d == 0 ? hi : (x[i] - xb[i]) / d;
          if (progress < lo) {
            x[i] = xb[i] + lo * d;
          }
        }
        double current = l1(x, xin);
        if (isClose(target, current)) {
          accumulate(a, x, old, g);
          break;
        }
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
          abs[i] = x[i] == xb[i] + hi * (xin[i] - xb[i]) ? Double.POSITIVE_INFINITY : Math.abs(g[i]);
        }
        double threshold = lowerQuantile(abs, fraction);
        double selected = 0;
        for (int i = 0; i < n; i++) {
          if (abs[i] <= threshold && abs[i] != Double.POSITIVE_INFINITY) {
            selected += Math.abs(x[i] - (xb[i] + hi * (xin[i] - xb[i])));
          }
        }
        gamma = selected > 0 ? (current - target) / selected : Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          if (abs[i] <= threshold && abs[i] != Double.POSITIVE_INFINITY) {
            double xmax = xb[i] + hi * (xin[i] - xb[i]);
            x[i] = gamma > 1 ? xmax : x[i] + (xmax - x[i]) * gamma;
          }
        }
        accumulate(a, x, old, g);
        if (selected == 0) {
          break; // nothing can move (PAIR would spin here)
        }
      }
    }
    return a;
  }

  /** PAIR's defaults (fraction 0.25, max_dist 0.02) with {@code steps: S}: S reference steps with every rule. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {3, 16, 64})
  void pairGuidedIgIsReproducedWithEveryRuleAtItsStepCount(int steps) {
    Model f = new Model();
    double[] expected = pairGuidedIg(f, INPUT, BLACK, steps, 0.25, 0.02);
    Path path = new GuidedPath(new GuidedPath.Spec("pair", null, null));
    double worst = 0;
    for (StepRule rule : List.of(
        new PathDifferencesStepRule(steps),
        new RiemannStepRule(steps, RiemannStepRule.Variant.RIGHT),
        new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT))) {
      double[] a = IG.compute(f, path, rule, INPUT, BLACK, 0, 4).attribution();
      double d = Attributions.relativeMaxDifference(a, expected);
      assertThat(d).as("%s", rule).isLessThanOrEqualTo(ROUNDING);
      worst = Math.max(worst, d);
    }
    double[] oneLess = pairGuidedIg(f, INPUT, BLACK, steps - 1, 0.25, 0.02);
    assertThat(Attributions.relativeMaxDifference(oneLess, expected))
        .as("S − 1 steps differ from S by more than the rounding seen (the check can tell)")
        .isGreaterThan(10 * worst);
  }

  // ---------------------------------------------------------------- SIG Guided IG

  /**
   * The SIG repository's Guided IG with m points: x ← x', L = ‖x_in − x'‖₁; for s = 0 … m − 2
   * record x, g = ∇f(x), T = L(1 − (s + 1)/m), then loop: stop at T; |g| is ∞ where x has reached
   * x_in; τ = the 'lower' {@code fraction} quantile; S = {|g| ≤ τ, finite};
   * γ = (‖x − x_in‖₁ − T)/Σ_S|x − x_in|; γ &gt; 1 moves S onto x_in and loops, else x_S += γ(x_in −
   * x)_S. Then x_in is recorded as the last point, and A = Σ_{j ≤ m−2} ∇f(p_j)(p_{j+1} − p_j).
   */
  static double[] sigGuidedIg(Model f, float[] input, float[] baseline, int m, double fraction) {
    int n = input.length;
    double[] xin = toDouble(input);
    double[] x = toDouble(baseline);
    double total = l1(x, xin);
    List<double[]> points = new ArrayList<>();
    for (int s = 0; s <= m - 2; s++) {
      points.add(x.clone());
      double[] g = f.gradient(x);
      double target = total * (1 - (s + 1.0) / m);
      while (true) {
        double current = l1(x, xin);
        if (isClose(current, target)) {
          break;
        }
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
          abs[i] = Math.abs(x[i] - xin[i]) < 1e-9 ? Double.POSITIVE_INFINITY : Math.abs(g[i]);
        }
        double tau = lowerQuantile(abs, fraction);
        double selected = 0;
        for (int i = 0; i < n; i++) {
          if (abs[i] <= tau && abs[i] != Double.POSITIVE_INFINITY) {
            selected += Math.abs(x[i] - xin[i]);
          }
        }
        double gamma = (current - target) / selected;
        for (int i = 0; i < n; i++) {
          if (abs[i] <= tau && abs[i] != Double.POSITIVE_INFINITY) {
            x[i] = gamma > 1 ? xin[i] : x[i] + gamma * (xin[i] - x[i]);
          }
        }
        if (gamma <= 1) {
          break;
        }
      }
    }
    points.add(xin.clone());
    double[] a = new double[n];
    for (int j = 0; j + 1 < points.size(); j++) {
      double[] g = f.gradient(points.get(j));
      for (int i = 0; i < n; i++) {
        a[i] += g[i] * (points.get(j + 1)[i] - points.get(j)[i]);
      }
    }
    return a;
  }

  /** The SIG configuration's m points are {@code preset: sig} with {@code path-differences, steps: m − 1}. */
  @ParameterizedTest(name = "{0} points")
  @ValueSource(ints = {4, 17, 200})
  void sigGuidedIgIsReproducedByTheSigPresetWithPathDifferences(int m) {
    Model f = new Model();
    double[] expected = sigGuidedIg(f, INPUT, BLACK, m, 0.1);
    GuidedPath sig = new GuidedPath(new GuidedPath.Spec("sig", null, null));
    double[] a = IG.compute(f, sig, new PathDifferencesStepRule(m - 1), INPUT, BLACK, 0, 4).attribution();
    double d = Attributions.relativeMaxDifference(a, expected);
    assertThat(d).isLessThanOrEqualTo(ROUNDING);
    GuidedPath maGig = new GuidedPath(new GuidedPath.Spec("ma-gig", null, null));
    double[] withoutJump = IG.compute(f, maGig, new PathDifferencesStepRule(m - 1), INPUT, BLACK, 0, 4).attribution();
    assertThat(Attributions.relativeMaxDifference(withoutJump, expected))
        .as("the same settings without SIG's step targets differ").isGreaterThan(10 * d);
  }

  // ---------------------------------------------------------------- PAIR Blur IG

  /** scipy's gaussian_filter, truncate 4, mode 'constant' (zero padding), channel by channel. */
  static double[] blur(double[] image, int channels, int height, int width, double sigma) {
    if (sigma == 0) {
      return image.clone();
    }
    int r = (int) (4 * sigma + 0.5);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    double[] rows = new double[image.length];
    double[] out = new double[image.length];
    for (int c = 0; c < channels; c++) {
      int o = c * height * width;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double v = 0;
          for (int d = -r; d <= r; d++) {
            if (x + d >= 0 && x + d < width) {
              v += k[d + r] * image[o + y * width + x + d];
            }
          }
          rows[o + y * width + x] = v;
        }
      }
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double v = 0;
          for (int d = -r; d <= r; d++) {
            if (y + d >= 0 && y + d < height) {
              v += k[d + r] * rows[o + (y + d) * width + x];
            }
          }
          out[o + y * width + x] = v;
        }
      }
    }
    return out;
  }

  /**
   * PAIR saliency's Blur IG: σ_i = iσ_max/S, x_i = blur(x, σ_i), and
   * A = −Σ_{i&lt;S} (σ_{i+1} − σ_i)·[(blur(x, σ_i + h) − x_i)/h] ⊙ ∇f(x_i).
   */
  static double[] pairBlurIg(Model f, float[] input, int steps, double maxSigma, double h) {
    double[] x = toDouble(input);
    double[] a = new double[x.length];
    for (int i = 0; i < steps; i++) {
      double sigma = i * maxSigma / steps;
      double next = (i + 1) * maxSigma / steps;
      double[] xi = blur(x, 1, 2, 3, sigma);
      double[] ahead = blur(x, 1, 2, 3, sigma + h);
      double[] g = f.gradient(xi);
      for (int p = 0; p < x.length; p++) {
        a[p] -= (next - sigma) * (ahead[p] - xi[p]) / h * g[p];
      }
    }
    return a;
  }

  /**
   * PAIR's defaults (σ_max 50, grad_step 0.01, 100 steps) are the {@code blur} path's defaults with
   * {@code riemann, variant: right, steps: 100} (measured 1.5e-6); the default midpoint variant is
   * not (0.64 on this 2×3 image). The tolerance is wider than for the guided paths: the tangent is
   * a forward difference of float blurs over h = 0.01, whose rounding is amplified 1/h-fold.
   */
  @Test
  void pairBlurIgIsTheBlurPathWithTheRightRiemannSum() {
    Model f = new Model();
    double[] expected = pairBlurIg(f, INPUT, 100, 50, 0.01);
    Path blur = BlurPath.TYPE.createDefault();
    double[] right = IG.compute(f, blur, new RiemannStepRule(100, RiemannStepRule.Variant.RIGHT), INPUT, BLACK, 0, 16)
        .attribution();
    double[] midpoint = IG.compute(f, blur, new RiemannStepRule(100, RiemannStepRule.Variant.MIDPOINT), INPUT, BLACK, 0, 16)
        .attribution();
    double rightError = Attributions.relativeMaxDifference(right, expected);
    double midpointError = Attributions.relativeMaxDifference(midpoint, expected);
    assertThat(rightError).as("right Riemann vs PAIR").isLessThanOrEqualTo(1e-5);
    assertThat(midpointError).as("midpoint vs PAIR (%s)", Arrays.toString(midpoint)).isGreaterThan(10 * rightError);
  }

  // ---------------------------------------------------------------- helpers

  /** numpy.quantile(values, q, method='lower'): the sorted value at index ⌊q(n − 1)⌋. */
  static double lowerQuantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(q * (sorted.length - 1))];
  }

  static boolean isClose(double a, double b) {
    return Math.abs(a - b) <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), 1e-9);
  }

  static double l1(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s;
  }

  static void accumulate(double[] a, double[] x, double[] old, double[] g) {
    for (int i = 0; i < a.length; i++) {
      a[i] += (x[i] - old[i]) * g[i];
    }
  }

  static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }
}
