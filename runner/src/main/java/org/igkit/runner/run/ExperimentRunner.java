package org.igkit.runner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.config.PluginConfig;
import org.igkit.runner.model.DjlModelFunction;
import org.igkit.runner.model.ModelSpec;
import org.igkit.runner.results.AttributionDiagnostics;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;

/**
 * Runs an experiment: for every selected sample, every cell (method × grid values) is attributed
 * and scored by every metric, and the rows of each (sample, cell) are appended to
 * {@code results.csv} as one flushed group. Groups already complete in the output folder are
 * skipped, so a killed run started again computes only what is missing.
 *
 * <p>Parallel samples: with {@code workers: N} (N &gt; 1) N units run at once, each on a worker
 * thread with its own model instance ({@link DjlModelFunction} is not thread-safe; it uses
 * per-thread autograd, so workers never block each other) and its own plugin instances, each
 * model with {@code threads} PyTorch intra-op threads. Results are committed in the order one
 * worker would compute them, so {@code results.csv} (and every other file) is byte-identical for
 * any number of workers, and a killed run resumes exactly as a sequential one does.
 *
 * <p>Seeds: the baselines of a (sample, cell) come from {@code seed → sample id → baseline
 * configuration}, so methods with equal baseline configuration see equal baselines (a paired
 * comparison), and everything else from {@code seed → sample id → cell id}; adding a cell or a
 * sample reseeds nothing else.
 */
public final class ExperimentRunner {

  /** Receives progress. */
  public interface Listener {
    /** Called once with the number of (sample, cell) units, and how many are already done. */
    default void started(long total, long alreadyDone) {}

    /** Called after each unit. */
    default void step(String sampleId, String cellId) {}

    /** Called at the end. */
    default void finished() {}
  }

  /** What a run did. */
  public record Outcome(Path output, long computed, long skipped, List<Cell> cells) {}

  private final PluginRegistry registry;

  /** Creates a runner over {@code registry}. */
  public ExperimentRunner(PluginRegistry registry) {
    this.registry = registry;
  }

