package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.AggregationContext;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;

/**
 * Computes one attribution: samples baselines, scores the input and the path starts, and lets the
 * method's aggregator drive batched path integration through an {@link AggregationContext}.
 *
 * <p>Randomness: the baseline sampler draws from {@code random.derive("baselines")} (or from an
 * explicit baseline source, so that methods with the same baselines can share them), the
 * aggregator from {@code random.derive("aggregator")} and path k from
 * {@code random.derive("path", k)}, where {@code random} is the source the caller derived for
 * this (sample, method).
 */
public final class AttributionEngine {

  private AttributionEngine() {}

  /**
   * Attributes {@code input} for class {@code target} with {@code method}.
   *
   * @throws AttributionException when the input has the wrong shape or the model misbehaves
   */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int target,
      RandomSource random,
      EngineOptions options) {
    return attribute(model, method, input, target, random, random.derive("baselines"), options);
  }

  /**
   * Attributes {@code input} with baselines drawn from {@code baselineRandom}: two methods given
   * the same baseline source and sampler see the same baselines (a paired comparison).
   */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int target,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options) {
    return attribute(model, method, input, target, random, baselineRandom, options, null, null);
  }

  /**
   * Attributes {@code input} like {@link #attribute(ModelFunction, AttributionMethod, float[], int,
   * RandomSource, RandomSource, EngineOptions)}, reusing and storing per-baseline integrals in
   * {@code shared} (see {@link SharedIntegrals} for when an integral is reused). The result is the
   * same, bit for bit, as without sharing; its gradient and forward point counts include what the
   * reused integrals cost when they were computed.
   *
   * @param shared    integrals shared with other attributions of this input, or null for none
   * @param methodKey a text that is equal for two methods exactly when their paths and step rules
   *                  are configured alike (the runner uses their resolved configuration); null
   *                  shares nothing
   */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int target,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options,
      SharedIntegrals shared,
      String methodKey) {
    Shape shape = model.inputShape();
    if (input == null || input.length != shape.size()) {
      throw new AttributionException(
          "input has " + (input == null ? "no" : input.length) + " values, but the model expects "
              + shape + " = " + shape.size());
    }
    if (target < 0 || target >= model.numClasses()) {
      throw new AttributionException(
          "target class " + target + " is outside the model's classes 0.." + (model.numClasses() - 1));
    }
    CountingModel counted = new CountingModel(model);
    List<Baseline> baselines =
        method.baselines().sample(
            new BaselineRequest(input, shape, baselineRandom, options.referenceImages()));
    if (baselines.isEmpty()) {
      throw new AttributionException("method '" + method.name() + "': the baseline sampler gave no baselines");
    }
    List<float[]> firstPoints = new ArrayList<>(baselines.size() + 1);
    firstPoints.add(input);
    for (Baseline b : baselines) {
      shape.require("baseline '" + b.name() + "'", b.values());
      firstPoints.add(method.path().start(input, b.values(), shape));
    }
    Context ctx = new Context(counted, method, input, target, shape, baselines, random, options.batchSize(),
        options.cancellationSums());
    ctx.shared = methodKey == null ? null : shared;
    ctx.methodKey = methodKey;
    ctx.starts = firstPoints.subList(1, firstPoints.size()).toArray(new float[0][]);
    float[] scores = ctx.score(firstPoints.size(), firstPoints::get);
    ctx.inputScore = scores[0];
    ctx.startScores = java.util.Arrays.copyOfRange(scores, 1, scores.length);

    AggregateResult r = method.aggregator().aggregate(ctx);
    float[] values = new float[r.attribution().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.attribution()[i];
    }
    double[] start = new double[baselines.size()];
    for (int k = 0; k < start.length; k++) {
      start[k] = ctx.startScores[k];
    }
    return new Attribution(
        shape,
        values,
        target,
        ctx.inputScore,
        baselines.stream().map(Baseline::name).toList(),
        start,
        r.weights(),
        r.fitness(),
        r.skippedSteps(),
        counted.gradientPoints(),
        counted.forwardPoints(),
        withAuto(r.diagnostics(), ctx.autoDiagnostics()),
        List.copyOf(ctx.records.values()),
        ctx.baselineMaps(),
        r.curves());
  }

  /**
   * Attributes {@code input} for each class of {@code targets} with {@code method}, with the same
   * seeds for every class: element i is what {@link #attribute(ModelFunction, AttributionMethod,
   * float[], int, RandomSource, RandomSource, EngineOptions, SharedIntegrals, String)} gives for
   * {@code targets[i]}. Where {@link #sharesTargets} holds, the classes share the path's points and
   * each batch's forward pass ({@link ModelFunction#scoresAndGradientsForEach}): k classes cost one
   * forward and k backward passes per batch instead of k of each. Each attribution reports the
   * gradient points its own integrals cost, as without sharing.
   *
   * @param shared    integrals shared with other attributions of this input, or null
   * @param methodKey the method's sharing key (see the single-class method), or null
   * @throws AttributionException as the single-class method does, for the first class that fails
   */
  public static List<Attribution> attributeTargets(
      ModelFunction model,
      AttributionMethod method,
      float[] input,
      int[] targets,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options,
      SharedIntegrals shared,
      String methodKey) {
    return TargetSharing.attribute(model, method, input, targets, random, baselineRandom, options, shared, methodKey);
  }

  /**
   * Returns whether several classes of one input share {@code method}'s integrals in
   * {@link #attributeTargets}: its path is pointwise, its aggregator integrates all baselines first
   * with the method's step rule, and that rule has a fixed step count. Otherwise each class is
   * attributed on its own (adaptive paths such as guided or geodesic ones, two-stage filtering,
   * the sampling estimator, automatic step counts).
   */
  public static boolean sharesTargets(AttributionMethod method) {
    return TargetSharing.applies(method);
  }

  /** Returns the aggregator's diagnostics with the automatic step counts' added (none when unused). */
  private static java.util.Map<String, Double> withAuto(
      java.util.Map<String, Double> aggregator, java.util.Map<String, Double> auto) {
    if (auto.isEmpty()) {
      return aggregator;
    }
    java.util.Map<String, Double> m = new java.util.HashMap<>(aggregator);
    m.putAll(auto);
    return m;
  }

  /** The engine's services for one attribution. */
  private static final class Context implements AggregationContext {
    private final CountingModel model;
    private final AttributionMethod method;
    private final float[] input;
    private final int target;
    private final Shape shape;
    private final List<Baseline> baselines;
    private final RandomSource random;
    private final int batchSize;
    private final boolean cancellationSums;
    private float inputScore;
    private float[] startScores;
    private float[][] starts;
    /** The latest record of each integrated baseline, by baseline index. */
    private final java.util.TreeMap<Integer, PathRecord> records = new java.util.TreeMap<>();
    /** The latest attribution of each integrated baseline, by baseline index. */
    private final java.util.TreeMap<Integer, double[]> maps = new java.util.TreeMap<>();
    /** The finest stage of a nested rule integrated so far, by baseline index. */
    private final java.util.Map<Integer, Stages.Stage> stages = new java.util.HashMap<>();
    private SharedIntegrals shared;
    private String methodKey;
    /** Per baseline index integrated with an automatic count: {chosen steps, 1 if capped}. */
    private final java.util.TreeMap<Integer, int[]> autoSteps = new java.util.TreeMap<>();
    /** Per baseline index integrated with an automatic count: the gap at the chosen count. */
    private final java.util.TreeMap<Integer, Double> autoGaps = new java.util.TreeMap<>();

    Context(
        CountingModel model,
        AttributionMethod method,
        float[] input,
        int target,
        Shape shape,
        List<Baseline> baselines,
        RandomSource random,
        int batchSize,
        boolean cancellationSums) {
      this.model = model;
      this.method = method;
      this.input = input;
      this.target = target;
      this.shape = shape;
      this.baselines = List.copyOf(baselines);
      this.random = random;
      this.batchSize = batchSize;
      this.cancellationSums = cancellationSums;
    }

    @Override
    public float[] input() {
      return input;
    }

    @Override
    public Shape shape() {
      return shape;
    }

    @Override
    public int target() {
      return target;
    }

    @Override
    public List<Baseline> baselines() {
      return baselines;
    }

    @Override
    public float inputScore() {
      return inputScore;
    }

    @Override
    public float[] startScores() {
      return startScores.clone();
    }

    @Override
    public StepRule stepRule() {
      return method.stepRule();
    }

    @Override
    public int batchSize() {
      return batchSize;
    }

    @Override
    public boolean accelerated() {
      return model.accelerated();
    }

    @Override
    public RandomSource random() {
      return random.derive("aggregator");
    }

    @Override
    public List<StepResult> integrate(int[] baselineIndices, IntFunction<StepRule> rules) {
      StepRule[] ruleOf = new StepRule[baselineIndices.length];
      boolean ownRule = true;
      for (int i = 0; i < baselineIndices.length; i++) {
        ruleOf[i] = rules.apply(baselineIndices[i]);
        ownRule &= ruleOf[i] == method.stepRule();
      }
      boolean auto = false;
      for (StepRule r : ruleOf) {
        auto |= r instanceof AutoSteps;
      }
      if (auto) {
        return integrateAuto(baselineIndices, ruleOf);
      }
      Integrator integrator = new Integrator(model, batchSize);
      if (batchedAlone(ruleOf)) {
        // one baseline after the other, each in batches of its own points, taken from and stored in
        // the shared integrals by its own value, whatever other baselines this or the computing call held
        List<StepResult> out = new ArrayList<>(baselineIndices.length);
        for (int i = 0; i < baselineIndices.length; i++) {
          int k = baselineIndices[i];
          int[] counts = Stages.counts(method.stepRule(), ruleOf[i]);
          if (counts != null) {
            out.add(integrateStaged(k, counts, baselineIndices.length - i, integrator));
            continue;
          }
          SharedIntegrals.Key key = shared != null && ruleOf[i] == method.stepRule() ? baselineKey(k) : null;
          out.add(integrateTogether(new int[] {k}, new StepRule[] {ruleOf[i]}, key, integrator).get(0));
        }
        return out;
      }
      SharedIntegrals.Key key = shared != null && ownRule ? key(baselineIndices) : null;
      return integrateTogether(baselineIndices, ruleOf, key, integrator);
    }

    /**
     * Integrates {@code indices} in one batched pass (batches fill across them), or takes their
     * integrals from the shared integrals under {@code key} (null: not shared); stores what it
     * computed there under {@code key} unless the path drew randomness.
     */
    private List<StepResult> integrateTogether(int[] indices, StepRule[] ruleOf, SharedIntegrals.Key key,
        Integrator integrator) {
      if (key != null) {
        SharedIntegrals.Entry hit = shared.get(key);
        if (hit != null) {
          model.charge(hit.gradientPoints(), hit.forwardPoints());
          for (int i = 0; i < indices.length; i++) {
            records.put(indices[i], SharedIntegrals.reindexed(hit.records().get(i), indices[i]));
            maps.put(indices[i], hit.maps().get(i));
          }
          return SharedIntegrals.copy(hit.results());
        }
      }
      java.util.concurrent.atomic.AtomicBoolean drawn = new java.util.concurrent.atomic.AtomicBoolean();
      long gradientBefore = model.gradientPoints();
      long forwardBefore = model.forwardPoints();
      List<PathTrace> traces = new ArrayList<>(indices.length);
      List<StepAccumulator> accs = new ArrayList<>(indices.length);
      List<PathRecorder> recorders = new ArrayList<>(indices.length);
      for (int i = 0; i < indices.length; i++) {
        int k = indices[i];
        StepRule rule = ruleOf[i];
        RandomSource pathRandom = random.derive("path", k);
        traces.add(
            method.path().trace(
                new PathRequest(
                    input,
                    baselines.get(k).values(),
                    shape,
                    rule.schedule(),
                    model,
                    target,
                    key != null ? pathRandom.watched(drawn) : pathRandom)));
        PathRecorder recorder = new PathRecorder(rule.start(shape, input), k, starts[k], startScores[k], inputScore,
            cancellationSums);
        recorders.add(recorder);
        accs.add(recorder);
      }
      List<StepResult> results = integrator.run(traces, accs, target);
      List<PathRecord> made = new ArrayList<>(recorders.size());
      List<double[]> madeMaps = new ArrayList<>(recorders.size());
      for (int i = 0; i < recorders.size(); i++) {
        PathRecord record = recorders.get(i).record();
        double[] map = results.get(i).attribution().clone();
        records.put(record.baseline(), record);
        maps.put(indices[i], map);
        made.add(record);
        madeMaps.add(map);
      }
      if (key != null && !drawn.get()) {
        shared.put(key, new SharedIntegrals.Entry(SharedIntegrals.copy(results), List.copyOf(made),
            List.copyOf(madeMaps), model.gradientPoints() - gradientBefore, model.forwardPoints() - forwardBefore));
      }
      return results;
    }

    /**
     * Integrates baseline {@code k} with the method's rule at {@code counts[last]} steps in the
     * stages {@code counts} ({@link Stages}): from the finest stage this attribution already has,
     * or a finer one the shared integrals hold, computing only the stages above it; each stage is
     * kept for this attribution and stored in the shared integrals. A stage taken from the shared
     * integrals charges what it cost beyond the stage this attribution already had, so the counts
     * are those of a computation without sharing. A coarser stage is stored only while the store
     * keeps room for the whole integrals of the {@code tops} baselines this call has yet to finish
     * (this one included), so that stages kept for cheap passes never crowd them out.
     */
    private StepResult integrateStaged(int k, int[] counts, int tops, Integrator integrator) {
      int top = counts.length - 1;
      int from = -1;
      Stages.Stage have = null;
      Stages.Stage finest = stages.get(k);
      for (int i = top; i >= 0 && finest != null && have == null; i--) {
        if (finest.steps() == counts[i]) {
          have = finest;
          from = i;
        }
      }
      if (shared != null) {
        for (int i = top; i > from; i--) {
          long paid = have == null ? 0 : have.gradientPoints();
          SharedIntegrals.Entry hit = shared.get(stageKey(k, counts[i]), paid);
          if (hit != null && hit.partials() != null) {
            model.charge(hit.gradientPoints() - paid, hit.forwardPoints() - (have == null ? 0 : have.forwardPoints()));
            StepResult r = hit.results().get(0);
            have = new Stages.Stage(counts[i], new StepResult(r.attribution().clone(), r.skippedSteps()),
                hit.partials().get(0), hit.gradientPoints(), hit.forwardPoints());
            keep(k, have);
            from = i;
            break;
          }
        }
      }
      if (from < top) {
        java.util.concurrent.atomic.AtomicBoolean drawn = new java.util.concurrent.atomic.AtomicBoolean();
        RandomSource pathRandom = random.derive("path", k);
        have = Stages.climb(method.stepRule(), counts, from + 1, have == null ? null : new Stages.Stage[] {have},
            new int[] {target},
            nodes -> method.path().trace(new PathRequest(input, baselines.get(k).values(), shape, nodes, model,
                target, shared != null ? pathRandom.watched(drawn) : pathRandom)),
            (c, pass) -> new PathRecorder(pass.start(shape, input), k, starts[k], startScores[k], inputScore,
                cancellationSums),
            integrator, model,
            (i, made) -> {
              Stages.Stage s = made[0];
              keep(k, s);
              if (shared != null && !drawn.get()) {
                // a coarser stage only while it leaves room for the whole integrals this call has yet to store
                if (i == top || shared.room() >= (tops + 1L) * shape.size()) {
                  shared.put(stageKey(k, counts[i]), Stages.entry(s, recordOf(k, s)));
                }
              }
            })[0];
      }
      records.put(k, recordOf(k, have));
      maps.put(k, have.result().attribution()); // read only, as the stage kept: one array
      return new StepResult(have.result().attribution().clone(), have.result().skippedSteps());
    }

    private PathRecord recordOf(int k, Stages.Stage s) {
      return s.partial().toRecord(k, starts[k], startScores[k], inputScore, s.result().attribution());
    }

    /**
     * Keeps {@code s} as baseline {@code k}'s finest stage for this attribution (one per baseline:
     * memory does not grow with the number of stages); a coarser one does not replace a finer.
     */
    private void keep(int k, Stages.Stage s) {
      stages.merge(k, s, (old, now) -> now.steps() >= old.steps() ? now : old);
    }

    /**
     * The sharing key of baseline {@code k}'s stage at {@code steps} steps: the key of the method's
     * own rule ({@link #baselineKey}) when that is its step count.
     */
    private SharedIntegrals.Key stageKey(int k, int steps) {
      return Stages.key(methodKey + (cancellationSums ? ";cancellationSums" : ""), method.stepRule().steps(), steps,
          target, batchSize, input, baselines.get(k).values(), inputScore, startScores[k]);
    }

    /**
     * Returns whether each baseline of a call is integrated in batches of its own points only:
     * where the path is {@link org.igkit.api.path.Path#pointwise() pointwise} (so not adaptive: a
     * baseline's points fill whole batches) and every rule visits at least {@code batchSize} nodes
     * (so no batch is left less full than mixing the baselines would fill it, except each
     * baseline's last). A baseline's integral is then a function of the input, that baseline, the
     * path, its rule, the batch size and the target alone — never of the other baselines of the
     * call, whose points would otherwise share its batches and, in a model whose float rounding
     * depends on the batch, change its last bits — so it can be shared baseline by baseline. A
     * rule that is the method's nested rule at another step count (a two-stage filter's cheap
     * pass) is batched alone, whatever its node count, when the method's own rule is: it is then
     * one of that rule's stages ({@link Stages}).
     */
    private boolean batchedAlone(StepRule[] ruleOf) {
      if (!method.path().pointwise()) {
        return false;
      }
      StepRule own = method.stepRule();
      boolean ownAlone = own.schedule().alphas().length >= batchSize;
      for (StepRule r : ruleOf) {
        if (r.schedule().alphas().length < batchSize && !(ownAlone && Stages.counts(own, r) != null)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Integrates {@code indices} where some rules are {@link AutoSteps}: rounds of batched passes
     * over the baselines still open. A fixed rule takes one pass. An automatic one first takes the
     * rule at its start count n; while its relative completeness gap exceeds the tolerance and 2n
     * does not pass the cap, it goes to 2n — evaluating only the added nodes R_n and forming
     * A_2n = ½ (A_n + R_n) where the rule nests and the path is pointwise, else recomputing the
     * rule at 2n. Not shared with other methods (the chosen counts are this attribution's).
     */
    private List<StepResult> integrateAuto(int[] indices, StepRule[] ruleOf) {
      int m = indices.length;
      double[][] sums = new double[m][];
      int[] skipped = new int[m];
      int[] steps = new int[m];
      PathPartial[] partials = new PathPartial[m];
      boolean[] open = new boolean[m];
      java.util.Arrays.fill(open, true);
      boolean first = true;
      while (true) {
        List<Integer> round = new ArrayList<>();
        List<PathTrace> traces = new ArrayList<>();
        List<StepAccumulator> accs = new ArrayList<>();
        List<PathRecorder> recorders = new ArrayList<>();
        boolean[] refined = new boolean[m];
        for (int i = 0; i < m; i++) {
          if (!open[i]) {
            continue;
          }
          int k = indices[i];
          StepRule pass;
          Schedule added = null;
          if (first) {
            pass = ruleOf[i];
            steps[i] = ruleOf[i].steps();
          } else {
            AutoSteps a = (AutoSteps) ruleOf[i];
            added = method.path().pointwise() ? a.refinement(steps[i]) : null;
            pass = added != null ? new NodesStepRule(added.alphas(), added.weights()) : a.at(2 * steps[i]);
            steps[i] *= 2;
          }
          refined[i] = added != null;
          traces.add(method.path().trace(new PathRequest(input, baselines.get(k).values(), shape,
              pass.schedule(), model, target, random.derive("path", k))));
          PathRecorder recorder = new PathRecorder(pass.start(shape, input), k, starts[k], startScores[k], inputScore,
              cancellationSums);
          recorders.add(recorder);
          accs.add(recorder);
          round.add(i);
        }
        List<StepResult> results = new Integrator(model, batchSize).run(traces, accs, target);
        for (int r = 0; r < round.size(); r++) {
          int i = round.get(r);
          int k = indices[i];
          StepResult res = results.get(r);
          if (refined[i]) {
            sums[i] = Stages.doubled(sums[i], res.attribution());
            skipped[i] += res.skippedSteps();
            // the record of A_2n: A_n's points and the added ones in α order, the sums halved
            partials[i] = PathPartial.merge(partials[i], 0.5, recorders.get(r).partial(), 0.5);
            records.put(k, partials[i].toRecord(k, starts[k], startScores[k], inputScore, sums[i]));
          } else {
            sums[i] = res.attribution();
            skipped[i] = res.skippedSteps();
            partials[i] = recorders.get(r).partial();
            records.put(k, recorders.get(r).record());
          }
          if (!(ruleOf[i] instanceof AutoSteps a)) {
            open[i] = false;
            continue;
          }
          double gap = relativeGap(sums[i], k);
          boolean met = gap <= a.tolerance();
          if (met || 2L * steps[i] > a.maxSteps()) {
            open[i] = false;
            autoSteps.put(k, new int[] {steps[i], met ? 0 : 1});
            autoGaps.put(k, gap);
          }
        }
        first = false;
        boolean any = false;
        for (boolean o : open) {
          any |= o;
        }
        if (!any) {
          break;
        }
      }
      List<StepResult> out = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        maps.put(indices[i], sums[i].clone());
        out.add(new StepResult(sums[i], skipped[i]));
      }
      return out;
    }

    /**
     * Returns |Σ_i A_i − Δ| / |Δ| with Δ = f(x) − f(γ_k(0)), or |Σ_i A_i| where Δ = 0.
     */
    private double relativeGap(double[] attribution, int k) {
      double sum = 0;
      for (double v : attribution) {
        sum += v;
      }
      double delta = (double) inputScore - startScores[k];
      return delta == 0 ? Math.abs(sum) : Math.abs(sum - delta) / Math.abs(delta);
    }

    /**
     * Returns the diagnostics of the automatic step counts, empty when none was used:
     * {@code steps}, the largest chosen count over the baselines; {@code steps-capped}, how many
     * baselines stopped at the cap without meeting the tolerance; {@code steps-gap}, the largest
     * relative completeness gap at the chosen counts.
     */
    java.util.Map<String, Double> autoDiagnostics() {
      java.util.Map<String, Double> d = new java.util.TreeMap<>();
      if (autoSteps.isEmpty()) {
        return d;
      }
      int most = 0;
      int capped = 0;
      for (int[] v : autoSteps.values()) {
        most = Math.max(most, v[0]);
        capped += v[1];
      }
      double gap = 0;
      for (double g : autoGaps.values()) {
        gap = Math.max(gap, g);
      }
      d.put("steps", (double) most);
      d.put("steps-capped", (double) capped);
      d.put("steps-gap", gap);
      return d;
    }

    /** The sharing key of integrating {@code indices} with the method's own step rule. */
    private SharedIntegrals.Key key(int[] indices) {
      float[][] bs = new float[indices.length][];
      float[] scores = new float[indices.length + 1];
      scores[0] = inputScore;
      for (int i = 0; i < indices.length; i++) {
        bs[i] = baselines.get(indices[i]).values();
        scores[i + 1] = startScores[indices[i]];
      }
      return new SharedIntegrals.Key(methodKey + (cancellationSums ? ";cancellationSums" : ""), target, batchSize,
          indices, input, bs, scores);
    }

    /**
     * The sharing key of integrating baseline {@code k} alone with the method's own step rule: by
     * the baseline's value, not its index (its record is re-indexed when reused).
     */
    private SharedIntegrals.Key baselineKey(int k) {
      return stageKey(k, method.stepRule().steps());
    }

    /** Returns each baseline's latest attribution as floats, null where none was integrated. */
    List<float[]> baselineMaps() {
      List<float[]> out = new ArrayList<>(baselines.size());
      for (int k = 0; k < baselines.size(); k++) {
        double[] m = maps.get(k);
        float[] f = null;
        if (m != null) {
          f = new float[m.length];
          for (int i = 0; i < m.length; i++) {
            f[i] = (float) m[i];
          }
        }
        out.add(f);
      }
      return out;
    }

    @Override
    public float[] score(int count, IntFunction<float[]> pointAt) {
      float[] out = new float[count];
      List<float[]> batch = new ArrayList<>(Math.min(batchSize, count));
      for (int start = 0; start < count; start += batchSize) {
        int m = Math.min(batchSize, count - start);
        batch.clear();
        for (int i = 0; i < m; i++) {
          batch.add(pointAt.apply(start + i));
        }
        int[] targets = new int[m];
        java.util.Arrays.fill(targets, target);
        float[] s = model.scores(batch, targets);
        System.arraycopy(s, 0, out, start, m);
      }
      return out;
    }
  }
}
