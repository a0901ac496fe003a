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
 * The path contract for {@code latent} in mode geodesic (MIG), rate 2e-5, 2 iterations, energyTolerance 0 (so the points move; Gauss–Seidel on T = 1025 points is stable only for α below about dt/(2‖J_D‖²), and diverges to NaN at α = 0.01), with igkit's exact ends (endBlend 0.25),
 * on every analytic case with a closed-form VAE of the case's shape ({@link QuadraticCodec}, latent
 * dimension 4, curved decoder): endpoints, one point per node, batch invariance, no mutation,
 * determinism, and completeness with a 1024-step midpoint rule at the first-order tolerance on
 * smooth cases and the kinked one on ReLU cases (the decoded curve is traversed fastest in the
 * blend zones, as for the default latent path).
 */
class GeodesicLatentPathContractTest implements PathContract {

  private final Function<Shape, QuadraticCodec> codecs = QuadraticCodec.perShape(4, 0.2, 5);

  @Override
  public Path path() {
    return new LatentPath(new LatentPath.Spec("not-read.params", null, "geodesic", null, null, null, null, null, null, null, null, null, null, 2e-5, 2, 0.0), codecs);
  }

  @Override
  public boolean adaptive() {
    return false;
  }

  @Override
  public StepRule fineRule() {
    return new ReferenceMidpointStepRule(1024);
  }

  @Override
  public double completenessTolerance(AnalyticCase c) {
    return c.smooth() ? Tolerances.COMPLETENESS_FIRST_ORDER : Tolerances.COMPLETENESS_KINKED;
  }
}
