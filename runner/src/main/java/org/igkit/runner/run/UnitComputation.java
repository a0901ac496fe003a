package org.igkit.runner.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.engine.NoiseTunnel;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.engine.SharedIntegrals;
import org.igkit.api.engine.Smoothing;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.metric.Reattribution;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.postprocess.Postprocess;
import org.igkit.api.random.RandomSource;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.PluginConfig;
import org.igkit.runner.config.Targets;
import org.igkit.runner.results.AttributionDiagnostics;
import org.igkit.runner.results.ResultRow;

/**
 * The computation of one (sample, cell) of an experiment: the attribution, one row per metric and
 * the diagnostic rows — or, when the sample is faulty, its {@link SampleFaults.Fault} and one
 * error row. The local runner's workers and distributed runners use it alike, so every runner
 * writes the same rows from the same seeds.
 *
 * <p>Seeds: the baselines of a (sample, cell) come from {@code seed → sample id → baseline
 * configuration}, so methods with equal baseline configuration see equal baselines (a paired
 * comparison), and everything else from {@code seed → sample id → cell id}; re-attributions for
 * stability metrics from {@code seed → sample id → redraw#d}; stochastic metrics (ROAD's noise) from
 * {@code seed → sample id → metrics}, equal for every cell of a sample.
 *
 * <p>Not thread-safe: an instance holds its own method and metric instances; give every thread
 * its own, with its own model.
 */
public final class UnitComputation {

  /** A sample read for computing, or the fault that kept it from being read; shares its target. */
  public static final class LoadedSample {
    private final int index;
    private final String id;
    private final Sample sample;
    private final SampleFaults.Fault fault;
    /** The model's outputs for the image, once a target item needed them. */
    private volatile float[] outputs;
    /** The integrals this sample's units share (see {@link SharedIntegrals}). */
    private final SharedIntegrals integrals = new SharedIntegrals();
    /**
     * Per cell without its target suffix, the attributions of its target items computed together
     * (see {@link UnitComputation#sharingTargets}), each taken out by its unit.
     */
    private final java.util.concurrent.ConcurrentHashMap<String,
        java.util.concurrent.CompletableFuture<Map<String, Attribution>>> targetGroups =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LoadedSample(int index, String id, Sample sample, SampleFaults.Fault fault) {
      this.index = index;
      this.id = id;
      this.sample = sample;
      this.fault = fault;
    }

    /** Returns the sample's index in its data set. */
    public int index() {
      return index;
    }

    /** Returns the sample's id ({@code #index} when even that could not be read). */
    public String id() {
      return id;
    }

    /** Returns the sample, or null when it could not be read. */
    public Sample sample() {
      return sample;
    }

    /** Returns why the sample could not be read, or null. */
    public SampleFaults.Fault fault() {
      return fault;
    }

    /** Returns the integrals this sample's units share, and how many they reused. */
    public SharedIntegrals integrals() {
      return integrals;
    }
  }

  /**
   * What a (sample, cell) gave.
   *
   * @param sampleId    the sample id
   * @param cell        the cell
   * @param attribution the attribution, or null when the unit failed
   * @param rows        the group to commit: metric and diagnostic rows, or the one error row
   * @param fault       why the unit failed, or null
   */
  public record Result(String sampleId, Cell cell, Attribution attribution, List<ResultRow> rows,
      SampleFaults.Fault fault) {

    /** Returns whether the unit failed with a sample fault. */
    public boolean failed() {
      return fault != null;
    }

    static Result failed(String sampleId, Cell cell, SampleFaults.Fault fault) {
      return new Result(sampleId, cell, null, SampleFaults.errorRows(sampleId, cell.id(), cell.method()), fault);
    }
  }

  /**
   * The system property that turns off computing a cell's target items together: {@code false}
   * attributes every (sample, cell, item) on its own.
   */
  public static final String TARGETS_PROPERTY = "igkit.sharedTargets";

