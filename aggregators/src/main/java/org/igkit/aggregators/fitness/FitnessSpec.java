package org.igkit.aggregators.fitness;

import org.igkit.api.image.Fill;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.spec.Checks;

/**
 * Parameters of the baseline fitness D_α of Weighted Integrated Gradients (Tuan et al., eq. 4–6):
 * the smallest number of spatial positions that, deleted in the order ranked by a baseline's
 * attribution, bring f_c(x) down to α·f_c(x).
 *
 * @param alpha              target fraction of the input's score (default 0.5)
 * @param epsilon            tolerance: position k counts as reached when f_c(x with top-k
 *                           deleted) &lt; α·f_c(x) + ε (default 0.005)
 * @param candidatesPerRound mask sizes scored per baseline in each forward batch of the k-ary
 *                           search (default 16; 1 is a binary search)
 * @param ranking            {@code signed} (default, as the authors' evaluation script) or
 *                           {@code absolute}: rank positions by the channel-summed map or its
 *                           absolute value
 * @param neutral            what deleted pixels become: {@code corner-mean} (default: mean colour
 *                           of the four 10 %×10 % corner patches), {@code zero}, {@code blur} or
 *                           {@code channel-mean} (see {@link Fill})
 * @param blurSigma          σ in pixels for the {@code blur} neutral value (default 10)
 */
public record FitnessSpec(
    Double alpha,
    Double epsilon,
    Integer candidatesPerRound,
    String ranking,
    String neutral,
    Double blurSigma) {

  /** How positions are ranked. */
  public enum Ranking {
    SIGNED,
    ABSOLUTE
  }

  /** Fills defaults and validates. */
  public FitnessSpec {
    alpha = Checks.inOpenClosed("alpha", 0, 1, alpha == null ? 0.5 : alpha);
    epsilon = Checks.inRange("epsilon", 0, 1, epsilon == null ? 0.005 : epsilon);
    candidatesPerRound = Checks.atLeast("candidatesPerRound", 1, candidatesPerRound == null ? 16 : candidatesPerRound);
    ranking = Checks.kebab(Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED));
    neutral = Checks.kebab(Checks.option("neutral", Fill.class, neutral, Fill.CORNER_MEAN));
    blurSigma = GaussianBlur.checkSigma("blurSigma", blurSigma == null ? 10.0 : blurSigma);
  }

  /** Returns the spec with every parameter at its default. */
  public static FitnessSpec defaults() {
    return new FitnessSpec(null, null, null, null, null, null);
  }

  /** Returns the ranking as an enum. */
  public Ranking rankingMode() {
    return Checks.option("ranking", Ranking.class, ranking, Ranking.SIGNED);
  }

  /** Returns the neutral value as an enum. */
  public Fill neutralMode() {
    return Checks.option("neutral", Fill.class, neutral, Fill.CORNER_MEAN);
  }

  /** Returns the spec with another number of candidates per round. */
  public FitnessSpec withCandidatesPerRound(int b) {
    return new FitnessSpec(alpha, epsilon, b, ranking, neutral, blurSigma);
  }
}
