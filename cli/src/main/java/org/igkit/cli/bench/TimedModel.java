package org.igkit.cli.bench;

import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A {@link ModelFunction} that measures the time spent inside its delegate on a {@link Clock},
 * separately for forward-only calls ({@link #outputs}, {@link #scores}) and gradient calls, and
 * counts calls and points. Everything a caller does between these calls is, by elimination, its
 * own (Java-side) work. Not thread-safe, like the models it wraps.
 */
public final class TimedModel implements ModelFunction {

  private final ModelFunction delegate;
  private final Clock clock;
  private long forwardNanos;
  private long gradientNanos;
  private long forwardPoints;
  private long gradientPoints;
  private long forwardCalls;
  private long gradientCalls;

  /** Wraps {@code delegate}, timed on {@link Clock#CPU}; closing this closes nothing. */
  public TimedModel(ModelFunction delegate) {
    this(delegate, Clock.CPU);
  }

  /** Wraps {@code delegate}, timed on {@code clock}; closing this closes nothing (the caller owns the delegate). */
  public TimedModel(ModelFunction delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public Shape inputShape() {
    return delegate.inputShape();
  }

  @Override
  public boolean accelerated() {
    return delegate.accelerated();
  }

  @Override
  public int numClasses() {
    return delegate.numClasses();
  }

  @Override
  public float[][] outputs(List<float[]> points) {
    long t = clock.nanos();
    try {
      return delegate.outputs(points);
    } finally {
      forwardNanos += clock.nanos() - t;
      forwardPoints += points.size();
      forwardCalls++;
    }
  }

  @Override
  public float[] scores(List<float[]> points, int[] targets) {
    long t = clock.nanos();
    try {
      return delegate.scores(points, targets);
    } finally {
      forwardNanos += clock.nanos() - t;
      forwardPoints += points.size();
      forwardCalls++;
    }
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    long t = clock.nanos();
    try {
      return delegate.scoresAndGradients(points, targets);
    } finally {
      gradientNanos += clock.nanos() - t;
      gradientPoints += points.size();
      gradientCalls++;
    }
  }

  /** Returns the nanoseconds spent in forward-only calls. */
  public long forwardNanos() {
    return forwardNanos;
  }

  /** Returns the nanoseconds spent in gradient calls. */
  public long gradientNanos() {
    return gradientNanos;
  }

  /** Returns the nanoseconds spent in the delegate, all calls. */
  public long modelNanos() {
    return forwardNanos + gradientNanos;
  }

  /** Returns the points evaluated forward-only. */
  public long forwardPoints() {
    return forwardPoints;
  }

  /** Returns the points whose gradient was computed. */
  public long gradientPoints() {
    return gradientPoints;
  }

  /** Returns the number of forward-only calls. */
  public long forwardCalls() {
    return forwardCalls;
  }

  /** Returns the number of gradient calls. */
  public long gradientCalls() {
    return gradientCalls;
  }

  /** Sets every counter back to zero. */
  public void reset() {
    forwardNanos = 0;
    gradientNanos = 0;
    forwardPoints = 0;
    gradientPoints = 0;
    forwardCalls = 0;
    gradientCalls = 0;
  }

  @Override
  public void close() {
    // the delegate belongs to the caller
  }
}