  private final Experiment experiment;
  private final Map<String, AttributionMethod> methods;
  private final Map<String, Postprocess> postprocesses;
  private final List<Metric> metrics;
  private final List<String> metricIds;
  private final RandomSource root;
  private boolean sharing = SharedIntegrals.enabledByDefault();
  private boolean sharingTargets = !"false".equalsIgnoreCase(System.getProperty(TARGETS_PROPERTY, "true").trim());

  /** Creates the method instances of {@code cells} and the experiment's metric instances. */
  public UnitComputation(PluginRegistry registry, Experiment experiment, List<Cell> cells) {
    this.experiment = experiment;
    MethodFactory factory = new MethodFactory(registry);
    this.methods = new LinkedHashMap<>();
    this.postprocesses = new LinkedHashMap<>();
    for (Cell c : cells) {
      methods.put(c.id(), factory.create(c.config()));
      if (c.config().postprocess() != null) {
        postprocesses.put(c.id(), (Postprocess) c.config().postprocess().create(registry));
      }
    }
    this.metrics = experiment.metrics().stream().map(c -> (Metric) c.create(registry)).toList();
    this.metricIds = experiment.metrics().stream().map(PluginConfig::id).toList();
    this.root = RandomSource.of(experiment.seed());
  }

  /**
   * Sets whether the units of one sample share their per-baseline integrals (default: on, unless
   * the system property {@value SharedIntegrals#PROPERTY} is {@code false}). The results are the
   * same bytes either way; only the model calls differ.
   */
  public UnitComputation sharing(boolean on) {
    this.sharing = on;
    return this;
  }

  /**
   * Sets whether the target items of a cell ({@code target: [predicted, label, 3]}, {@code top-k})
   * are attributed together where the method allows ({@link AttributionEngine#sharesTargets}):
   * the first unit of a (sample, cell) attributes its item and the items after it in one pass
   * over shared points and forward passes ({@link AttributionEngine#attributeTargets}), and
   * their units take their attributions from it. Default: on, unless the system property
   * {@value #TARGETS_PROPERTY} is {@code false}. Each item's rows are those of a run with that
   * target alone either way (the model's {@code scoresAndGradientsForEach} gives the bits of its
   * single-class answers).
   */
  public UnitComputation sharingTargets(boolean on) {
    this.sharingTargets = on;
    return this;
  }

  /**
   * Returns the text that is equal for two methods exactly when their paths and step rules are
   * configured alike: the key under which their integrals are shared.
   */
  public static String integralKey(org.igkit.runner.config.MethodConfig config) {
    return "path:" + config.path().type() + config.path().resolved()
        + ";stepRule:" + config.stepRule().type() + config.stepRule().resolved();
  }

  /**
   * Returns the options every unit of {@code experiment} on {@code dataset} attributes with, the
   * paths' cancellation sums off (for an experiment whose metrics are not known to need them).
   */
  public static EngineOptions options(Experiment experiment, Dataset dataset) {
    return EngineOptions.batchSize(experiment.batchSize()).withReferenceImages(dataset.referenceImages());
  }

  /**
   * Returns the options every unit of {@code experiment} on {@code dataset} attributes with: the
   * paths' cancellation sums are recorded only when one of its metrics declares
   * {@link Capability#NEEDS_CANCELLATION_SUMS} (they cost one more pass over every gradient).
   */
  public static EngineOptions options(Experiment experiment, Dataset dataset, PluginRegistry registry) {
    boolean sums = false;
    for (PluginConfig m : experiment.metrics()) {
      PluginType<?> type = registry.plugins(Metric.class).get(m.type());
      sums |= type != null && type.has(Capability.NEEDS_CANCELLATION_SUMS);
    }
    return options(experiment, dataset).withCancellationSums(sums);
  }

  /**
   * Reads sample {@code index} and checks its image and mask against the data set's shape; a
   * sample fault (a corrupt file, a wrong size, a missing mask) gives a sample without image
   * that carries the fault.
   */
  public static LoadedSample load(Dataset dataset, int index) {
    return load(dataset, index, sampleId(dataset, index));
  }

