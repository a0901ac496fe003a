package org.igkit.api.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A fault of one sample, not of the run: its image cannot be read or has the wrong shape, its
 * mask is missing or does not fit, its label is not a class of the model, the model fails on its
 * points or its answer for them has the wrong shape, or a value computed from it is NaN or
 * infinite. A runner records such a fault for the sample and goes on
 * with the next; every other exception stops the run. Data sets, models and plugins throw it
 * where they know the fault lies with one sample's data.
 */
public class SampleFaultException extends AttributionException {

  private static final long serialVersionUID = 1L;

  /** What went wrong with the sample. */
  public enum Kind {
    /** The image file is unreadable, truncated or not an image. */
    CORRUPT_IMAGE,
    /** The image's size or channel count is not the model's input shape. */
    WRONG_SHAPE,
    /** The mask is missing or does not fit the image. */
    MASK,
    /** The model's output for the sample has the wrong shape. */
    MODEL_OUTPUT,
    /** The model's forward or backward pass failed on the sample's points (an engine error). */
    MODEL,
    /** The sample's label, the explained class, is not a class of the model. */
    LABEL,
    /** An input, score, gradient or attribution is NaN or infinite. */
    NON_FINITE;

    /** Returns the id written to reports: lower case, words joined by {@code -}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;

  /** Creates a fault of {@code kind} with a message that says what is wrong and where. */
  public SampleFaultException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Creates a fault of {@code kind} with a message and its cause. */
  public SampleFaultException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns what went wrong. */
  public Kind kind() {
    return kind;
  }
}
