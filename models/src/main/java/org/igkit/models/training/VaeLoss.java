package org.igkit.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.igkit.models.EngineScalars;

/**
 * The negative evidence lower bound of a VAE with a Gaussian decoder of fixed noise σ, averaged
 * over the batch: per image Σ_pixels (x − x̂)² / 2σ² + KL(N(μ, σ_z²) ‖ N(0, I)), with
 * KL = −½ Σ (1 + log σ_z² − μ² − σ_z²) (constants dropped). Labels: (x); predictions:
 * (x̂, μ, log σ_z²) as {@link org.igkit.models.latent.ConvVae#forward} returns them.
 */
final class VaeLoss extends Loss {

  private final double sigma;

  VaeLoss(double sigma) {
    super("vae-loss");
    this.sigma = sigma;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray[] parts = parts(labels, predictions);
    return parts[0].add(parts[1]).mean();
  }

  /** Returns the per-image reconstruction term Σ (x − x̂)² / 2σ² and the per-image KL term. */
  NDArray[] parts(NDList labels, NDList predictions) {
    NDArray x = labels.get(0);
    NDArray reconstruction = predictions.get(0);
    NDArray mean = predictions.get(1);
    NDArray logVar = predictions.get(2);
    NDArray sse = x.sub(reconstruction).square().sum(new int[] {1, 2, 3});
    // constants held by the engine: the backward pass of div and mul reads them (EngineScalars)
    NDArray recon = sse.div(EngineScalars.of(sse, 2 * sigma * sigma));
    NDArray klSum = logVar.add(1).sub(mean.square()).sub(logVar.exp()).sum(new int[] {1});
    NDArray kl = klSum.mul(EngineScalars.of(klSum, -0.5));
    return new NDArray[] {recon, kl};
  }
}
