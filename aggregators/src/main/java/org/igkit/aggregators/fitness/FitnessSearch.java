package org.igkit.aggregators.fitness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.image.RankedComposite;
import org.igkit.api.model.Shape;

/**
 * Finds D_α for every baseline with a batched k-ary search.
 *
 * <p>Let P = H·W, let order_k rank the spatial positions by baseline k's channel-summed map
 * (largest first, ties by position), let s(m) be f_c of the input with its first m positions in
 * order_k replaced by the neutral image, and let reached(m) ⇔ s(m) &lt; α·f_c(x) + ε. Then
 * D_α(k) = max(1, min{m ∈ [0, P] : reached(m)}), and P when no m reaches.
 *
 * <p>The search keeps an interval (lo, hi] with reached(lo) false and reached(hi) true (hi = P + 1
 * stands for "not reached yet"). Each round scores up to B = candidatesPerRound evenly spaced
 * interior sizes for every unfinished baseline <em>in one forward batch</em> (split only by the
 * batch size) and moves to the gap before the first reached candidate. An interval of length L
 * shrinks to at most ⌈L/(B+1)⌉, and a round that can score every interior size finishes, so the
 * search ends within ⌈log_{B+1}(P + 1)⌉ rounds ≤ ⌈log_B(P)⌉ + 1. When s is non-increasing in m
 * (the premise of the definition), the result equals exhaustive search; otherwise it is a
 * crossing (reached(D) and not reached(D − 1)), as the authors' bisection gives. D is never 0, so
 * the weight 1/D is always finite — the authors' code can divide by zero and spins until its
 * iteration cap once high − low = 1.
 */
public final class FitnessSearch {

  private final FitnessSpec spec;

  /** Creates the search. */
  public FitnessSearch(FitnessSpec spec) {
    this.spec = spec;
  }

  /**
   * The search's answer.
   *
   * @param d             D_α per baseline, in [1, H·W]
   * @param rounds        forward rounds used (each one batch of candidates over all baselines)
   * @param scoredMasks   masked images scored
   */
  public record Result(int[] d, int rounds, int scoredMasks) {}

  /**
   * Runs the search for the given per-baseline attribution maps (C×H×W each).
   *
   * @param ctx  the engine context (input, target, scores, batched scoring)
   * @param maps one attribution map per baseline
   */
  public Result search(AggregationContext ctx, List<double[]> maps) {
    Shape shape = ctx.shape();
    int pixels = shape.pixels();
    float[] input = ctx.input();
    float[] neutral = spec.neutralMode().image(input, shape, spec.blurSigma());
    boolean absolute = spec.rankingMode() == FitnessSpec.Ranking.ABSOLUTE;
    double threshold = spec.alpha() * ctx.inputScore() + spec.epsilon();
    int n = maps.size();
    int[][] order = new int[n][];
    for (int k = 0; k < n; k++) {
      order[k] = ComputeBackends.get().order(maps.get(k), shape.channels(), pixels, absolute);
    }
    int[] lo = new int[n];
    int[] hi = new int[n];
    Arrays.fill(hi, pixels + 1);
    boolean reachedAtZero = ctx.inputScore() < threshold;
    int rounds = 0;
    int scored = 0;
    int b = spec.candidatesPerRound();
    while (true) {
      List<int[]> jobs = new ArrayList<>(); // {baseline, m}
      for (int k = 0; k < n; k++) {
        if (reachedAtZero || hi[k] - lo[k] <= 1) {
          continue;
        }
        for (int m : candidates(lo[k], hi[k], b)) {
          jobs.add(new int[] {k, m});
        }
      }
      if (jobs.isEmpty()) {
        break;
      }
      rounds++;
      float[] s = ctx.score(jobs.size(), new Masks(input, neutral, shape, order, jobs)::image);
      scored += jobs.size();
      // Jobs are grouped by baseline in ascending m: the first reached candidate closes the gap.
      boolean[] settled = new boolean[n];
      for (int i = 0; i < jobs.size(); i++) {
        int k = jobs.get(i)[0];
        int m = jobs.get(i)[1];
        if (settled[k]) {
          continue;
        }
        if (s[i] < threshold) {
          hi[k] = m;
          settled[k] = true;
        } else {
          lo[k] = m;
        }
      }
    }
    int[] d = new int[n];
    for (int k = 0; k < n; k++) {
      d[k] = reachedAtZero ? 1 : Math.max(1, Math.min(hi[k], pixels));
    }
    return new Result(d, rounds, scored);
  }

  /**
   * The masked images of one round: job i is {@link RankedComposite#compose}(input, neutral,
   * order_k, m). A baseline's jobs come in ascending m, so each image is built from the one before
   * (the positions between the two sizes are taken from the neutral image) and handed out as a
   * copy; a job asked for out of that order starts again from the input.
   */
  private static final class Masks {
    private final float[] input;
    private final float[] neutral;
    private final Shape shape;
    private final int[][] order;
    private final List<int[]> jobs;
    private float[] image;
    private int baseline = -1;
    private int taken;

    Masks(float[] input, float[] neutral, Shape shape, int[][] order, List<int[]> jobs) {
      this.input = input;
      this.neutral = neutral;
      this.shape = shape;
      this.order = order;
      this.jobs = jobs;
    }

    float[] image(int i) {
      int k = jobs.get(i)[0];
      int m = jobs.get(i)[1];
      if (k != baseline || m < taken) {
        image = input.clone();
        baseline = k;
        taken = 0;
      }
      RankedComposite.take(image, neutral, shape.channels(), shape.pixels(), order[k], taken, m);
      taken = m;
      return image.clone();
    }
  }

  /**
   * Returns up to {@code b} sizes evenly spaced strictly inside (lo, hi), ascending: all of them
   * when there are at most {@code b}.
   */
  static int[] candidates(int lo, int hi, int b) {
    int interior = hi - lo - 1;
    if (interior <= b) {
      int[] c = new int[Math.max(0, interior)];
      for (int i = 0; i < c.length; i++) {
        c[i] = lo + 1 + i;
      }
      return c;
    }
    long length = hi - lo;
    int[] c = new int[b];
    for (int i = 1; i <= b; i++) {
      c[i - 1] = lo + (int) (i * length / (b + 1));
    }
    return c;
  }

  /** Returns the round bound ⌈log_B(P)⌉ + 1 (log₂ for B = 1) that the search never exceeds. */
  public static int roundBound(int pixels, int b) {
    double base = Math.max(2, b);
    return (int) Math.ceil(Math.log(pixels) / Math.log(base) - 1e-12) + 1;
  }
}
