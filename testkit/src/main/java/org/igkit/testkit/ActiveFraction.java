package org.igkit.testkit;

/**
 * The measure of {t ∈ [0, 1] : z(t) &gt; 0} for an affine z with z(0) = {@code atStart} and
 * z(1) = {@code atEnd}: the integral of a ReLU's derivative along a straight line, since a
 * pre-activation that is affine in x is affine in t on the line x' + t(x − x'). The building block
 * of the closed-form Integrated Gradients of ReLU models.
 */
public final class ActiveFraction {

  private ActiveFraction() {}

  /** Returns ∫₀¹ [z(t) &gt; 0] dt for z(t) = atStart + t·(atEnd − atStart). */
  public static double of(double atStart, double atEnd) {
    boolean startOn = atStart > 0;
    boolean endOn = atEnd > 0;
    if (startOn == endOn) {
      return startOn ? 1 : 0;
    }
    double root = atStart / (atStart - atEnd); // z(root) = 0, root ∈ [0, 1]
    return startOn ? root : 1 - root;
  }
}
