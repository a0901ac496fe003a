package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.model.Argmax;
import org.igkit.api.path.PathRequest;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.geodesic.EnergyPath;
import org.igkit.paths.step.IdgiStepRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code geodesic-energy} path on the TorchScript tiny CNN (3×32×32, ten classes): the energy
 * falls at every accepted step and is the energy of the returned vertices as the model scores
 * them, and the batch size changes the path only by float rounding.
 */
class GeodesicEnergyCnnTest {

  private static final double LAMBDA = 0.1;
  private static DjlModelFunction model;

  @BeforeAll
  static void load() {
    model = DjlModelFunction.load(Fixtures.tinyCnn());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static EnergyPath.Optimised optimise(int batchSize, float[] x, float[] b, int target) {
    EnergyPath p = new EnergyPath(new EnergyPath.Spec(12, 25, 0.05, LAMBDA, 0.0, null, 0.0, 1.0, null, batchSize));
    return p.optimise(new PathRequest(x, b, model.inputShape(), new IdgiStepRule(8).schedule(), model, target,
        RandomSource.of(1).derive("path", 0)));
  }

  /** E of the reference notes for the vertices, from the model's forward scores, in double. */
  private static double energy(List<float[]> v, int target) {
    int[] targets = new int[v.size()];
    Arrays.fill(targets, target);
    float[] f = model.scores(new ArrayList<>(v), targets);
    float[] a = v.get(0);
    float[] b = v.get(v.size() - 1);
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += ((double) b[i] - a[i]) * ((double) b[i] - a[i]);
    }
    double change = (double) f[f.length - 1] - f[0];
    double e = 0;
    for (int j = 0; j + 1 < v.size(); j++) {
      double df = (double) f[j + 1] - f[j];
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        double d = (double) v.get(j + 1)[i] - v.get(j)[i];
        s += d * d;
      }
      e += df * df / (change * change) + LAMBDA * s / d2;
    }
    return e;
  }

  @Test
  void energyFallsAtEveryStepOnASmallCnn() {
    float[] x = Fixtures.formulaInput(0.7, 0.3, 0.2, 0.1);
    float[] b = new float[x.length];
    int target = Argmax.of(model.outputs(List.of(x))[0]);
    EnergyPath.Optimised o = optimise(6, x, b, target);
    double[] e = o.energies();
    assertThat(e.length).as("accepted steps + 1 (energies %s)", Arrays.toString(e)).isGreaterThan(5);
    for (int k = 1; k < e.length; k++) {
      assertThat(e[k]).as("energy after accepted step %d of %s", k, Arrays.toString(e)).isLessThan(e[k - 1]);
    }
    assertThat(e[e.length - 1]).as("final vs initial energy").isLessThan(0.9 * e[0]);
    assertThat(e[e.length - 1]).as("recorded final energy vs the model's scores at the vertices")
        .isCloseTo(energy(o.vertices(), target), offset(1e-3 * e[e.length - 1]));
    assertThat(o.vertices().get(0)).containsExactly(b);
    assertThat(o.vertices().get(o.vertices().size() - 1)).containsExactly(x);
  }

  /**
   * Batched convolutions may round differently from single ones, so across batch sizes the path
   * agrees to float rounding, not bit for bit.
   */
  @Test
  void batchSizeChangesTheEnergyOnlyByRounding() {
    float[] x = Fixtures.formulaInput(0.7, 0.3, 0.2, 0.1);
    float[] b = new float[x.length];
    int target = Argmax.of(model.outputs(List.of(x))[0]);
    double[] one = optimise(1, x, b, target).energies();
    double[] all = optimise(11, x, b, target).energies();
    assertThat(all.length).isEqualTo(one.length);
    for (int k = 0; k < one.length; k++) {
      assertThat(all[k]).as("energy %d", k).isCloseTo(one[k], offset(1e-4 * one[k]));
    }
  }
}
