package org.igkit.aggregators.fitness;

import org.igkit.api.image.Fill;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.spec.Checks;

/**
 * Parameters of the baseline fitness D_α of Weighted Integrated Gradients (Tuan et al., eq. 4–6):
 * the smallest number of spatial positions that, deleted in the order ranked by a baseline's
 * attribution, bring f_c(x) down to α·f_c(x) (see {@link FitnessSearch} for the exact rules).
 *
 * @param alpha              target fraction of the input's score (default 0.5)
 * @param epsilon            the WG authors' tolerance, in output units (default 0.005): how it is
 *                           used is {@code epsilonRule}'s
 * @param epsilonRule        {@code band} (default, as the authors' code): ε is a stopping tolerance
 *                           of the {@code fast} search, which accepts a scored size whose score is
 *                           within ε of α·f_c(x) (|s − α·f_c(x)| &lt; ε); {@code exact} does not
 *                           use it. {@code offset}: a size counts as reached when s &lt; α·f_c(x)
 *                           + ε, in both searches (the rule of earlier versions, kept to
 *                           reproduce results computed with it)
 * @param search             {@code exact} (default): the minimum of the definition, by a batched
 *                           ascending scan that stops at the first crossing; {@code fast}: a
 *                           batched k-ary search, ⌈log⌉ rounds, the same on non-increasing curves
 * @param candidatesPerRound sizes scored per baseline in each forward batch: the scan's batch for
 *                           {@code exact}, the candidates for {@code fast} (1 is a binary search);
 *                           0 (default) chooses for the device: {@value #CPU_WIDTH} on a CPU,
 *                           {@value #ACCELERATOR_WIDTH} on a GPU
 * @param ranking            {@code signed} (default, as the authors' evaluation script) or
 *                           {@code absolute}: rank positions by the channel-summed map or its
 *                           absolute value
 * @param neutral            what deleted pixels become: {@code corner-mean} (default: mean colour
 *                           of the four corner patches), {@code zero}, {@code blur} or
 *                           {@code channel-mean} (see {@link Fill})
 * @param blurSigma          σ in pixels for the {@code blur} neutral value (default 10)
 * @param cornerSize         side in pixels of the square {@code corner-mean} patches; 0 (default)
 *                           is max(1, ⌊0.1·H⌋), the authors' {@code int(0.1 * height)}
 */
public record FitnessSpec(
    Double alpha,
    Double epsilon,
    String epsilonRule,
    String search,
    Integer candidatesPerRound,
    String ranking,
    String neutral,
    Double blurSigma,
    Integer cornerSize) {

  /** Sizes per baseline and round chosen on a CPU: few, since every masked image costs the same. */
  public static final int CPU_WIDTH = 4;

  /** Sizes per baseline and round chosen on a GPU: wide, since a fuller batch costs little more. */
  public static final int ACCELERATOR_WIDTH = 16;

  /** How positions are ranked. */
  public enum Ranking {
    SIGNED,
    ABSOLUTE
  }

  /** Which search finds D_α. */
  public enum Search {
    EXACT,
    FAST
  }

  /** What ε does. */
  public enum EpsilonRule {
    BAND,
    OFFSET
  }

  /** Fills defaults and validates. */
  public FitnessSpec {
    alpha = Checks.inOpenClosed("alpha", 0, 1, alpha == null ? 0.5 : alpha);
    epsilon = Checks.inRange("epsilon", 0, 1, epsilon == null ? 0.005 : epsilon);
    epsilonRule = Checks.kebab(Checks.option("epsilonRule", EpsilonRule.class, epsilonRule, EpsilonRule.BAND));
    search = Checks.kebab(Checks.option("search", Search.class, search, Search.EXACT));
    candidatesPerRound = Checks.atLeast("candidatesPerRound", 0, candidatesPerRound == null ? 0 : candidatesPerRound);
    ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED));
    neutral = Checks.kebab(Checks.option("neutral", Fill.class, neutral, Fill.CORNER_MEAN));
    blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 10.0 : blurSigma);
    cornerSize = Checks.atLeast("cornerSize", 0, cornerSize == null ? 0 : cornerSize);
  }

  /** Returns the spec with every parameter at its default. */
  public static FitnessSpec defaults() {
    return new FitnessSpec(null, null, null, null, null, null, null, null, null);
  }

  /** Returns the ranking as an enum. */
  public Ranking rankingMode() {
    return Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED);
  }

  /** Returns the neutral value as an enum. */
  public Fill neutralMode() {
    return Checks.option("neutral", Fill.class, neutral, Fill.CORNER_MEAN);
  }

  /** Returns the search as an enum. */
  public Search searchMode() {
    return Checks.option("search", Search.class, search, Search.EXACT);
  }

  /** Returns the ε rule as an enum. */
  public EpsilonRule epsilonMode() {
    return Checks.option("epsilonRule", EpsilonRule.class, epsilonRule, EpsilonRule.BAND);
  }

  /** Returns the sizes per baseline and round: {@code candidatesPerRound}, or the device's choice when 0. */
  public int width(boolean accelerated) {
    if (candidatesPerRound > 0) {
      return candidatesPerRound;
    }
    return accelerated ? ACCELERATOR_WIDTH : CPU_WIDTH;
  }

  /** Returns the spec with another number of candidates per round. */
  public FitnessSpec withCandidatesPerRound(int b) {
    return new FitnessSpec(alpha, epsilon, epsilonRule, search, b, ranking, neutral, blurSigma, cornerSize);
  }

  /** Returns the spec with another search ({@code exact} or {@code fast}). */
  public FitnessSpec withSearch(String s) {
    return new FitnessSpec(alpha, epsilon, epsilonRule, s, candidatesPerRound, ranking, neutral, blurSigma, cornerSize);
  }
}
