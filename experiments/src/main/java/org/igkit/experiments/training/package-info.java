/**
 * Training recipes for the benchmark models igkit trains itself with DJL: {@link
 * org.igkit.models.training.ClassifierTrainer} for any architecture of {@link
 * org.igkit.models.block.BlockArchitectures} on a {@link org.igkit.models.training.TrainingSet},
 * and {@link org.igkit.experiments.training.ShapesTrainer} for the procedural shapes benchmark.
 */
package org.igkit.experiments.training;