  /** {@link #load(Dataset, int)} of a sample whose id ({@link #sampleId}) is known. */
  public static LoadedSample load(Dataset dataset, int index, String id) {
    try {
      return new LoadedSample(index, id, checked(dataset.get(index), dataset.shape()), null);
    } catch (RuntimeException e) {
      return new LoadedSample(index, id, null, SampleFaults.of(e).orElseThrow(() -> e));
    }
  }

  /** Returns the ids of the {@code selected} samples ({@link #sampleId}), in order. */
  public static String[] sampleIds(Dataset dataset, int[] selected) {
    String[] ids = new String[selected.length];
    for (int s = 0; s < selected.length; s++) {
      ids[s] = sampleId(dataset, selected[s]);
    }
    return ids;
  }

  /**
   * Returns sample {@code index}'s id without reading its image where the data set can, else
   * the id of the sample read, else {@code #index} when it cannot be read.
   */
  public static String sampleId(Dataset dataset, int index) {
    try {
      return dataset.id(index);
    } catch (RuntimeException e) {
      SampleFaults.of(e).orElseThrow(() -> e);
      return "#" + index;
    }
  }

  /**
   * Attributes {@code sample} with {@code cell}'s method on {@code model} and scores it with every
   * metric; a sample fault (see {@link SampleFaults#of}) gives the failed result.
   */
  public Result compute(ModelFunction model, EngineOptions options, LoadedSample sample, Cell cell) {
    if (sample.fault() != null) {
      return Result.failed(sample.id(), cell, sample.fault());
    }
    try {
      return attributeAndScore(model, options, sample, cell);
    } catch (RuntimeException e) {
      return Result.failed(sample.id(), cell, SampleFaults.of(e).orElseThrow(() -> e));
    }
  }

  private Result attributeAndScore(ModelFunction model, EngineOptions options, LoadedSample loaded, Cell cell) {
    Sample sample = loaded.sample();
    String item = Targets.itemOf(cell, experiment.target());
    int target = target(item, model, loaded);
    RandomSource sampleRandom = root.derive("sample:" + sample.id());
    String seedId = Targets.seedId(cell, experiment.target());
    AttributionMethod method = methods.get(cell.id());
    String baselineKey = "baselines:" + MethodFactory.baselineKey(cell.config());
    SharedIntegrals shared = sharing ? loaded.integrals() : null;
    String integralKey = integralKey(cell.config());
    Attribution a = sharingTargets
        ? fromTargetGroup(model, cell, method, loaded, sampleRandom.derive("cell:" + seedId),
            sampleRandom.derive(baselineKey), options, shared, integralKey)
        : null;
    if (a == null) {
      a = attribute(model, cell, method, sample.image(), target,
          sampleRandom.derive("cell:" + seedId), sampleRandom.derive(baselineKey), options, shared, integralKey);
    }
    SampleFaults.requireFinite("attribution of sample " + sample.id() + " by " + cell.id(), a.values());
    // Re-attribution for stability metrics, lazy: only metrics that ask pay for it.
    MetricInput metricInput = new MetricInput(model, sample.image(), a, sample.mask(), experiment.batchSize())
        .withReattribution(new Reattribution() {
          @Override
          public Attribution attribute(int draw) {
            return UnitComputation.this.attribute(model, cell, method, sample.image(), target,
                sampleRandom.derive("redraw", draw).derive("cell:" + seedId),
                sampleRandom.derive("redraw", draw).derive(baselineKey), options, shared, integralKey);
          }

          @Override
          public Attribution attribute(ModelFunction other, int otherTarget) {
            // another model or class: nothing computed for this sample's model can be reused
            return UnitComputation.this.attribute(other, cell, method, sample.image(), otherTarget,
                sampleRandom.derive("cell:" + seedId), sampleRandom.derive(baselineKey), options, null, integralKey);
          }
        })
        .withRandom(sampleRandom.derive("metrics"));
    List<ResultRow> group = new ArrayList<>();
    for (int m = 0; m < metrics.size(); m++) {
      MetricValue v = metrics.get(m).evaluate(metricInput);
      group.add(ResultRow.of(sample.id(), cell.id(), cell.method(), metricIds.get(m), v));
    }
    group.addAll(AttributionDiagnostics.rows(sample.id(), cell.id(), cell.method(), a));
    return new Result(sample.id(), cell, a, List.copyOf(group), null);
  }

