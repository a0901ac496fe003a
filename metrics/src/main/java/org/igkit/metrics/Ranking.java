package org.igkit.metrics;

import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.model.Shape;

/**
 * How a metric orders the spatial positions of an attribution map: the C×H×W map is summed over
 * channels ({@link MapKernels#spatialSum}) — of the signed values or of their absolute values —
 * and positions are ranked from largest to smallest, ties by lower position index
 * ({@link MapKernels#rankDescending}).
 */
public enum Ranking {
  /** Rank by Σ_c A(c, y, x): positive evidence first, negative evidence last (default). */
  SIGNED,
  /** Rank by Σ_c |A(c, y, x)|: large evidence of either sign first. */
  ABSOLUTE;

  /** Returns the H·W positions of {@code map} (C×H×W), most important first. */
  public int[] order(double[] map, Shape shape) {
    return ComputeBackends.get().order(map, shape.channels(), shape.pixels(), this == ABSOLUTE);
  }
}
