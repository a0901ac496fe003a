package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

class TimedModelTest {

  /** A model that records which of its methods was called. */
  static final class Recording implements ModelFunction {
    final List<String> calls = new ArrayList<>();

    @Override
    public Shape inputShape() {
      return Shape.of(1, 1, 2);
    }

    @Override
    public int numClasses() {
      return 2;
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      calls.add("outputs " + points.size());
      float[][] out = new float[points.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {points.get(i)[0], points.get(i)[1]};
      }
      return out;
    }

    @Override
    public float[] scores(List<float[]> points, int[] targets) {
      calls.add("scores " + points.size());
      float[] s = new float[points.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = points.get(i)[targets[i]];
      }
      return s;
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      calls.add("gradients " + points.size());
      List<float[]> g = new ArrayList<>();
      for (int t : targets) {
        g.add(t == 0 ? new float[] {1, 0} : new float[] {0, 1});
      }
      return new ScoresAndGradients(scores(points, targets), g);
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  @Test
  void passesEveryCallThroughAndCountsCallsAndPointsBySide() {
    Recording m = new Recording();
    TimedModel t = new TimedModel(m);
    List<float[]> two = List.of(new float[] {1, 2}, new float[] {3, 4});
    assertThat(t.inputShape()).isEqualTo(Shape.of(1, 1, 2));
    assertThat(t.numClasses()).isEqualTo(2);
    assertThat(t.outputs(two)[1]).containsExactly(3, 4);
    assertThat(t.scores(two, new int[] {1, 0})).containsExactly(2, 3);
    assertThat(t.scoresAndGradients(List.of(two.get(0)), new int[] {1}).gradients().get(0)).containsExactly(0, 1);
    t.close();

    assertThat(m.calls).containsExactly("outputs 2", "scores 2", "gradients 1", "scores 1");
    assertThat(t.forwardCalls()).isEqualTo(2);
    assertThat(t.forwardPoints()).isEqualTo(4);
    assertThat(t.gradientCalls()).isEqualTo(1);
    assertThat(t.gradientPoints()).isEqualTo(1);
    assertThat(t.forwardNanos()).isPositive();
    assertThat(t.gradientNanos()).isPositive();
    assertThat(t.modelNanos()).isEqualTo(t.forwardNanos() + t.gradientNanos());
    t.reset();
    assertThat(t.modelNanos()).isZero();
    assertThat(t.forwardCalls() + t.gradientCalls() + t.forwardPoints() + t.gradientPoints()).isZero();
  }
}
