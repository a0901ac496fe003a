package org.igkit.api.step;

import org.igkit.api.model.Shape;
import org.igkit.api.path.Schedule;
import org.igkit.api.spec.Checks;

/**
 * A step rule whose step count the engine chooses per baseline: it integrates with {@link #start()}
 * steps and doubles the count until the path's relative completeness gap
 * |Σ_i A_i − (f(x) − f(γ(0)))| / |f(x) − f(γ(0))| is at most {@link #tolerance()} (the absolute gap
 * |Σ_i A_i| where f(x) = f(γ(0))), or until doubling again would pass {@link #maxSteps()}. The
 * counts tried are start·2^k ≤ maxSteps. Where the rule nests ({@link NestedSteps}) and the path
 * visits the same point at a node whatever the other nodes are ({@link
 * org.igkit.api.path.Path#pointwise()}), each doubling evaluates only the added nodes; otherwise it
 * recomputes the rule at the doubled count. The engine ({@code AttributionEngine}) runs the loop
 * and reports the chosen count; outside the engine this rule is the wrapped rule at {@code start}.
 *
 * <p>{@link #withSteps(int)} returns the wrapped rule at a fixed count: what aggregators ask for
 * their cheap passes.
 */
public final class AutoSteps implements StepRule {

  /** The word a spec's {@code steps} takes to ask for an automatic count. */
  public static final String AUTO = "auto";
  /** The default tolerance of the relative completeness gap. */
  public static final double DEFAULT_TOLERANCE = 1e-3;
  /** The default first step count. */
  public static final int DEFAULT_START = 16;
  /** The default largest step count. */
  public static final int DEFAULT_MAX_STEPS = 1024;

  private final StepRule rule;
  private final double tolerance;
  private final int start;
  private final int maxSteps;

  /**
   * Wraps {@code rule} (at any step count).
   *
   * @param tolerance the largest accepted relative completeness gap, &gt; 0
   * @param start     the first step count, ≥ 1
   * @param maxSteps  the largest step count, ≥ start
   */
  public AutoSteps(StepRule rule, double tolerance, int start, int maxSteps) {
    if (rule instanceof AutoSteps) {
      throw new IllegalArgumentException("an automatic step count cannot wrap another one");
    }
    Checks.positive("tolerance", tolerance);
    Checks.atLeast("start", 1, start);
    Checks.atLeast("maxSteps", start, maxSteps);
    this.rule = rule.withSteps(start);
    this.tolerance = tolerance;
    this.start = start;
    this.maxSteps = maxSteps;
  }

  /**
   * Checks a spec's {@code steps}: an integer ≥ 1, or {@value #AUTO}; {@code null} becomes
   * {@code defaultSteps}.
   *
   * @return the Integer count or the String {@value #AUTO}
   * @throws IllegalArgumentException {@code "steps: …"} for anything else
   */
  public static Object checkSteps(Object steps, int defaultSteps) {
    if (steps == null) {
      return defaultSteps;
    }
    if (AUTO.equals(steps)) {
      return AUTO;
    }
    if (steps instanceof Integer || steps instanceof Long || steps instanceof Short) {
      long n = ((Number) steps).longValue();
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("steps: must be at most " + Integer.MAX_VALUE + ", was " + n);
      }
      return Checks.atLeast("steps", 1, (int) n);
    }
    String shown = steps instanceof String ? "'" + steps + "'" : String.valueOf(steps);
    throw new IllegalArgumentException("steps: must be an integer ≥ 1 or " + AUTO + ", was " + shown);
  }

  /** Returns whether a checked {@code steps} is {@value #AUTO}. */
  public static boolean isAuto(Object checkedSteps) {
    return AUTO.equals(checkedSteps);
  }

  /**
   * Checks a setting that only goes with {@code steps: auto}: null when not auto (a value is
   * refused, naming {@code field}), {@code fallback} when auto and absent.
   */
  public static <T> T autoOnly(String field, boolean auto, T value, T fallback) {
    if (!auto) {
      if (value != null) {
        throw new IllegalArgumentException(field + ": only goes with steps: " + AUTO + ", was " + value);
      }
      return null;
    }
    return value == null ? fallback : value;
  }

  /** Returns the wrapped rule at {@code steps} steps. */
  public StepRule at(int steps) {
    return rule.withSteps(steps);
  }

  /** Returns the tolerance of the relative completeness gap. */
  public double tolerance() {
    return tolerance;
  }

  /** Returns the first step count. */
  public int start() {
    return start;
  }

  /** Returns the largest step count. */
  public int maxSteps() {
    return maxSteps;
  }

  /** Returns the nodes doubling from {@code steps} adds, or null when the wrapped rule does not nest. */
  public Schedule refinement(int steps) {
    return rule instanceof NestedSteps n ? n.refinement(steps) : null;
  }

  /** Returns {@link #start()}. */
  @Override
  public int steps() {
    return start;
  }

  /** Returns the wrapped rule at {@code steps}: a fixed count. */
  @Override
  public StepRule withSteps(int steps) {
    return rule.withSteps(steps);
  }

  @Override
  public Schedule schedule() {
    return rule.schedule();
  }

  @Override
  public StepAccumulator start(Shape shape) {
    return rule.start(shape);
  }

  @Override
  public StepAccumulator start(Shape shape, float[] end) {
    return rule.start(shape, end);
  }

  @Override
  public String toString() {
    return "auto(" + rule + ", tolerance " + tolerance + ", " + start + ".." + maxSteps + ")";
  }
}
