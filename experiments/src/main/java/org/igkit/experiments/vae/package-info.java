/**
 * The training recipe of the VAE behind the {@code latent} path: {@link
 * org.igkit.experiments.vae.VaeTrainer} (DJL, CPU, seeded) on the shapes benchmark, its settings
 * ({@link org.igkit.experiments.vae.VaeTrainingSpec}) and loss, and the {@code igkit train-vae}
 * command ({@link org.igkit.experiments.vae.TrainVaeCommand}) that writes
 * {@code experiments/models/shapes-vae.params} and its JSON record.
 */
package org.igkit.experiments.vae;
