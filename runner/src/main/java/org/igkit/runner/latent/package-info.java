/**
 * The {@code latent} path plugin — a manifold-aligned path (MA-GIG's idea) through the latent
 * space of a small convolutional VAE — and the VAE itself: the DJL block
 * ({@link org.igkit.runner.latent.ConvVae}), its file format ({@link org.igkit.runner.latent.VaeFile})
 * and batched inference ({@link org.igkit.runner.latent.VaeCodec}). The VAE is trained by
 * {@code igkit train-vae} (module {@code experiments}).
 */
package org.igkit.runner.latent;
