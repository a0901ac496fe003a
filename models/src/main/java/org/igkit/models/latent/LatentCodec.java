package org.igkit.models.latent;

import java.util.List;
import org.igkit.api.model.Shape;

/**
 * A VAE as the latent paths use it: an encoder E that returns the posterior mean of an image, a
 * decoder D from latent vectors to images, and the decoder's vector–Jacobian product
 * J_D(z)ᵀ v (the backward pass of D with output cotangent v), which pulls an image-space gradient
 * back to latent space (MA-GIG's ∇_z f(D(z)) = J_D(z)ᵀ ∇f(D(z)); MIG's η).
 *
 * <p>Images are C×H×W float arrays of {@link #shape()}; latents are flat arrays of
 * {@link #latentDim()} values. Every method takes a batch and returns fresh arrays. Implementations
 * are igkit's {@link VaeCodec} ({@code model:}, a VAE trained by {@code igkit train-vae}) and
 * {@link TorchScriptCodec} (a user's encoder and decoder as TorchScript files).
 */
public interface LatentCodec extends AutoCloseable {

  /** Returns the image shape the VAE takes. */
  Shape shape();

  /** Returns the latent dimension. */
  int latentDim();

  /** Returns the posterior mean E(x) of each image. */
  float[][] encode(List<float[]> images);

  /** Returns the decoded image D(z) of each latent. */
  float[][] decode(List<float[]> latents);

  /**
   * Returns J_D(z_i)ᵀ v_i for each latent z_i and image-space cotangent v_i (the gradient of
   * Σ D(z_i)·v_i with respect to z_i).
   */
  float[][] decodeVjp(List<float[]> latents, List<float[]> cotangents);

  /** Frees the VAE's native memory; the codec cannot be used afterwards. */
  @Override
  void close();
}
