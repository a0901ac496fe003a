package org.igkit.models.latent;

import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.Tolerances;
import org.junit.jupiter.api.AfterAll;

/**
 * The path contract for {@code latent} with {@code mode: guided} (adaptive: Guided IG's steps on
 * the latent vector, MA-GIG's defaults fraction 0.1 and maxDist 1), each analytic case with an
 * untrained seeded VAE of its shape (latent dimension 4, so Guided IG has coordinates to choose
 * from).
 *
 * <p>Completeness: the guided mode's quadrature sum is a left Riemann sum over its own polyline
 * (MA-GIG's Σ_k ∇f(p_k)·(p_{k+1} − p_k)), first order in 1/S, and most of its error comes from
 * the two end-blend zones, where the point moves fastest (error ∝ |x − D(z)|²/(b·S) on curved
 * models) and from ReLU switches inside a step. Measured relative gaps at 64 / 256 / 1024 steps
 * (endBlend 0.25): {@code product} 4.7e-2 / 1.2e-2 / 2.9e-3, {@code softmax-linear} 1.2e-4 /
 * 1.6e-5 / 3.1e-6, {@code linear} ≤ 2e-9 (the left sum of a linear model telescopes),
 * {@code relu-ig-paper} 2.5e-3 / 2.0e-2 / 7.2e-3, {@code relu-ig-paper-active} 1.1e-2 / 3.3e-2 /
 * 6.9e-3, {@code relu-network} 9.0e-2 / 2.4e-2 / 4.3e-3. So the contract is checked with a
 * 1024-step midpoint rule at the first-order tolerance
 * ({@link Tolerances#COMPLETENESS_FIRST_ORDER}) on smooth cases and the kinked one
 * ({@link Tolerances#COMPLETENESS_KINKED}) on ReLU cases. IDGI is exact ({@link LatentPathTest}).
 */
class GuidedLatentPathContractTest implements PathContract {

  private final RandomVaes vaes = new RandomVaes(4, 4, 12);

  @Override
  public Path path() {
    return new LatentPath(RandomVaes.spec("guided", null), vaes);
  }

  @Override
  public boolean adaptive() {
    return true;
  }

  @Override
  public StepRule fineRule() {
    return new ReferenceMidpointStepRule(1024);
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return c.smooth() ? Tolerances.COMPLETENESS_FIRST_ORDER : Tolerances.COMPLETENESS_KINKED;
  }

  @AfterAll
  void closeVaes() {
    vaes.close();
  }
}
