/**
 * Benchmark data sets whose ground truth is known by construction, each with exact masks and
 * boxes: the procedural {@code shapes} benchmark (generated from a seed, no files), and two built
 * from Debian's Fashion-MNIST — {@code fashion-on-texture} (items pasted on CC0 textures and
 * photographs, BAM-style) and {@code block-mnist} (an item in one half, a null patch in the
 * other) — whose generators ({@link org.igkit.experiments.data.FashionOnTexture},
 * {@link org.igkit.experiments.data.BlockMnist}) read the Debian files and whose data sets read
 * npz archives ({@link org.igkit.experiments.data.BenchmarkArchive}), by default the evaluation
 * splits shipped in the jar.
 */
package org.igkit.experiments.data;
