package org.igkit.testkit;

/**
 * The numbers the contracts hold plugins to, in one place, each with the reason for its size.
 * "Relative" means relative to the natural scale of the quantity: |f(x) − f(x')| for completeness
 * gaps, max |A_i| for attribution maps ({@link Attributions#relativeMaxDifference}).
 */
public final class Tolerances {

  private Tolerances() {}

  /** The step count at which completeness is checked. */
  public static final int COMPLETENESS_STEPS = 256;

  /**
   * Completeness gap of a rule of order ≥ 2 (midpoint, trapezoid, Gauss–Legendre) at
   * {@value #COMPLETENESS_STEPS} steps, on integrands smooth along the path: relative 1e-3.
   */
  public static final double COMPLETENESS = 1e-3;

  /**
   * Completeness gap of a first-order rule (left, right Riemann) at {@value #COMPLETENESS_STEPS}
   * steps on smooth integrands: its error is about |g(1) − g(0)| / 2n, so relative 1e-2.
   */
  public static final double COMPLETENESS_FIRST_ORDER = 1e-2;

  /**
   * Completeness gap of any quadrature at {@value #COMPLETENESS_STEPS} steps when the integrand
   * jumps (ReLU kinks): the error is up to Σ|jumps| / n whatever the rule's order, so relative
   * 2e-2 on the catalogue's kinked cases.
   */
  public static final double COMPLETENESS_KINKED = 2e-2;

  /**
   * Completeness gap of an exactly complete rule (IDGI) at any step count: float rounding of the
   * scores only, relative 1e-5.
   */
  public static final double EXACT_COMPLETENESS = 1e-5;

  /**
   * Relative difference from the closed form (x − x') ⊙ w on the linear model, where any
   * quadrature whose weights sum to 1 is exact: float rounding only, 1e-6.
   */
  public static final double CLOSED_FORM = 1e-6;

  /** Gaps closer than this (relative) are ties at float rounding level when checking convergence. */
  public static final double ROUNDING = 1e-6;

  /** Relative difference allowed between batch sizes 1, 7 and 256 (DESIGN.md guarantee 2). */
  public static final double BATCH_INVARIANCE = 1e-5;

  /** Relative difference allowed between the two parameterisations of one ReLU network. */
  public static final double IMPLEMENTATION_INVARIANCE = 1e-6;

  /** How far from 1 the weights of a quadrature rule, or of an aggregator, may sum. */
  public static final double WEIGHT_SUM = 1e-12;

  /** Relative distance allowed between a path's first/last point and its start/the input. */
  public static final double POSITION = 1e-6;
}
