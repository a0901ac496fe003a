package org.igkit.api.engine;

/**
 * An attribution could not be computed for a reason the user can act on: the model returned NaN
 * or ∞, an image had the wrong shape, a baseline sampler had nothing to draw from. The message
 * says what happened and where.
 */
public class AttributionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what went wrong and where. */
  public AttributionException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public AttributionException(String message, Throwable cause) {
    super(message, cause);
  }
}
