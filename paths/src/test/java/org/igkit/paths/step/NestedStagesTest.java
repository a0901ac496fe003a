package org.igkit.paths.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.NestedSteps;
import org.igkit.api.step.QuadratureStepRule;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.LinearModel;
import org.junit.jupiter.api.Test;

/**
 * The chain of stages a nested rule is integrated in ({@link NestedSteps#stages}): halving while
 * even down to 8 steps, only for rules that nest at every count of the chain; and the engine
 * stages only the method's own rule at another count, never a rule of another kind that merely has
 * the same nodes and weights.
 */
class NestedStagesTest {

  private static RiemannStepRule rule(int n, RiemannStepRule.Variant v) {
    return new RiemannStepRule(n, v);
  }

  @Test
  void chainsHalveWhileEvenDownToEightSteps() {
    for (RiemannStepRule.Variant v : List.of(RiemannStepRule.Variant.LEFT, RiemannStepRule.Variant.RIGHT,
        RiemannStepRule.Variant.TRAPEZOID)) {
      assertThat(NestedSteps.stages(rule(32, v))).containsExactly(8, 16, 32);
      assertThat(NestedSteps.stages(rule(48, v))).containsExactly(12, 24, 48);
      assertThat(NestedSteps.stages(rule(50, v))).containsExactly(25, 50);
      assertThat(NestedSteps.stages(rule(40, v))).containsExactly(10, 20, 40);
      assertThat(NestedSteps.stages(rule(1024, v))).containsExactly(8, 16, 32, 64, 128, 256, 512, 1024);
      assertThat(NestedSteps.stages(rule(8, v))).containsExactly(8);
      assertThat(NestedSteps.stages(rule(4, v))).containsExactly(4);
      assertThat(NestedSteps.stages(rule(15, v))).containsExactly(15);
    }
    assertThat(NestedSteps.stages(rule(32, RiemannStepRule.Variant.MIDPOINT))).isNull();
    assertThat(NestedSteps.stages(new AutoSteps(rule(16, RiemannStepRule.Variant.LEFT), 1e-3, 16, 64))).isNull();
    assertThat(NestedSteps.stages(new GaussLegendreStepRule(32))).isNull();
  }

  /** Left sums that claim to nest only from 16 steps up. */
  static final class PartlyNested extends QuadratureStepRule implements NestedSteps {
    PartlyNested(int steps) {
      super("partly", null, steps, n -> RiemannStepRule.nodes(n, RiemannStepRule.Variant.LEFT));
    }

    @Override
    public StepRule withSteps(int n) {
      return new PartlyNested(n);
    }

    @Override
    public Schedule refinement(int steps) {
      return steps < 16 ? null : RiemannStepRule.nodes(steps, RiemannStepRule.Variant.MIDPOINT);
    }
  }

  @Test
  void aRuleThatDoesNotNestAtEveryCountOfTheChainIsNotStaged() {
    // the chain of 64 would start at 8, where it does not nest: one pass, at any count
    assertThat(NestedSteps.stages(new PartlyNested(64))).isNull();
    assertThat(NestedSteps.stages(new PartlyNested(32))).isNull();
    assertThat(NestedSteps.stages(new PartlyNested(8))).isNull();
  }

  /** Left sums whose accumulator doubles the result: the same nodes as the left rule, another rule. */
  static final class DoubledLeft extends QuadratureStepRule implements NestedSteps {
    DoubledLeft(int steps) {
      super("doubled", null, steps, n -> RiemannStepRule.nodes(n, RiemannStepRule.Variant.LEFT));
    }

    @Override
    public StepRule withSteps(int n) {
      return new DoubledLeft(n);
    }

    @Override
    public Schedule refinement(int steps) {
      return RiemannStepRule.nodes(steps, RiemannStepRule.Variant.MIDPOINT);
    }

    @Override
    public StepAccumulator start(Shape shape) {
      StepAccumulator inner = super.start(shape);
      return new StepAccumulator() {
        @Override
        public void accept(PathPoint point, float score, float[] gradient) {
          inner.accept(point, score, gradient);
        }

        @Override
        public StepResult finish() {
          StepResult r = inner.finish();
          double[] a = r.attribution().clone();
          for (int i = 0; i < a.length; i++) {
            a[i] *= 2;
          }
          return new StepResult(a, r.skippedSteps());
        }
      };
    }
  }

  @Test
  void aRuleOfAnotherKindWithTheSameNodesIsIntegratedWithItsOwnAccumulator() {
    Shape shape = Shape.of(1, 2, 2);
    LinearModel model = new LinearModel(shape, new double[] {0.5, -1, 2, 0.25}, 0.1);
    float[] x = {1f, 2f, -1f, 0.5f};
    StepRule own = rule(32, RiemannStepRule.Variant.LEFT);
    // asks for the baseline's integral with a rule that is not the method's, at the method's count
    Aggregator asking = ctx -> {
      StepResult r = ctx.integrate(new int[] {0}, new DoubledLeft(32)).get(0);
      return new AggregateResult(r.attribution(), new double[] {1}, null, r.skippedSteps(), java.util.Map.of());
    };
    AttributionMethod method = new AttributionMethod("m", FixedBaselineSampler.of(new float[4]), new StraightPath(),
        own, asking);
    Attribution a = AttributionEngine.attribute(model, method, x, 0, RandomSource.of(1), EngineOptions.batchSize(4));
    // a linear model's IG is w_i·x_i from a zero baseline, at any step count; the rule doubles it
    double[] w = {0.5, -1, 2, 0.25};
    for (int i = 0; i < 4; i++) {
      assertThat(a.values()[i]).as("feature %d", i).isCloseTo((float) (2 * w[i] * x[i]), within(1e-5f));
    }
  }
}
