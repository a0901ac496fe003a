package org.igkit.models.latent;

import java.util.function.Function;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.step.StepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.PathContract;
import org.igkit.testkit.ReferenceMidpointStepRule;
import org.igkit.testkit.Tolerances;

/**
 * The path contract for {@code latent} in mode guided with the authors' loop and slerp (MA-GIG's fraction 0.05), with igkit's exact ends (endBlend 0.25),
 * on every analytic case with a closed-form VAE of the case's shape ({@link QuadraticCodec}, latent
 * dimension 4, curved decoder): endpoints, one point per node, batch invariance, no mutation,
 * determinism, and completeness with a 1024-step midpoint rule (on a guided path every rule
 * computes the left sum over its polyline) at the kinked tolerance on every case: the authors'
 * loop moves the few lowest-|∂f/∂z| coordinates in bursts and ends with its jump over the last
 * 1/(S+1) of the L₁ distance, so its first-order gap is larger than that of igkit's loop —
 * measured at 1024 steps: product 1.4e-2, softmax-linear 1.25e-2 relative.
 */
class MaGigLoopLatentPathContractTest implements PathContract {

  private final Function<Shape, QuadraticCodec> codecs = QuadraticCodec.perShape(4, 0.2, 5);

  @Override
  public Path path() {
    return new LatentPath(new LatentPath.Spec("not-read.params", null, "guided", null, null, 0.05, null, null, null, null, true, null, "reference", null, null, null), codecs);
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
    return Tolerances.COMPLETENESS_KINKED;
  }
}
