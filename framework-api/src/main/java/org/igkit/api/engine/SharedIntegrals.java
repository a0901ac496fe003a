package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.igkit.api.step.StepResult;

/**
 * Per-baseline path integrals shared by the attributions of one input: when several methods
 * (EG, WG, filtered WG, …) integrate the same baselines along the same path with the same step
 * rule, the model is asked once and every method reuses the result.
 *
 * <p>An integration is reused only when it would give the same bits if computed again:
 * <ul>
 *   <li>the caller's method key (the path's and the step rule's resolved configuration) is equal,
 *       and so is whether the paths' cancellation sums are recorded;
 *   <li>the input, the explained class, the batch size, the integrated baselines (compared by
 *       value), the path starts' and the input's scores are equal, and the baseline is integrated
 *       with the method's own step rule or, for a nested rule integrated in stages ({@link
 *       Stages}), with that rule at one of its stages' counts (two-stage filtering's cheap pass);
 *       other derived rules (a cheap pass of a rule that does not nest, the sampling estimator's)
 *       are not shared;
 *   <li>the batches are the same: where the engine batches each baseline's points on their own (a
 *       pointwise path, such as the straight line, and at least a batch of nodes per baseline),
 *       each baseline is shared by itself, so a call integrating any subset of the baselines (two-
 *       stage filtering's survivors) reuses them; otherwise the engine batches points across the
 *       baselines of a call, a model's float rounding may depend on a point's batch, and only a
 *       call integrating the same baselines in the same order is reused;
 *   <li>the path drew no randomness while tracing: a path's random source is derived from the
 *       method's own seed, so a path that draws (geodesic-knn's perturbations) gives other
 *       integrals for another method and its integrals are never stored.
 * </ul>
 * An attribution that reuses an integral reports the gradient and forward points that integral
 * cost, so its diagnostics are those of a computation without sharing.
 *
 * <p>Thread-safe: the workers attributing one input may share one instance (two that compute the
 * same integral at once both compute it, with equal results). Memory is bounded: entries beyond
 * {@code capacity} attribution values are not stored (and then computed again when asked).
 */
public final class SharedIntegrals {

  /**
   * The system property that turns sharing off where the runner would use it: {@code false}
   * computes every integral itself (results are the same bytes; the bench compares both).
   */
  public static final String PROPERTY = "igkit.sharedIntegrals";

  /**
   * Default capacity: 8 Mi attribution values (64 MiB of doubles) per instance, counting each
   * entry's results and its per-baseline maps.
   */
  public static final long DEFAULT_CAPACITY = 8L << 20;

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final long capacity;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong reused = new AtomicLong();
  private final AtomicLong reusedGradientPoints = new AtomicLong();

  /** Creates an empty instance with {@link #DEFAULT_CAPACITY}. */
  public SharedIntegrals() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates an empty instance that stores at most {@code capacity} attribution values (an entry's
   * results and its per-baseline maps both count).
   */
  public SharedIntegrals(long capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity: must be ≥ 0, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Returns whether the runner shares integrals: unless {@link #PROPERTY} is {@code false}. */
  public static boolean enabledByDefault() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
  }

  /**
   * Returns how many integrals were answered from this instance: single baselines where the engine
   * batches each baseline on its own, whole integrate calls otherwise.
   */
  public long reusedCalls() {
    return reused.get();
  }

  /** Returns the gradient points the reused integrals would have cost. */
  public long reusedGradientPoints() {
    return reusedGradientPoints.get();
  }

  /**
   * Returns how many more attribution values this instance can store now: integrals computed
   * ahead for others to take ({@link TargetSharing}) are only worth computing while they fit.
   */
  long room() {
    return Math.max(0, capacity - stored.get());
  }

  Entry get(Key key) {
    return get(key, 0);
  }

  /**
   * Returns the entry under {@code key}, or null; a hit counts as saving its gradient points less
   * {@code paid}, those the caller had already computed of it (a coarser stage of the same integral).
   */
  Entry get(Key key, long paid) {
    Entry e = entries.get(key);
    if (e != null) {
      reused.incrementAndGet();
      reusedGradientPoints.addAndGet(e.gradientPoints() - paid);
    }
    return e;
  }

  void put(Key key, Entry entry) {
    long values = 0;
    for (StepResult r : entry.results()) {
      values += r.attribution().length;
    }
    for (int i = 0; i < entry.maps().size(); i++) {
      double[] map = entry.maps().get(i);
      if (i >= entry.results().size() || map != entry.results().get(i).attribution()) {
        values += map.length; // a baseline's map held beside its result, unless it is the result's array
      }
    }
    if (stored.addAndGet(values) > capacity) {
      stored.addAndGet(-values);
      return;
    }
    if (entries.putIfAbsent(key, entry) != null) {
      stored.addAndGet(-values);
    }
  }

  /** Returns copies of step results (aggregators own what they are given). */
  static List<StepResult> copy(List<StepResult> results) {
    List<StepResult> out = new ArrayList<>(results.size());
    for (StepResult r : results) {
      out.add(new StepResult(r.attribution().clone(), r.skippedSteps()));
    }
    return out;
  }

  /** Returns {@code r} as the record of baseline {@code k} (the arrays are shared, not copied). */
  static PathRecord reindexed(PathRecord r, int k) {
    return r.baseline() == k ? r : new PathRecord(k, r.start(), r.scores(), r.attributionSum(), r.attributionL1(),
        r.contributionL1(), r.stepL1());
  }

  /**
   * What one integrate call (or one baseline of it) gave and cost; {@code partials} (null where
   * not kept) let a nested rule's stage be refined further ({@link Stages}).
   */
  record Entry(List<StepResult> results, List<PathRecord> records, List<double[]> maps, long gradientPoints,
      long forwardPoints, List<PathPartial> partials) {

    Entry(List<StepResult> results, List<PathRecord> records, List<double[]> maps, long gradientPoints,
        long forwardPoints) {
      this(results, records, maps, gradientPoints, forwardPoints, null);
    }
  }

  /** Everything an integrate call's result depends on, compared by value. */
  static final class Key {
    private final String method;
    private final int target;
    private final int batchSize;
    private final int[] indices;
    private final float[] input;
    private final float[][] baselines;
    private final float[] scores;
    private final int hash;

    Key(String method, int target, int batchSize, int[] indices, float[] input, float[][] baselines, float[] scores) {
      this.method = method;
      this.target = target;
      this.batchSize = batchSize;
      this.indices = indices.clone();
      this.input = input;
      this.baselines = baselines;
      this.scores = scores;
      int h = method.hashCode();
      h = 31 * h + target;
      h = 31 * h + batchSize;
      h = 31 * h + Arrays.hashCode(this.indices);
      h = 31 * h + Arrays.hashCode(input);
      h = 31 * h + Arrays.deepHashCode(baselines);
      h = 31 * h + Arrays.hashCode(scores);
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && hash == k.hash
          && target == k.target
          && batchSize == k.batchSize
          && method.equals(k.method)
          && Arrays.equals(indices, k.indices)
          && Arrays.equals(scores, k.scores)
          && Arrays.equals(input, k.input)
          && Arrays.deepEquals(baselines, k.baselines);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