  /**
   * Returns {@code cell}'s attribution from the group of its cell's target items, computed by the
   * first of their units to ask (this one, or another worker's, which this one waits for); null
   * when the items are not attributed together — one item, smoothing, a method whose classes
   * cannot share ({@link AttributionEngine#sharesTargets}), an item that came before the group's
   * first, or a group that failed (each unit then attributes, and fails, on its own).
   */
  private Attribution fromTargetGroup(ModelFunction model, Cell cell, AttributionMethod method, LoadedSample loaded,
      RandomSource random, RandomSource baselineRandom, EngineOptions options, SharedIntegrals shared,
      String integralKey) {
    List<String> items = Targets.items(experiment.target());
    if (items.size() < 2 || cell.config().smoothing() != null || !AttributionEngine.sharesTargets(method)) {
      return null;
    }
    String base = Targets.seedId(cell, experiment.target());
    java.util.concurrent.CompletableFuture<Map<String, Attribution>> mine =
        new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Map<String, Attribution>> group =
        loaded.targetGroups.putIfAbsent(base, mine);
    if (group == null) {
      group = mine;
      Map<String, Attribution> made = new java.util.concurrent.ConcurrentHashMap<>();
      try {
        // this item and those after it: the units of a cell's items come in item order
        List<String> ids = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        String item = Targets.itemOf(cell, experiment.target());
        for (String other : items.subList(items.indexOf(item), items.size())) {
          try {
            classes.add(target(other, model, loaded));
            ids.add(base + Targets.CELL_SUFFIX + other);
          } catch (RuntimeException e) {
            // that item's unit resolves (and reports) its target on its own
          }
        }
        if (classes.size() > 1) {
          List<Attribution> all = AttributionEngine.attributeTargets(model, method, loaded.sample().image(),
              classes.stream().mapToInt(Integer::intValue).toArray(), random, baselineRandom, options, shared,
              integralKey);
          for (int i = 0; i < all.size(); i++) {
            made.put(ids.get(i), postprocessed(ids.get(i), cell, all.get(i), loaded.sample().image()));
          }
        }
      } catch (RuntimeException e) {
        made.clear(); // every item attributes on its own and reports its own fault
      } finally {
        mine.complete(made);
      }
    }
    return group.join().remove(cell.id());
  }

  /**
   * Attributes with {@code cell}'s method, smoothed over noisy copies when the method says so
   * ({@link NoiseTunnel}), then post-processed when it says so; metrics see the clean input.
   */
  private Attribution attribute(ModelFunction model, Cell cell, AttributionMethod method, float[] image, int target,
      RandomSource random, RandomSource baselineRandom, EngineOptions options, SharedIntegrals shared,
      String integralKey) {
    Smoothing smoothing = cell.config().smoothing();
    Attribution a = smoothing == null
        ? AttributionEngine.attribute(model, method, image, target, random, baselineRandom, options, shared, integralKey)
        : NoiseTunnel.attribute(model, method, smoothing, image, target, random, baselineRandom, options);
    return postprocessed(cell.id(), cell, a, image);
  }

  /**
   * Returns {@code a} post-processed by the cell {@code cellId}'s post-process when its method (that
   * of {@code cell}) has one, else {@code a}.
   */
  private Attribution postprocessed(String cellId, Cell cell, Attribution a, float[] image) {
    Postprocess post = postprocesses.get(cellId);
    if (post == null) {
      return a;
    }
    float[] values = post.apply(a.values().clone(), image.clone(), a.shape());
    if (values == null || values.length != a.values().length) {
      throw new IllegalStateException("postprocess '" + cell.config().postprocess().type() + "' of method "
          + cell.method() + " returned " + (values == null ? "no map" : values.length + " values")
          + ", expected " + a.values().length);
    }
    return new Attribution(a.shape(), values, a.target(), a.inputScore(), a.baselineNames(), a.startScores(),
        a.weights(), a.fitness(), a.skippedSteps(), a.gradientPoints(), a.forwardPoints(), a.diagnostics(), a.paths(),
        List.of(), a.fitnessCurves());
  }

