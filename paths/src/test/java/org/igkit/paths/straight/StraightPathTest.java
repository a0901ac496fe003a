package org.igkit.paths.straight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.plugin.Capability;
import org.igkit.api.random.RandomSource;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.junit.jupiter.api.Test;

/** The straight line of Integrated Gradients. */
class StraightPathTest implements PathContract {

  @Override
  public Path path() {
    return StraightPath.TYPE.createDefault();
  }

  @Override
  public boolean symmetric() {
    return StraightPath.TYPE.has(Capability.SYMMETRIC);
  }

  @Override
  public boolean adaptive() {
    return StraightPath.TYPE.has(Capability.ADAPTIVE);
  }

  /** Point j is x' + α_j (x − x') to float rounding, the tangent is x − x' and α, weight pass through. */
  @Test
  void pointsLieOnTheLineWithTheDisplacementAsTangent() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    float[] x = c.input();
    float[] b = c.baseline();
    var rule = new ReferenceMidpointStepRule(5);
    PathTrace t =
        path().trace(new PathRequest(x, b, c.model().inputShape(), rule.schedule(), c.model(), c.target(),
            RandomSource.of(1)));
    List<PathPoint> points = new ArrayList<>();
    while (t.hasNext()) {
      points.add(t.next());
    }
    assertThat(points).hasSize(5);
    for (PathPoint p : points) {
      assertThat(p.alpha()).isEqualTo(rule.schedule().alpha(p.index()));
      assertThat(p.weight()).isEqualTo(rule.schedule().weight(p.index()));
      for (int i = 0; i < x.length; i++) {
        double expected = b[i] + p.alpha() * ((double) x[i] - b[i]);
        assertThat((double) p.position()[i]).isCloseTo(expected, offset(1e-6));
        assertThat(p.tangent()[i]).isEqualTo(x[i] - b[i]);
      }
    }
  }

  @Test
  void startsAtTheBaseline() {
    float[] b = {1, 2};
    assertThat(path().start(new float[] {3, 4}, b)).containsExactly(b);
  }

  @Test
  void declaresItNeedsABaselineAndIsSymmetric() {
    assertThat(StraightPath.TYPE.capabilities())
        .contains(Capability.NEEDS_BASELINE, Capability.SYMMETRIC)
        .doesNotContain(Capability.ADAPTIVE, Capability.STOCHASTIC);
  }
}
