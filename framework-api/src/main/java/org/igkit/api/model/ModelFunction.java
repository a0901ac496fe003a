package org.igkit.api.model;

import java.util.List;

/**
 * A differentiable classifier as attribution methods see it: for a batch of points (C×H×W floats,
 * in the space the user gave the images in) it answers the explained output of every class and,
 * for one target class per point, that score's gradient with respect to the point.
 *
 * <p>The "explained output" is fixed by the model's configuration: the softmax probability by
 * default, or the logit on request. Any preprocessing (resizing, mean/std normalisation, channel
 * order) happens inside the implementation, so gradients are always with respect to the user's
 * image space — a black baseline is pixel value 0, not a normalised 0.
 *
 * <p>Laws every implementation keeps:
 *
 * <ul>
 *   <li><b>Batch independence.</b> The answer for one point does not depend on the other points
 *       of its batch (to float rounding): implementations run in inference mode (no batch-norm
 *       statistics from the batch, no dropout).
 *   <li><b>Consistency.</b> {@link #scoresAndGradients} and {@link #outputs} agree on the score of
 *       the target class.
 *   <li><b>Fresh arrays.</b> Returned arrays belong to the caller.
 * </ul>
 *
 * <p>Implementations need not be thread-safe; the engine calls one model from one thread.
 */
public interface ModelFunction extends AutoCloseable {

  /** Returns the shape of one input point. */
  Shape inputShape();

  /** Returns the number of classes the model scores. */
  int numClasses();

  /**
   * Returns the explained output of every class for each point.
   *
   * @param points points of shape {@link #inputShape()}
   * @return {@code points.size()} rows of {@link #numClasses()} scores
   */
  float[][] outputs(List<float[]> points);

  /**
   * Returns the explained score of {@code targets[i]} at {@code points.get(i)} and its gradient
   * with respect to that point.
   *
   * @param points  points of shape {@link #inputShape()}
   * @param targets one class index per point
   */
  ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets);

  /**
   * Returns, for each class {@code classes[t]}, the explained score of that class at every point
   * and its gradient with respect to the point: element t of the list is what
   * {@link #scoresAndGradients} answers for {@code points} with every target {@code classes[t]}.
   * Several classes of one input then share the points of its paths, and an implementation may
   * share the forward pass between them (one forward pass, one backward pass per class).
   *
   * <p>Law: element t equals {@code scoresAndGradients(points, fill(classes[t]))} bit for bit
   * where the implementation's arithmetic allows; an implementation that cannot promise that
   * says so. The default calls {@link #scoresAndGradients} once per class, so it always does.
   *
   * @param points  points of shape {@link #inputShape()}
   * @param classes the classes to differentiate, each in [0, {@link #numClasses()})
   * @return one answer per class, in the order of {@code classes}
   */
  default List<ScoresAndGradients> scoresAndGradientsForEach(List<float[]> points, int[] classes) {
    List<ScoresAndGradients> out = new java.util.ArrayList<>(classes.length);
    for (int c : classes) {
      int[] targets = new int[points.size()];
      java.util.Arrays.fill(targets, c);
      out.add(scoresAndGradients(points, targets));
    }
    return out;
  }

  /**
   * Returns the explained score of {@code targets[i]} at each point, without gradients. The
   * default calls {@link #outputs}; implementations may do better.
   */
  default float[] scores(List<float[]> points, int[] targets) {
    float[][] all = outputs(points);
    float[] s = new float[points.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = all[i][targets[i]];
    }
    return s;
  }

  /**
   * Returns whether the model runs on an accelerator (a GPU), where a fuller batch costs little
   * more than a small one; callers that choose how many points to batch may ask. The default
   * says no (a CPU: every point costs about the same).
   */
  default boolean accelerated() {
    return false;
  }

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
