package org.igkit.aggregators.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.testkit.FixedBaselineSampler;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.ProductModel;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.ReferenceStraightPath;
import org.junit.jupiter.api.Test;

/** The random map: drawn from the documented seed, the same for every model, with no gradient call. */
class RandomAggregatorTest {

  private static final Shape SHAPE = Shape.of(2, 1, 1);

  private static Attribution run(ModelFunction model, String distribution, long seed) {
    AttributionMethod m = new AttributionMethod("Random", FixedBaselineSampler.constants(0f), new ReferenceStraightPath(),
        new ReferenceMidpointStepRule(8), new RandomAggregator(new RandomAggregator.Spec(distribution)));
    return AttributionEngine.attribute(model, m, new float[] {0.4f, 0.9f}, 0, RandomSource.of(seed), EngineOptions.batchSize(4));
  }

  @Test
  void theMapIsTheDocumentedDrawAndIndependentOfTheModel() {
    SplittableRandom g = RandomSource.of(5).derive("aggregator").derive("random-map").generator();
    float[] expected = {(float) g.nextGaussian(), (float) g.nextGaussian()};
    Attribution product = run(new ProductModel(), null, 5);
    Attribution linear = run(new LinearModel(SHAPE, new double[] {3, -2}, 1), null, 5);
    assertThat(product.values()).containsExactly(expected);
    assertThat(linear.values()).containsExactly(expected);
    assertThat(product.gradientPoints()).isZero();
    assertThat(run(new ProductModel(), null, 6).values()).isNotEqualTo(expected);
  }

  @Test
  void uniformDrawsLieInMinusOneToOne() {
    SplittableRandom g = RandomSource.of(5).derive("aggregator").derive("random-map").generator();
    float[] expected = {(float) (2 * g.nextDouble() - 1), (float) (2 * g.nextDouble() - 1)};
    assertThat(run(new ProductModel(), "uniform", 5).values()).containsExactly(expected);
    assertThatThrownBy(() -> new RandomAggregator.Spec("gauss")).hasMessageContaining("distribution");
  }
}
