package org.igkit.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The counting backend: it gives the wrapped backend's numbers, counts each operation's calls and
 * elements as its description says, covers every operation of {@link ComputeBackend}, and
 * {@link ComputeBackends#install} puts it in place and takes it out again.
 */
class CountingComputeBackendTest {

  private static double[] doubles(SplittableRandom g, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = g.nextDouble(-1, 1);
    }
    return v;
  }

  private static float[] floats(SplittableRandom g, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) g.nextDouble(-1, 1);
    }
    return v;
  }

  @Test
  void everyOperationOfTheSpiIsCountedAndOverridden() throws NoSuchMethodException {
    TreeSet<String> spi = new TreeSet<>();
    for (Method m : ComputeBackend.class.getMethods()) {
      if (Modifier.isAbstract(m.getModifiers()) && !m.getName().equals("name")) {
        spi.add(m.getName());
        Method own = CountingComputeBackend.class.getMethod(m.getName(), m.getParameterTypes());
        assertThat(own.getDeclaringClass()).as(m.getName()).isEqualTo(CountingComputeBackend.class);
      }
    }
    assertThat(new TreeSet<>(CountingComputeBackend.OPERATIONS)).isEqualTo(spi);
  }

  @Test
  void givesTheWrappedBackendsNumbersAndCountsCallsAndElements() {
    SplittableRandom g = new SplittableRandom(3);
    JavaComputeBackend java = new JavaComputeBackend();
    CountingComputeBackend counting = new CountingComputeBackend(java);
    int channels = 3;
    int pixels = 20;
    double[] map = doubles(g, channels * pixels);
    // order = rankDescending ∘ spatialSum: both counted
    assertThat(counting.order(map, channels, pixels, true)).isEqualTo(java.order(map, channels, pixels, true));
    int[] rank = counting.ranks(java.order(map, channels, pixels, false));
    assertThat(rank).isEqualTo(java.ranks(java.order(map, channels, pixels, false)));
    int[] counts = {0, 5, 20};
    assertThat(counting.masks(rank, counts)).isEqualTo(java.masks(rank, counts));
    float[] base = floats(g, channels * pixels);
    float[] donor = floats(g, channels * pixels);
    float[] out = new float[2 * channels * pixels];
    float[] expected = new float[2 * channels * pixels];
    counting.composites(base, donor, channels, rank, counts, 1, 2, out);
    java.composites(base, donor, channels, rank, counts, 1, 2, expected);
    assertThat(out).isEqualTo(expected);
    double[] x = {0, 0.25, 1};
    double[] y = doubles(g, 4 * x.length);
    assertThat(counting.trapezoids(x, y, 4)).isEqualTo(java.trapezoids(x, y, 4));
    List<double[]> maps = List.of(doubles(g, 7), doubles(g, 7), doubles(g, 7));
    double[] weights = {0.5, 0, 2};
    assertThat(counting.weightedSum(maps, weights, 7)).isEqualTo(java.weightedSum(maps, weights, 7));
    float[] points = floats(g, 5 * 4);
    double[] d = counting.pairwiseSquaredDistances(points, 5, 4);
    assertThat(d).isEqualTo(java.pairwiseSquaredDistances(points, 5, 4));
    assertThat(counting.nearestNeighbours(d, 5, 2)).isEqualTo(java.nearestNeighbours(d, 5, 2));

    Map<String, CountingComputeBackend.Count> c = counting.counts();
    assertThat(c.keySet()).containsExactly("spatialSum", "rankDescending", "ranks", "masks", "composites",
        "trapezoids", "weightedSum", "pairwiseSquaredDistances", "nearestNeighbours");
    assertThat(c.get("spatialSum").calls()).isEqualTo(1);
    assertThat(c.get("spatialSum").elements()).isEqualTo(channels * pixels);
    assertThat(c.get("rankDescending").elements()).isEqualTo(pixels);
    assertThat(c.get("ranks").elements()).isEqualTo(pixels);
    assertThat(c.get("masks").elements()).isEqualTo(counts.length * pixels);
    assertThat(c.get("composites").elements()).isEqualTo(2L * channels * pixels);
    assertThat(c.get("trapezoids").elements()).isEqualTo(y.length);
    assertThat(c.get("weightedSum").elements()).isEqualTo(2 * 7); // the map of weight 0 is skipped
    assertThat(c.get("pairwiseSquaredDistances").elements()).isEqualTo(5 * 5 * 4);
    assertThat(c.get("nearestNeighbours").elements()).isEqualTo(25);
    c.values().forEach(v -> assertThat(v.cpuNanos()).isNotNegative());

    counting.reset();
    assertThat(counting.counts()).isEmpty();
  }

  @Test
  void countsACallThatThrows() {
    CountingComputeBackend counting = new CountingComputeBackend(new JavaComputeBackend());
    assertThatThrownBy(() -> counting.ranks(new int[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
    assertThat(counting.counts().get("ranks").calls()).isEqualTo(1);
  }

  @Test
  void passesTheNameAndTheFallbacksThrough() {
    ComputeBackend fallingBack = new JavaComputeBackend() {
      @Override
      public String name() {
        return "device";
      }

      @Override
      public Map<String, Long> fallbacks() {
        return Map.of("masks", 2L);
      }
    };
    CountingComputeBackend counting = new CountingComputeBackend(fallingBack);
    assertThat(counting.name()).isEqualTo("device");
    assertThat(counting.fallbacks()).isEqualTo(Map.of("masks", 2L));
    assertThat(new JavaComputeBackend().fallbacks()).isEmpty();
  }

  @Test
  void describeNamesTheFallbacksSinceAnEarlierReading() {
    long[] masks = {1};
    ComputeBackend b = new JavaComputeBackend() {
      @Override
      public String name() {
        return "tornado: OPENCL dev";
      }

      @Override
      public Map<String, Long> fallbacks() {
        return Map.of("masks", masks[0], "ranks", 3L);
      }
    };
    Map<String, Long> before = b.fallbacks();
    assertThat(ComputeBackends.describe(b, before)).isEqualTo("tornado: OPENCL dev");
    masks[0] = 4;
    assertThat(ComputeBackends.describe(b, before)).isEqualTo("tornado: OPENCL dev (java fallback: masks ×3)");
    assertThat(ComputeBackends.describe(b, Map.of()))
        .isEqualTo("tornado: OPENCL dev (java fallback: masks ×4, ranks ×3)");
  }

  @Test
  void installPutsABackendInPlaceUntilClosed() {
    ComputeBackend chosen = ComputeBackends.get();
    CountingComputeBackend outer = new CountingComputeBackend(chosen);
    CountingComputeBackend inner = new CountingComputeBackend(chosen);
    try (ComputeBackends.Installed a = ComputeBackends.install(outer)) {
      assertThat(ComputeBackends.get()).isSameAs(outer);
      ComputeBackends.Installed b = ComputeBackends.install(inner);
      assertThat(ComputeBackends.get()).isSameAs(inner);
      assertThatThrownBy(a::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("close that one first");
      b.close();
      b.close();
      assertThat(ComputeBackends.get()).isSameAs(outer);
      ComputeBackends.get().rankDescending(new double[] {1, 2});
    }
    assertThat(ComputeBackends.get()).isSameAs(chosen);
    assertThat(outer.counts().get("rankDescending").calls()).isEqualTo(1);
    assertThat(inner.counts()).isEmpty();
    assertThat(Arrays.asList(CountingComputeBackend.OPERATIONS.toArray())).doesNotHaveDuplicates();
  }
}
