package org.igkit.api.step;

import org.igkit.api.path.Schedule;

/**
 * A quadrature whose nodes at n steps are among its nodes at 2n steps, so that doubling the step
 * count reuses every gradient already computed: A_{2n} = ½ (A_n + R_n), where R_n is the sum over
 * the nodes {@link #refinement(int)} adds, weighted as that schedule says. The left, right and
 * trapezoid Riemann sums are such rules (the added nodes are the midpoints of the n intervals,
 * R_n the midpoint sum); the midpoint and Gauss–Legendre rules are not.
 *
 * <p>The engine uses the nesting twice: {@code steps: auto} doubles by evaluating only the added
 * nodes, and a fixed count n on a pointwise path is integrated in stages from the fewest halving of
 * n still ≥ 8 steps, so that the rule at a coarser count of that chain (a two-stage filter's cheap
 * pass) is one of its stages. A rule implementing this interface must therefore satisfy
 * A_{2n} = ½ (A_n + R_n) at every count; return {@code null} where it does not.
 */
public interface NestedSteps {

  /** The fewest steps the engine halves a nested rule's count to when it integrates in stages. */
  int COARSEST_STAGE = 8;

  /**
   * Returns the step counts at which the engine integrates {@code rule} in stages — c₀, 2c₀, …,
   * n = {@code rule.steps()}, with c₀ the fewest of n, n/2, n/4, … (halving while even) that is
   * still at least {@link #COARSEST_STAGE} — or null when {@code rule} does not nest at each count of
   * that chain.
   */
  static int[] stages(StepRule rule) {
    if (!(rule instanceof NestedSteps nested) || rule instanceof AutoSteps || nested.refinement(rule.steps()) == null) {
      return null;
    }
    int n = rule.steps();
    int stages = 1;
    int c = n;
    while (c % 2 == 0 && c / 2 >= COARSEST_STAGE) {
      c /= 2;
      stages++;
    }
    int[] counts = new int[stages];
    for (int i = 0; i < stages; i++) {
      counts[i] = c << i;
      if (i > 0 && nested.refinement(counts[i - 1]) == null) {
        return null; // does not nest at every count of the chain: one pass
      }
    }
    return counts;
  }

  /**
   * Returns the nodes the rule at 2·{@code steps} adds to the rule at {@code steps} and their
   * weights (so that A_{2n} = ½ (A_n + Σ_j w_j ∇f(γ(α_j)) ⊙ γ'(α_j))), or {@code null} when this
   * rule's nodes do not nest.
   */
  Schedule refinement(int steps);
}
