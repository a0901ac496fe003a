package org.igkit.models.latent;

import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.junit.jupiter.api.AfterAll;

/**
 * The path contract for {@code latent} in its default mode ({@code straight}, endBlend 0.25) on
 * every analytic case, each with an untrained, seeded VAE built for the case's shape (latent
 * dimension 3, width 4; for these tiny shapes the VAE has no convolution stage and its decoder is
 * sigmoid(Wz + b) — enough to make the decoded curve a real, curved, smooth path; no training
 * needed). Endpoints exact, points finite, one point per node, batching invariance, no mutation,
 * determinism, and completeness with a fine midpoint rule at the contract's default tolerances
 * (1e-3 smooth, 2e-2 kinked).
 *
 * <p>With endBlend &gt; 0 the path is C¹ from x' to x, so quadrature converges: second order on
 * smooth cases, first order where a ReLU switches. Measured relative gaps at 64 / 256 / 1024
 * steps: {@code linear} 3.7e-3 / 2.3e-4 / 1.8e-5, {@code product} 2.6e-3 / 1.6e-4 / 1.2e-5,
 * {@code softmax-linear} 2.4e-3 / 1.5e-4 / 1.2e-5; {@code relu-ig-paper} 6.4e-2 / 3.2e-2 / 7.3e-3,
 * {@code relu-ig-paper-active} 3.5e-2 / 1.4e-2 / 2.8e-3, {@code relu-network} 4.2e-2 / 8.9e-3 /
 * 5.9e-4. The kinks are crossed in the blend zones, where the path moves fastest, so 256 steps
 * are not enough on {@code relu-ig-paper}: the contract runs with 1024. (With endBlend 0 the same
 * cases keep gaps of 0.6–2.2 at every step count — the two jumps of an untrained VAE;
 * {@link LatentPathTest} checks that they are exactly what quadrature misses.) IDGI's exactness is
 * in {@link LatentPathTest}.
 */
class LatentPathContractTest implements PathContract {

  private final RandomVaes vaes = new RandomVaes(3, 4, 11);

  @Override
  public Path path() {
    return new LatentPath(RandomVaes.spec(null, null), vaes);
  }

  @Override
  public StepRule fineRule() {
    return new ReferenceMidpointStepRule(1024);
  }

  @AfterAll
  void closeVaes() {
    vaes.close();
  }
}
