package org.igkit.aggregators.fitness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.FitnessCurve;
import org.igkit.api.compute.ComputeBackends;
import org.igkit.api.image.RankedComposite;
import org.igkit.api.model.Shape;

/**
 * Finds D_α for every baseline.
 *
 * <p>Let P = H·W, let order_k rank the spatial positions by baseline k's channel-summed map
 * (largest first, ties by position), let s(m) be f_c of the input with its first m positions in
 * order_k replaced by the neutral image (s(0) = f_c(x)), and t = α·f_c(x). With the default
 * {@code epsilonRule: band}, reached(m) ⇔ s(m) ≤ t (eq. 5 of the paper); with {@code offset},
 * reached(m) ⇔ s(m) &lt; t + ε. Then
 *
 * <p>D_α(k) = max(1, min{m ∈ [0, P] : reached(m)}), and P when no m reaches.
 *
 * <p>{@code search: exact} computes exactly that, whatever the shape of the deletion curve: an
 * ascending scan that scores the next B = {@link FitnessSpec#width} sizes of every unfinished
 * baseline in one forward batch per round (split only by the batch size) and stops a baseline at
 * its first reached size. It scores D_k (rounded up to a multiple of B) masked images per
 * baseline, and ⌈D_max/B⌉ rounds; ε is not used with {@code band}.
 *
 * <p>{@code search: fast} is the batched k-ary search. It keeps an interval (lo, hi] with
 * reached(lo) false and reached(hi) true (hi = P + 1 stands for "not reached yet"); each round
 * scores up to B evenly spaced interior sizes of every unfinished baseline in one forward batch
 * and moves to the gap before the first reached candidate. An interval of length L shrinks to at
 * most ⌈L/(B+1)⌉ and a round that can score every interior size finishes, so the search ends
 * within ⌈log_{B+1}(P + 1)⌉ rounds ≤ ⌈log_B(P)⌉ + 1. With {@code band}, as in the WG authors'
 * bisection ({@code if abs(score − target) &lt; epsilon: break}), a baseline's search also ends at
 * a scored candidate within the band |s(m) − t| &lt; ε that comes no later than the round's first
 * reached candidate, and returns that m. What it returns: on a non-increasing curve (the
 * premise of the paper's O(log n) algorithm) with ε = 0 (or {@code offset}), exactly the exact
 * search's D; with ε &gt; 0 that D or a size scored within ε of t; on other curves a crossing
 * (reached(D), not reached(D − 1)) or a size within the band, which may be later than the first
 * crossing, and P when none of the sizes it scored was reached although a size in between is.
 *
 * <p>D is never 0, so the weight 1/D is always finite — the authors' code can divide by zero and
 * spins until its iteration cap once high − low = 1 (then returning the last size not reached).
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
   * @param rounds        forward rounds used (each one batch of sizes over all baselines)
   * @param scoredMasks   masked images scored
   * @param curves        per baseline, the sizes scored with their scores and the chosen D
   *                      ({@link FitnessCurve}), in baseline order
   */
  public record Result(int[] d, int rounds, int scoredMasks, List<FitnessCurve> curves) {

    /** Copies the curves. */
    public Result {
      curves = curves == null ? List.of() : List.copyOf(curves);
    }

    /** A result without curves. */
    public Result(int[] d, int rounds, int scoredMasks) {
      this(d, rounds, scoredMasks, List.of());
    }
  }

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
    float[] neutral = spec.neutralMode().image(input, shape, spec.blurSigma(), spec.cornerSize());
    boolean absolute = spec.rankingMode() == FitnessSpec.Ranking.ABSOLUTE;
    Criterion reached = new Criterion(spec, ctx.inputScore());
    int n = maps.size();
    int[][] order = new int[n][];
    for (int k = 0; k < n; k++) {
      order[k] = ComputeBackends.get().order(maps.get(k), shape.channels(), pixels, absolute);
    }
    int b = spec.width(ctx.accelerated());
    boolean exact = spec.searchMode() == FitnessSpec.Search.EXACT;
    int[] lo = new int[n];
    int[] hi = new int[n];
    Arrays.fill(hi, pixels + 1);
    if (reached.test(ctx.inputScore())) {
      Arrays.fill(hi, 0);
    }
    int rounds = 0;
    int scored = 0;
    Masks masks = new Masks(input, neutral, shape, order);
    List<java.util.TreeMap<Integer, Float>> scoredAt = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      java.util.TreeMap<Integer, Float> curve = new java.util.TreeMap<>();
      curve.put(0, ctx.inputScore());
      scoredAt.add(curve);
    }
    while (true) {
      List<int[]> jobs = new ArrayList<>(); // {baseline, m}
      for (int k = 0; k < n; k++) {
        if (hi[k] - lo[k] <= 1) {
          continue;
        }
        for (int m : exact ? next(lo[k], Math.min(hi[k], pixels + 1), b) : candidates(lo[k], hi[k], b)) {
          jobs.add(new int[] {k, m});
        }
      }
      if (jobs.isEmpty()) {
        break;
      }
      rounds++;
      float[] s = ctx.score(jobs.size(), i -> masks.image(jobs.get(i)[0], jobs.get(i)[1]));
      scored += jobs.size();
      for (int i = 0; i < jobs.size(); i++) {
        scoredAt.get(jobs.get(i)[0]).put(jobs.get(i)[1], s[i]);
      }
      // Jobs are grouped by baseline in ascending m: the first reached (or, fast with band, in-band)
      // size closes the gap; the sizes before it are not reached.
      boolean[] settled = new boolean[n];
      for (int i = 0; i < jobs.size(); i++) {
        int k = jobs.get(i)[0];
        int m = jobs.get(i)[1];
        if (settled[k]) {
          continue;
        }
        if (reached.test(s[i])) {
          hi[k] = m;
          settled[k] = true;
        } else if (!exact && reached.withinBand(s[i])) {
          lo[k] = m - 1;
          hi[k] = m;
          settled[k] = true;
        } else {
          lo[k] = m;
        }
      }
    }
    int[] d = new int[n];
    List<FitnessCurve> curves = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      d[k] = Math.max(1, Math.min(hi[k], pixels));
      int[] sizes = new int[scoredAt.get(k).size()];
      float[] scores = new float[sizes.length];
      int i = 0;
      for (java.util.Map.Entry<Integer, Float> e : scoredAt.get(k).entrySet()) {
        sizes[i] = e.getKey();
        scores[i++] = e.getValue();
      }
      curves.add(new FitnessCurve(k, sizes, scores, reached.target(), d[k]));
    }
    return new Result(d, rounds, scored, curves);
  }

  /** When a size counts as reached, and when it lies in the authors' stopping band. */
  private record Criterion(FitnessSpec.EpsilonRule rule, double target, double epsilon) {
    Criterion(FitnessSpec spec, float inputScore) {
      this(spec.epsilonMode(), spec.alpha() * inputScore, spec.epsilon());
    }

    boolean test(double score) {
      return rule == FitnessSpec.EpsilonRule.OFFSET ? score < target + epsilon : score <= target;
    }

    boolean withinBand(double score) {
      return rule == FitnessSpec.EpsilonRule.BAND && Math.abs(score - target) < epsilon;
    }
  }

  /**
   * The masked images of a search: image (k, m) is {@link RankedComposite#compose}(input, neutral,
   * order_k, m). Each baseline keeps its last image and moves from it to the next size asked for,
   * taking the positions in between from the neutral image (a larger m) or back from the input (a
   * smaller one), and hands out a copy: the exact scan's sizes come in ascending order, so each
   * of its images costs only the positions it adds.
   */
  private static final class Masks {
    private final float[] input;
    private final float[] neutral;
    private final Shape shape;
    private final int[][] order;
    private final float[][] image;
    private final int[] taken;

    Masks(float[] input, float[] neutral, Shape shape, int[][] order) {
      this.input = input;
      this.neutral = neutral;
      this.shape = shape;
      this.order = order;
      this.image = new float[order.length][];
      this.taken = new int[order.length];
    }

    float[] image(int k, int m) {
      if (image[k] == null) {
        image[k] = input.clone();
      }
      if (m >= taken[k]) {
        RankedComposite.take(image[k], neutral, shape.channels(), shape.pixels(), order[k], taken[k], m);
      } else {
        RankedComposite.take(image[k], input, shape.channels(), shape.pixels(), order[k], m, taken[k]);
      }
      taken[k] = m;
      return image[k].clone();
    }
  }

  /** Returns the next up to {@code b} sizes after {@code lo}, below {@code end}, ascending. */
  static int[] next(int lo, int end, int b) {
    int count = Math.max(0, Math.min(b, end - lo - 1));
    int[] c = new int[count];
    for (int i = 0; i < count; i++) {
      c[i] = lo + 1 + i;
    }
    return c;
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
