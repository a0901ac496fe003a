package org.igkit.paths.spectral;

/**
 * When each component of {@link SpectralPath} is switched on: a component of strength s starts at
 * start(s) = (1 − w)(1 − s), w = the overlap ω, and ramps over [start, start + w] by the progress
 * π = clamp((α − start)/w, 0, 1) through a shape φ(π). With w ≤ 1e-8 the gate is a hard switch,
 * φ = [α ≥ start].
 *
 * <pre>
 *   linear   φ = π
 *   cosine   φ = ½ − ½ cos(π·π)
 *   sigmoid  φ = (σ(k(π − ½)) − σ(−k/2)) / (σ(k/2) − σ(−k/2)),  σ the logistic function, k the gain
 *   step     φ = [π ≥ ½]
 * </pre>
 *
 * Every shape has φ(0) = 0 and φ(1) = 1 exactly (the reference adds 1e-10 to the sigmoid's
 * denominator, so its sigmoid ends 1e-10 short of 1; here it does not).
 */
final class SpectralGate {

  /** Overlaps at or below this make the gate a hard switch (the reference's threshold). */
  static final double HARD_SWITCH = 1e-8;

  private final SpectralPath.Gate shape;
  private final double w;
  private final double gain;
  private final double low;
  private final double range;

  SpectralGate(SpectralPath.Gate shape, double overlap, double gain) {
    this.shape = shape;
    this.w = Math.max(0, Math.min(1, overlap));
    this.gain = gain;
    this.low = logistic(-gain / 2);
    this.range = logistic(gain / 2) - low;
  }

  /** Returns whether φ is piecewise constant in α (a step or a hard switch): a path of jumps. */
  boolean jumps() {
    return w <= HARD_SWITCH || shape == SpectralPath.Gate.STEP;
  }

  /** Returns start(s) = (1 − w)(1 − s). */
  double start(double strength) {
    return (1 - w) * (1 - strength);
  }

  /** Returns φ at α for a component starting at {@code start}. */
  double value(double alpha, double start) {
    if (w <= HARD_SWITCH) {
      return alpha >= start ? 1 : 0;
    }
    double p = Math.max(0, Math.min(1, (alpha - start) / w));
    return switch (shape) {
      case LINEAR -> p;
      case COSINE -> 0.5 - 0.5 * Math.cos(Math.PI * p);
      case SIGMOID -> p == 0 ? 0 : p == 1 ? 1 : Math.max(0, Math.min(1, (logistic(gain * (p - 0.5)) - low) / range));
      case STEP -> p >= 0.5 ? 1 : 0;
    };
  }

  /**
   * Returns dφ/dα at α: zero outside the ramp, right-continuous at its ends (the left limit at
   * α = 1), and zero for the piecewise constant shapes.
   */
  double slope(double alpha, double start) {
    if (jumps()) {
      return 0;
    }
    double p = (alpha - start) / w;
    boolean ramping = alpha == 1 ? p > 0 && p <= 1 : p >= 0 && p < 1;
    if (!ramping) {
      return 0;
    }
    p = Math.max(0, Math.min(1, p));
    double dp = switch (shape) {
      case LINEAR -> 1;
      case COSINE -> 0.5 * Math.PI * Math.sin(Math.PI * p);
      case SIGMOID -> {
        double s = logistic(gain * (p - 0.5));
        yield gain * s * (1 - s) / range;
      }
      case STEP -> 0;
    };
    return dp / w;
  }

  private static double logistic(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
