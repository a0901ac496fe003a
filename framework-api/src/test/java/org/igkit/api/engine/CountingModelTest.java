package org.igkit.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

class CountingModelTest {

  @Test
  void allFiniteFindsEveryNonFiniteValueWhereverItIs() {
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int n = 0; n <= 19; n++) {
      float[] v = new float[n];
      for (int j = 0; j < n; j++) {
        v[j] = (j % 2 == 0 ? -1 : 1) * Float.MAX_VALUE / (j + 1);
      }
      assertThat(CountingModel.allFinite(v)).isTrue();
      for (int j = 0; j < n; j++) {
        for (float b : bad) {
          float[] w = v.clone();
          w[j] = b;
          assertThat(CountingModel.allFinite(w)).as("n=%d, %s at %d", n, b, j).isFalse();
        }
      }
    }
  }

  @Test
  void aNonFiniteGradientIsAnErrorNamingWhere() {
    Shape shape = Shape.of(1, 3, 3);
    ModelFunction nan = new ModelFunction() {
      @Override
      public Shape inputShape() {
        return shape;
      }

      @Override
      public int numClasses() {
        return 2;
      }

      @Override
      public float[][] outputs(List<float[]> points) {
        return new float[points.size()][2];
      }

      @Override
      public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
        List<float[]> g = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
          g.add(new float[shape.size()]);
        }
        g.get(1)[5] = Float.NaN;
        return new ScoresAndGradients(new float[points.size()], g);
      }
    };
    CountingModel counted = new CountingModel(nan);
    List<float[]> points = List.of(new float[9], new float[9]);
    assertThatThrownBy(() -> counted.scoresAndGradients(points, new int[] {0, 0}))
        .isInstanceOf(AttributionException.class)
        .hasMessageContaining("NaN as gradient at point 1 of the batch, element 5");
    assertThat(counted.outputs(points)).hasDimensions(2, 2);
  }
}
