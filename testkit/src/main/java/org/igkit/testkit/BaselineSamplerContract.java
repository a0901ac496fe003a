package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of a {@link BaselineSampler}: at least one baseline, each named and of the input's
 * size, every value finite, the same baselines for the same seed, and the input left alone. A
 * plugin's test implements this interface and supplies {@link #sampler()}; {@link #shape()},
 * {@link #input} and {@link #referenceImages} have defaults (3×8×8, seeded values in [0, 1)).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface BaselineSamplerContract {

  /** Returns the sampler under test. */
  BaselineSampler sampler();

  /** Returns the input shape; default 3×8×8. */
  default Shape shape() {
    return Shape.of(3, 8, 8);
  }

  /** Returns the input the baselines are drawn for; default: seeded values in [0, 1). */
  default float[] input(Shape shape) {
    return SeededArrays.uniform(RandomSource.of(AnalyticModels.SEED).derive("sampler-input"), shape.size(), 0, 1);
  }

  /** Returns the reference images for data-drawn samplers; default: 16 seeded noise images. */
  default List<float[]> referenceImages(Shape shape) {
    return SeededArrays.images(RandomSource.of(AnalyticModels.SEED).derive("reference"), shape, 16);
  }

  /** Returns the sampler's baselines for the default input and the given seed. */
  default List<Baseline> sample(long seed) {
    Shape shape = shape();
    return sampler().sample(new BaselineRequest(input(shape), shape, RandomSource.of(seed), referenceImages(shape)));
  }

  /** At least one baseline. */
  @Test
  default void givesAtLeastOneBaseline() {
    assertThat(sample(1)).as("baselines").isNotEmpty();
  }

  /** Every baseline has a non-blank name and the input's size. */
  @Test
  default void baselinesAreNamedAndShapedLikeTheInput() {
    for (Baseline b : sample(1)) {
      assertThat(b.name()).as("baseline name").isNotBlank();
      assertThat(b.values()).as("values of baseline '%s'", b.name()).isNotNull().hasSize(shape().size());
    }
  }

  /** Every value of every baseline is finite. */
  @Test
  default void valuesAreFinite() {
    for (Baseline b : sample(1)) {
      assertThat(Attributions.firstNonFinite(b.values()))
          .as("first non-finite value of baseline '%s'", b.name())
          .isEqualTo(-1);
    }
  }

  /** The same seed gives the same baselines, in the same order, with the same names. */
  @Test
  default void deterministicForEqualSeeds() {
    List<Baseline> first = sample(7);
    List<Baseline> second = sample(7);
    assertThat(second).as("second draw").hasSameSizeAs(first);
    for (int k = 0; k < first.size(); k++) {
      assertThat(second.get(k).name()).as("name of baseline %d", k).isEqualTo(first.get(k).name());
      assertThat(second.get(k).values()).as("values of baseline '%s'", first.get(k).name())
          .containsExactly(first.get(k).values());
    }
  }

  /** Sampling leaves the input and the reference images unchanged. */
  @Test
  default void leavesTheInputAlone() {
    Shape shape = shape();
    float[] x = input(shape);
    List<float[]> refs = referenceImages(shape);
    sampler().sample(new BaselineRequest(x, shape, RandomSource.of(3), refs));
    assertThat(x).as("input after sampling").containsExactly(input(shape));
    List<float[]> fresh = referenceImages(shape);
    for (int k = 0; k < refs.size(); k++) {
      assertThat(refs.get(k)).as("reference image %d after sampling", k).containsExactly(fresh.get(k));
    }
  }
}
