/**
 * Benchmark data sets whose ground truth is known by construction (objects drawn on procedural
 * textures with exact masks and boxes), generated from a seed with no files to download.
 */
package org.igkit.experiments.data;
