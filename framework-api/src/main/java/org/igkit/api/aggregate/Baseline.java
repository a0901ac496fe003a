package org.igkit.api.aggregate;

/**
 * One baseline x' with a name that says where it came from ({@code "black"},
 * {@code "uniform-noise#2"}, {@code "dataset#17"}).
 *
 * @param name   a short, stable name used in results and reports
 * @param values C×H×W values in the user's image space
 */
public record Baseline(String name, float[] values) {}
