package org.igkit.metrics;

/**
 * A metric could not be evaluated for a reason the user can act on: a missing ground-truth mask,
 * an attribution or image of the wrong shape, a model that answered NaN or ∞. The message starts
 * with the metric's id and says what was wrong and what was expected.
 */
public class MetricException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names the metric, the problem and what is allowed. */
  public MetricException(String message) {
    super(message);
  }
}
