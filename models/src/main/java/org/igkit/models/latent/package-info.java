/**
 * The {@code latent} path plugin — a manifold-aligned path (MA-GIG's idea) through the latent
 * space of a small convolutional VAE — and the VAE itself: the DJL block
 * ({@link org.igkit.models.latent.ConvVae}), its file format ({@link org.igkit.models.latent.VaeFile})
 * and batched inference ({@link org.igkit.models.latent.VaeCodec}). The VAE is trained by
 * {@code igkit train-vae} (module {@code experiments}).
 */
package org.igkit.models.latent;
