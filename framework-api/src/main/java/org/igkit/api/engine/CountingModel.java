package org.igkit.api.engine;

import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;

/**
 * A {@link ModelFunction} that counts the points and calls it forwards to, and checks every
 * answer for NaN and ∞ so that no silent NaN reaches an attribution.
 */
public final class CountingModel implements ModelFunction {

  private final ModelFunction delegate;
  private long gradientPoints;
  private long forwardPoints;
  private long calls;
  private long sharedCalls;
  private int largestBatch;

  /** Wraps {@code delegate}. */
  public CountingModel(ModelFunction delegate) {
    this.delegate = delegate;
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
    count(points.size());
    forwardPoints += points.size();
    float[][] out = delegate.outputs(points);
    for (int i = 0; i < out.length; i++) {
      requireFinite(out[i], "output", i);
    }
    return out;
  }

  @Override
  public float[] scores(List<float[]> points, int[] targets) {
    count(points.size());
    forwardPoints += points.size();
    float[] s = delegate.scores(points, targets);
    requireFinite(s, "score", -1);
    return s;
  }

  @Override
  public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
    count(points.size());
    gradientPoints += points.size();
    ScoresAndGradients r = delegate.scoresAndGradients(points, targets);
    requireFinite(r.scores(), "score", -1);
    for (int i = 0; i < r.gradients().size(); i++) {
      requireFinite(r.gradients().get(i), "gradient", i);
    }
    return r;
  }

  /**
   * Counts one call and {@code points × classes} gradient points (each class's gradients count as
   * if computed on their own, so counts do not depend on sharing), and checks every answer.
   */
  @Override
  public List<ScoresAndGradients> scoresAndGradientsForEach(List<float[]> points, int[] classes) {
    count(points.size());
    gradientPoints += (long) points.size() * classes.length;
    sharedCalls++;
    List<ScoresAndGradients> all = delegate.scoresAndGradientsForEach(points, classes);
    if (all.size() != classes.length) {
      throw new SampleFaultException(SampleFaultException.Kind.MODEL_OUTPUT,
          "the model answered " + all.size() + " classes for " + classes.length + " asked");
    }
    for (ScoresAndGradients r : all) {
      requireFinite(r.scores(), "score", -1);
      for (int i = 0; i < r.gradients().size(); i++) {
        requireFinite(r.gradients().get(i), "gradient", i);
      }
    }
    return all;
  }

  private void count(int n) {
    calls++;
    largestBatch = Math.max(largestBatch, n);
  }

  private static void requireFinite(float[] v, String what, int point) {
    if (allFinite(v)) {
      return;
    }
    for (int j = 0; j < v.length; j++) {
      if (!Float.isFinite(v[j])) {
        String where = point >= 0 ? "point " + point + " of the batch, element " + j : "point " + j;
        throw new SampleFaultException(SampleFaultException.Kind.NON_FINITE,
            "the model returned " + v[j] + " as " + what + " at " + where
                + "; check the model and the input's value range");
      }
    }
  }

  /**
   * Returns whether every value is finite: v·0 is ±0 for a finite v and NaN for NaN and ±∞, so the
   * sums of those products are 0 exactly when all are finite. Eight sums side by side keep the
   * additions independent (about twice as fast as testing value by value).
   */
  static boolean allFinite(float[] v) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    for (; j + 8 <= v.length; j += 8) {
      s0 += v[j] * 0f;
      s1 += v[j + 1] * 0f;
      s2 += v[j + 2] * 0f;
      s3 += v[j + 3] * 0f;
      s4 += v[j + 4] * 0f;
      s5 += v[j + 5] * 0f;
      s6 += v[j + 6] * 0f;
      s7 += v[j + 7] * 0f;
    }
    float s = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    for (; j < v.length; j++) {
      s += v[j] * 0f;
    }
    return s == 0;
  }

  /**
   * Counts points a reused computation cost when it was made, as if the model had evaluated them
   * now (see {@link SharedIntegrals}); the model is not called.
   */
  void charge(long gradient, long forward) {
    gradientPoints += gradient;
    forwardPoints += forward;
  }

  /** Returns the number of points whose gradient was computed. */
  public long gradientPoints() {
    return gradientPoints;
  }

  /** Returns the number of points evaluated forward-only. */
  public long forwardPoints() {
    return forwardPoints;
  }

  /** Returns the number of model calls (batches). */
  public long calls() {
    return calls;
  }

  /**
   * Returns the number of calls that computed the gradients of several classes over one batch
   * ({@link #scoresAndGradientsForEach}); each is also one of {@link #calls()}.
   */
  public long sharedCalls() {
    return sharedCalls;
  }

  /** Returns the largest batch passed to the model. */
  public int largestBatch() {
    return largestBatch;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
