package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.step.StepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.FormulaModel;
import org.igkit.testkit.IG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sum over point differences: the step-rule contract on the straight path (a first-order
 * quadrature of IG there), the closed form of the left Riemann sum on a quadratic model, a sum
 * written out by hand on a polyline path, and the gradient count (no gradient at the input).
 */
class PathDifferencesTest implements StraightPathStepRuleContract {

  @Override
  public StepRule stepRule(int steps) {
    return new PathDifferencesStepRule(steps);
  }

  @Override
  public int order() {
    return 1;
  }

  /** f(x) = ½xᵀQx + bᵀx on three features, Q symmetric; ∇f = Qx + b. */
  static final class Quadratic extends FormulaModel {
    static final double[][] Q = {{2, 0.5, -1}, {0.5, -3, 0.25}, {-1, 0.25, 1.5}};
    static final double[] B = {0.3, -0.2, 0.7};

    Quadratic() {
      super(Shape.of(1, 1, 3));
    }

    @Override
    public double value(double[] x) {
      double v = 0;
      for (int i = 0; i < 3; i++) {
        v += B[i] * x[i];
        for (int k = 0; k < 3; k++) {
          v += 0.5 * x[i] * Q[i][k] * x[k];
        }
      }
      return v;
    }

    @Override
    public double[] gradient(double[] x) {
      double[] g = new double[3];
      for (int i = 0; i < 3; i++) {
        g[i] = B[i];
        for (int k = 0; k < 3; k++) {
          g[i] += Q[i][k] * x[k];
        }
      }
      return g;
    }
  }

  /**
   * On the straight path, A_i = Δ_i·(1/n)·Σ_{j&lt;n} ∂_i f(x' + jΔ/n); for ∇f = Qx + b that is
   * Δ_i·[(Qx' + b)_i + ((n − 1)/(2n))·(QΔ)_i], the left Riemann sum over n intervals in closed form.
   */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 2, 7, 40})
  void equalsTheLeftRiemannSumOfIgOnTheStraightPath(int n) {
    float[] baseline = {0.25f, -0.5f, 1};
    float[] input = {1, 0.75f, -0.5f};
    double[] delta = new double[3];
    for (int i = 0; i < 3; i++) {
      delta[i] = (double) input[i] - baseline[i];
    }
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      double atBaseline = Quadratic.B[i];
      double slope = 0;
      for (int k = 0; k < 3; k++) {
        atBaseline += Quadratic.Q[i][k] * baseline[k];
        slope += Quadratic.Q[i][k] * delta[k];
      }
      expected[i] = delta[i] * (atBaseline + (n - 1) / (2.0 * n) * slope);
    }
    double[] a =
        IG.compute(new Quadratic(), new StraightPath(), stepRule(n), input, baseline, 0, 3).attribution();
    for (int i = 0; i < 3; i++) {
      assertThat(a[i]).as("feature %d with %d steps", i, n)
          .isCloseTo(expected[i], org.assertj.core.api.Assertions.offset(1e-5));
    }
  }

  /** f(x) = x₀x₁ + x₂² + ½x₀, ∇f = (x₁ + ½, x₀, 2x₂). */
  static final class Cubicish extends FormulaModel {
    Cubicish() {
      super(Shape.of(1, 1, 3));
    }

    @Override
    public double value(double[] x) {
      return x[0] * x[1] + x[2] * x[2] + 0.5 * x[0];
    }

    @Override
    public double[] gradient(double[] x) {
      return new double[] {x[1] + 0.5, x[0], 2 * x[2]};
    }
  }

  /** The polyline's points p₀, p₁, p₂ and its end p₃ = x (the input). */
  static final float[][] POLYLINE = {{0, 0, 0}, {0.5f, 0.25f, 1}, {0.75f, 1, 0.5f}, {1, 1.5f, 2}};

  /** Emits the polyline's first schedule-size points, whatever the nodes. */
  static final class PolylinePath implements Path {
    @Override
    public PathTrace trace(PathRequest request) {
      Schedule s = request.schedule();
      return new PathTrace() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < s.size();
        }

        @Override
        public PathPoint next() {
          int j = next++;
          return new PathPoint(j, s.alpha(j), POLYLINE[j].clone(), new float[3], 0);
        }
      };
    }
  }

  /**
   * By hand: g(p₀) = (.5, 0, 0), g(p₁) = (.75, .5, 2), g(p₂) = (1.5, .75, 1); the differences are
   * (.5, .25, 1), (.25, .75, −.5), (.25, .5, 1.5), so
   * A = (.5·.5 + .75·.25 + 1.5·.25, 0·.25 + .5·.75 + .75·.5, 0·1 + 2·(−.5) + 1·1.5).
   */
  @Test
  void equalsTheSumWrittenOutByHandOnAPolyline() {
    double[] expected = {
      0.5 * 0.5 + 0.75 * 0.25 + 1.5 * 0.25,
      0 * 0.25 + 0.5 * 0.75 + 0.75 * 0.5,
      0 * 1 + 2 * (-0.5) + 1 * 1.5,
    };
    double[] a =
        IG.compute(new Cubicish(), new PolylinePath(), stepRule(3), POLYLINE[3], POLYLINE[0], 0, 2)
            .attribution();
    assertThat(a).containsExactly(expected);
    // Not exactly complete: f(x) − f(x') = 1.5·1 + 4 + .5 = 6 while ΣA = 2.5.
    assertThat(a[0] + a[1] + a[2]).isNotEqualTo(new Cubicish().value(POLYLINE[3]) - new Cubicish().value(POLYLINE[0]));
  }

  /** Records every point the model differentiates at. */
  static final class Recording extends FormulaModel {
    final List<float[]> seen = new ArrayList<>();
    private final Quadratic inner = new Quadratic();

    Recording() {
      super(Shape.of(1, 1, 3));
    }

    @Override
    public double value(double[] x) {
      return inner.value(x);
    }

    @Override
    public double[] gradient(double[] x) {
      return inner.gradient(x);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      points.forEach(p -> seen.add(p.clone()));
      return super.scoresAndGradients(points, targets);
    }
  }

  /** n steps cost n gradients through the engine, at α = j/n for j &lt; n: none at the input. */
  @ParameterizedTest(name = "{0} steps")
  @ValueSource(ints = {1, 5, 64})
  void takesNGradientsAndNoneAtTheInput(int n) {
    float[] baseline = {0, 0, 0};
    float[] input = {1, 2, 3};
    Recording model = new Recording();
    Attribution a = IG.attribute(model, new StraightPath(), stepRule(n), input, baseline, 0, 7);
    assertThat(a.gradientPoints()).as("gradients computed").isEqualTo(n);
    assertThat(model.seen).hasSize(n);
    for (int j = 0; j < n; j++) {
      assertThat(model.seen.get(j)[2]).as("point %d", j).isEqualTo((float) (3.0 * j / n));
    }
  }

  @Test
  void nodesAreTheLeftEndsAndTheEndIsRequired() {
    Schedule s = stepRule(4).schedule();
    assertThat(s.alphas()).containsExactly(0, 0.25, 0.5, 0.75);
    assertThat(s.intervals()).isEqualTo(4);
    assertThatThrownBy(() -> stepRule(4).start(Shape.of(1, 1, 3)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("path-differences");
    assertThatThrownBy(() -> new PathDifferencesStepRule.Spec(0))
        .hasMessageContaining("steps");
  }
}
