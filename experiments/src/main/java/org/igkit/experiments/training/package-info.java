/**
 * Training recipes for the benchmark models igkit trains itself with DJL: {@link
 * org.igkit.experiments.training.ClassifierTrainer} for any architecture of {@link
 * org.igkit.runner.model.BlockArchitectures} on a {@link org.igkit.experiments.training.TrainingSet},
 * and {@link org.igkit.experiments.training.ShapesTrainer} for the procedural shapes benchmark.
 */
package org.igkit.experiments.training;