  /** Runs {@code experiment} into {@code output}. */
  public Outcome run(Experiment experiment, Path output, Listener listener) throws IOException {
    List<Cell> cells = new ExperimentLoader(registry).cells(experiment);
    Dataset dataset = experiment.dataset().create(registry);
    ModelSpec modelSpec = experiment.model().withThreads(experiment.threads());
    List<String> metricIds = experiment.metrics().stream().map(PluginConfig::type).toList();
    Plugins firstPlugins = plugins(cells, experiment);
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + output, e);
    }
    int[] selected = experiment.selection().select(dataset.size());
    List<ModelFunction> extraModels = new ArrayList<>();
    try (ResultStore store = ResultStore.open(output);
        ModelFunction model = DjlModelFunction.load(modelSpec)) {
      if (!model.inputShape().equals(dataset.shape())) {
        throw new IllegalArgumentException(
            "dataset images are " + dataset.shape() + " but the model takes " + model.inputShape()
                + "; set the data set's height/width (or the model's inputShape) to match");
      }
      Provenances.write(output, experiment, cells, dataset, selected, modelSpec);
      Set<ResultStore.Key> done = store.completed();
      long total = (long) selected.length * cells.size();
      long already = 0;
      for (int i : selected) {
        String id = dataset.get(i).id();
        for (Cell c : cells) {
          if (done.contains(new ResultStore.Key(id, c.id()))) {
            already++;
          }
        }
      }
      listener.started(total, already);
      List<float[]> references = dataset.referenceImages();
      EngineOptions options = EngineOptions.batchSize(experiment.batchSize()).withReferenceImages(references);
      Set<Integer> reportSamples = new java.util.HashSet<>();
      for (int i = 0; i < Math.min(ReportData.SAMPLES, selected.length); i++) {
        reportSamples.add(selected[i]);
      }
      Shared shared = new Shared(experiment, options, RandomSource.of(experiment.seed()), metricIds);
      Committer committer = new Committer(experiment, output, cells, store, reportSamples, listener);
      Iterator<Unit> units = new Units(dataset, selected, cells, done);
      int workers = (int) Math.min(experiment.workers(), Math.max(1, total - already));
      List<Worker> pool = new ArrayList<>(workers);
      pool.add(new Worker(model, firstPlugins));
      for (int w = 1; w < workers; w++) {
        ModelFunction m = DjlModelFunction.load(modelSpec);
        extraModels.add(m);
        pool.add(new Worker(m, plugins(cells, experiment)));
      }
      if (workers == 1) {
        while (units.hasNext()) {
          committer.commit(compute(pool.get(0), units.next(), shared));
        }
      } else {
        runParallel(pool, units, shared, committer);
      }
      listener.finished();
      return new Outcome(output, committer.computed, already, cells);
    } finally {
      for (ModelFunction m : extraModels) {
        m.close();
      }
    }
  }

  /**
   * Runs the units on one thread per worker and commits them in sequence order: each unit is
   * computed by whichever worker is free, but the results of unit i are appended only after those
   * of units 0…i−1, so the files are those a single worker writes. At most
   * {@code 2 × workers} units are computed ahead of the oldest one not yet committed.
   */
  private static void runParallel(List<Worker> pool, Iterator<Unit> units, Shared shared, Committer committer)
      throws IOException {
    int workers = pool.size();
    BlockingQueue<Worker> free = new ArrayBlockingQueue<>(workers, false, pool);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "igkit-worker-" + threadNumber.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    Deque<Future<UnitResult>> window = new ArrayDeque<>();
    try {
      while (units.hasNext() || !window.isEmpty()) {
        while (units.hasNext() && window.size() < 2 * workers) {
          Unit unit = units.next();
          window.addLast(executor.submit(() -> {
            Worker w = free.take();
            try {
              return compute(w, unit, shared);
            } finally {
              free.put(w);
            }
          }));
        }
        committer.commit(await(window.removeFirst()));
      }
    } finally {
      for (Future<UnitResult> f : window) {
        f.cancel(true);
      }
      executor.shutdownNow();
      awaitQuietly(executor);
    }
  }

  private static UnitResult await(Future<UnitResult> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a worker failed: " + cause, cause);
    }
  }

  /** Waits until no worker thread touches a model any more (the models close after this). */
  private static void awaitQuietly(ExecutorService executor) {
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Creates one instance of every cell's method and of every metric. */
  private Plugins plugins(List<Cell> cells, Experiment experiment) {
    MethodFactory factory = new MethodFactory(registry);
    Map<String, AttributionMethod> methods = new LinkedHashMap<>();
    for (Cell c : cells) {
      methods.put(c.id(), factory.create(c.config()));
    }
    List<Metric> metrics = experiment.metrics().stream().map(c -> (Metric) c.create(registry)).toList();
    return new Plugins(methods, metrics);
  }

  /** Attributes and scores one (sample, cell) with a worker's own model, methods and metrics. */
  private static UnitResult compute(Worker worker, Unit unit, Shared shared) {
    Sample sample = unit.sample();
    Cell cell = unit.cell();
    ModelFunction model = worker.model();
    int target = unit.target().get(() -> target(shared.experiment(), model, sample));
    RandomSource sampleRandom = shared.root().derive("sample:" + sample.id());
    AttributionMethod method = worker.methods().get(cell.id());
    EngineOptions options = shared.options();
    Attribution a =
        AttributionEngine.attribute(
            model,
            method,
            sample.image(),
            target,
            sampleRandom.derive("cell:" + cell.id()),
            sampleRandom.derive("baselines:" + MethodFactory.baselineKey(cell.config())),
            options);
    List<ResultRow> group = new ArrayList<>();
    // Re-attribution for stability metrics: draw d re-seeds the cell and baseline sources from
    // seed → sample → "redraw#d", so equal baseline configurations stay paired; lazy (only
    // metrics that ask pay for it).
    MetricInput metricInput = new MetricInput(model, sample.image(), a, sample.mask(), shared.experiment().batchSize())
        .withReattribution(draw -> AttributionEngine.attribute(model, method, sample.image(), target,
            sampleRandom.derive("redraw", draw).derive("cell:" + cell.id()),
            sampleRandom.derive("redraw", draw).derive("baselines:" + MethodFactory.baselineKey(cell.config())),
            options));
    for (int m = 0; m < worker.metrics().size(); m++) {
      MetricValue v = worker.metrics().get(m).evaluate(metricInput);
      group.add(ResultRow.of(sample.id(), cell.id(), cell.method(), shared.metricIds().get(m), v));
    }
    group.addAll(AttributionDiagnostics.rows(sample.id(), cell.id(), cell.method(), a));
    return new UnitResult(unit, a, group);
  }

  /** What every worker shares, all immutable. */
  private record Shared(Experiment experiment, EngineOptions options, RandomSource root, List<String> metricIds) {}

  /** Plugin instances of one worker: methods by cell id, and the metrics (need not be thread-safe). */
  private record Plugins(Map<String, AttributionMethod> methods, List<Metric> metrics) {}

  /** One worker's own model and plugin instances. */
  private record Worker(ModelFunction model, Plugins plugins) {
    Map<String, AttributionMethod> methods() {
      return plugins.methods();
    }

    List<Metric> metrics() {
      return plugins.metrics();
    }
  }

  /** One (sample, cell) to compute; units of one sample share their target. */
  private record Unit(int index, Sample sample, Cell cell, SharedTarget target) {}

  /** A computed unit, waiting to be committed. */
  private record UnitResult(Unit unit, Attribution attribution, List<ResultRow> group) {}

  /** The target class of one sample, computed by the first unit that needs it. */
  private static final class SharedTarget {
    private volatile Integer value;

    int get(java.util.function.IntSupplier compute) {
      Integer v = value;
      if (v == null) {
        v = compute.getAsInt(); // deterministic: a race computes the same class twice
        value = v;
      }
      return v;
    }
  }

  /**
   * The units still to compute, in sequence order (samples in selection order, cells in cell
   * order), produced lazily so that only the samples in flight are held in memory.
   */
  private static final class Units implements Iterator<Unit> {
    private final Dataset dataset;
    private final int[] selected;
    private final List<Cell> cells;
    private final Set<ResultStore.Key> done;
    private final Deque<Unit> pending = new ArrayDeque<>();
    private int next;

    Units(Dataset dataset, int[] selected, List<Cell> cells, Set<ResultStore.Key> done) {
      this.dataset = dataset;
      this.selected = selected;
      this.cells = cells;
      this.done = done;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && next < selected.length) {
        int index = selected[next++];
        Sample sample = dataset.get(index);
        SharedTarget target = new SharedTarget();
        for (Cell c : cells) {
          if (!done.contains(new ResultStore.Key(sample.id(), c.id()))) {
            pending.add(new Unit(index, sample, c, target));
          }
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public Unit next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return pending.removeFirst();
    }
  }

  /** Writes computed units, one at a time, in the order it is given them (the sequence order). */
  private static final class Committer {
    private final Experiment experiment;
    private final Path output;
    private final List<Cell> cells;
    private final ResultStore store;
    private final Set<Integer> reportSamples;
    private final Listener listener;
    private long computed;

    Committer(Experiment experiment, Path output, List<Cell> cells, ResultStore store, Set<Integer> reportSamples,
        Listener listener) {
      this.experiment = experiment;
      this.output = output;
      this.cells = cells;
      this.store = store;
      this.reportSamples = reportSamples;
      this.listener = listener;
    }

    void commit(UnitResult r) throws IOException {
      Unit u = r.unit();
      if (experiment.saveAttributions()) {
        AttributionFiles.write(output, u.sample().id(), u.cell().id(), r.attribution());
      }
      if (reportSamples.contains(u.index())) {
        ReportData.write(output, u.sample(), cells, u.cell().id(), r.attribution());
      }
      store.append(r.group());
      computed++;
      listener.step(u.sample().id(), u.cell().id());
    }
  }

  /** The predicted class (argmax of the explained output), or the sample's label. */
  static int target(Experiment experiment, ModelFunction model, Sample sample) {
    if ("label".equals(experiment.target())) {
      if (sample.label() < 0) {
        throw new IllegalArgumentException("target: label, but sample " + sample.id() + " has no label");
      }
      return sample.label();
    }
    float[] out = model.outputs(List.of(sample.image()))[0];
    int best = 0;
    for (int c = 1; c < out.length; c++) {
      if (out[c] > out[best]) {
        best = c;
      }
    }
    return best;
  }
}