  /** Returns {@code sample} after checking its image and mask against the data set's shape. */
  static Sample checked(Sample sample, Shape shape) {
    if (sample.image() == null || sample.image().length != shape.size()) {
      throw new SampleFaultException(SampleFaultException.Kind.WRONG_SHAPE,"sample " + sample.id() + ": its image has "
          + (sample.image() == null ? "no" : Integer.toString(sample.image().length)) + " values, but the shape is "
          + shape + " (" + shape.size() + " values): wrong size or channel count");
    }
    int pixels = shape.height() * shape.width();
    if (sample.mask() != null && sample.mask().length != pixels) {
      throw new SampleFaultException(SampleFaultException.Kind.MASK,"sample " + sample.id() + ": its mask has " + sample.mask().length
          + " values, but the image is " + shape.height() + "×" + shape.width() + " (" + pixels + ")");
    }
    return sample;
  }

  /**
   * The class a target item names for a sample ({@link Targets}): the predicted class (argmax of
   * the explained output), the k-th highest output ({@code top-k}; ties to the lower index), the
   * sample's label, or a class index. A sample without label stops the run (the data set has no
   * labels), and so does a class index outside the model's classes (the experiment asks for a
   * class the model does not have); a label outside them is a {@link SampleFaultException.Kind#LABEL}
   * fault of that sample. The outputs are computed once per sample, for all its cells.
   */
  static int target(String item, ModelFunction model, LoadedSample loaded) {
    Sample sample = loaded.sample();
    if (Experiment.LABEL.equals(item)) {
      if (sample.label() < 0) {
        throw new IllegalArgumentException("target: label, but sample " + sample.id() + " has no label");
      }
      if (sample.label() >= model.numClasses()) {
        throw new SampleFaultException(SampleFaultException.Kind.LABEL, "target: label, but sample " + sample.id()
            + " has label " + sample.label() + ", outside the model's " + model.numClasses()
            + " classes (class index out of range)");
      }
      return sample.label();
    }
    if (!item.equals(Experiment.PREDICTED) && !item.startsWith("top-")) {
      int c = Integer.parseInt(item);
      if (c >= model.numClasses()) {
        throw new IllegalArgumentException("target: class " + c + " is outside the model's " + model.numClasses()
            + " classes (0.." + (model.numClasses() - 1) + ")");
      }
      return c;
    }
    float[] out = loaded.outputs;
    if (out == null) { // a race computes the same outputs twice
      out = outputs(model, sample);
      loaded.outputs = out;
    }
    if (item.equals(Experiment.PREDICTED)) {
      return Argmax.of(out);
    }
    int k = Integer.parseInt(item.substring(4));
    if (k > out.length) {
      throw new IllegalArgumentException("target: " + item + ", but the model has only " + out.length + " classes");
    }
    return ranked(out, k);
  }

  /** Returns the class of the k-th highest value (k ≥ 1), ties going to the lower index. */
  static int ranked(float[] out, int k) {
    boolean[] taken = new boolean[out.length];
    int best = -1;
    for (int r = 0; r < k; r++) {
      best = -1;
      for (int c = 0; c < out.length; c++) {
        if (!taken[c] && (best < 0 || out[c] > out[best])) {
          best = c;
        }
      }
      taken[best] = true;
    }
    return best;
  }

  private static float[] outputs(ModelFunction model, Sample sample) {
    float[][] outputs = model.outputs(List.of(sample.image()));
    if (outputs.length != 1 || outputs[0].length != model.numClasses()) {
      throw new SampleFaultException(SampleFaultException.Kind.MODEL_OUTPUT,"model output for sample " + sample.id() + " has "
          + (outputs.length != 1 ? outputs.length + " rows for 1 input" : outputs[0].length + " scores")
          + ", expected 1 row of " + model.numClasses() + " class scores");
    }
    float[] out = outputs[0];
    SampleFaults.requireFinite("model output for sample " + sample.id(), out);
    return out;
  }

}
