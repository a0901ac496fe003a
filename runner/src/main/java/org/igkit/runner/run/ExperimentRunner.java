package org.igkit.runner.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.igkit.api.compute.ComputeBackend;
import org.igkit.api.compute.ComputeBackends;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.igkit.api.data.Dataset;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.api.model.ModelSpec;
import org.igkit.runner.results.ResultStore;

/**
 * Runs an experiment: for every selected sample, every cell (method × grid values) is attributed
 * and scored by every metric, and the rows of each (sample, cell) are appended to
 * {@code results.csv} as one flushed group. Groups already complete in the output folder are
 * skipped, so a killed run started again computes only what is missing — provided the folder's
 * results are this experiment's: a folder holding results of another configuration, model file,
 * data or igkit build is refused before anything is written ({@link RunFolderMismatchException},
 * see {@link RunFingerprints}).
 *
 * <p>Parallel samples: with {@code workers: N} (N &gt; 1) N units run at once, each on a worker
 * thread with its own model instance (DJL model functions are not thread-safe; they use
 * per-thread autograd, so workers never block each other) and its own plugin instances, each
 * model with {@code threads} PyTorch intra-op threads. Results are committed in the order one
 * worker would compute them, so {@code results.csv} (and every other file) is byte-identical for
 * any number of workers, and a killed run resumes exactly as a sequential one does.
 *
 * <p>Faults of one sample (an unreadable image, a wrong size, a missing or mismatched mask, a label
 * outside the model's classes, a model output of the wrong shape, an engine error of the model on
 * the sample's points, NaN or infinite scores, gradients or attributions) do not stop the run: each failed (sample, cell) is committed as one {@code error} row, its reason goes to
 * {@code errors.csv} (see {@link SampleFaults}), and the run goes on; {@link Outcome#faults()}
 * counts them. Faults of the run itself (configuration, output folder, memory) stop it.
 *
 * <p>Each (sample, cell) is computed by {@link UnitComputation}, which fixes the seeds: adding a
 * cell or a sample reseeds nothing else.
 */
public final class ExperimentRunner {

  /** Receives progress. */
  public interface Listener {
    /**
     * Called once the output folder is open, with what was repaired there (torn tails of a killed
     * run, rows that did not match the journal; see {@link ResultStore#repairs()}); not called when
     * nothing was.
     */
    default void repaired(List<String> repairs) {}

    /** Called once with the number of (sample, cell) units, and how many are already done. */
    default void started(long total, long alreadyDone) {}

    /**
     * Called when a unit starts to be computed, before its model calls; with several workers, on
     * the worker's thread, in the order the workers take the units.
     */
    default void unitStarted(String sampleId, String cellId) {}

    /** Called after each unit, in sequence order. */
    default void step(String sampleId, String cellId) {}

    /** Called at the end. */
    default void finished() {}
  }

  /** What a run did. */
  public record Outcome(Path output, long computed, long skipped, List<Cell> cells, long faults) {}

  /** Opens the model of a run (one instance per worker). */
  @FunctionalInterface
  public interface ModelLoader {
    /** Returns a new model instance for {@code spec}. */
    ModelFunction load(ModelSpec spec);
  }

  private final PluginRegistry registry;
  private final ModelLoader models;

  /** Creates a runner over {@code registry} that loads models through their model-format plugins. */
  public ExperimentRunner(PluginRegistry registry) {
    this(registry, RunPlan.formatLoader(registry));
  }

  /**
   * Creates a runner over {@code registry} that opens models with {@code models}: a model
   * function of one's own (an instrumented or remote model) under the experiment's methods,
   * metrics and result store.
   */
  public ExperimentRunner(PluginRegistry registry, ModelLoader models) {
    this.registry = registry;
    this.models = models;
  }

  /** Computes one unit on a worker, telling {@code listener} first. */
  private static UnitResult compute(Worker worker, Unit unit, EngineOptions options, Listener listener) {
    listener.unitStarted(unit.sample().id(), unit.cell().id());
    return new UnitResult(unit, worker.computation().compute(worker.model(), options, unit.sample(), unit.cell()));
  }

  /** Runs {@code experiment} into {@code output}. */
  public Outcome run(Experiment experiment, Path output, Listener listener) throws IOException {
    RunPlan plan = RunPlan.of(registry, experiment, output);
    UnitComputation firstComputation = plan.newComputation();
    plan.createOutput();
    List<ModelFunction> extraModels = new ArrayList<>();
    try (ResultStore store = plan.openStore();
        ModelFunction model = plan.loadModel(models)) {
      if (!store.repairs().isEmpty()) {
        listener.repaired(store.repairs());
      }
      ComputeBackend backend = ComputeBackends.get();
      Map<String, Long> fallbacksBefore = backend.fallbacks();
      plan.writeProvenance();
      long[] already = {0};
      List<RunPlan.Todo> todo = plan.missing(store.completed(), already);
      long total = plan.units();
      listener.started(total, already[0]);
      EngineOptions options = plan.engineOptions();
      Committer committer = new Committer(plan, store, listener);
      Iterator<Unit> units = new Units(plan.dataset(), todo);
      int workers = (int) Math.min(experiment.workers(), Math.max(1, total - already[0]));
      List<Worker> pool = new ArrayList<>(workers);
      pool.add(new Worker(model, firstComputation));
      for (int w = 1; w < workers; w++) {
        ModelFunction m = plan.loadModel(models);
        extraModels.add(m);
        pool.add(new Worker(m, plan.newComputation()));
      }
      if (workers == 1) {
        while (units.hasNext()) {
          commit(committer, compute(pool.get(0), units.next(), options, listener));
        }
      } else {
        runParallel(pool, units, options, committer, listener);
      }
      Provenances.recordBackend(output, ComputeBackends.describe(backend, fallbacksBefore));
      listener.finished();
      return new Outcome(output, committer.computed(), already[0], plan.cells(), committer.faults());
    } finally {
      for (ModelFunction m : extraModels) {
        m.close();
      }
    }
  }

  private static void commit(Committer committer, UnitResult r) throws IOException {
    committer.commit(r.result(), r.unit().sample());
  }

  /**
   * Runs the units on one thread per worker and commits them in sequence order: each unit is
   * computed by whichever worker is free, but the results of unit i are appended only after those
   * of units 0…i−1, so the files are those a single worker writes. At most
   * {@code 2 × workers} units are computed ahead of the oldest one not yet committed.
   */
  private static void runParallel(List<Worker> pool, Iterator<Unit> units, EngineOptions options, Committer committer,
      Listener listener) throws IOException {
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
              return compute(w, unit, options, listener);
            } finally {
              free.put(w);
            }
          }));
        }
        commit(committer, await(window.removeFirst()));
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

  /** One worker's own model and plugin instances. */
  private record Worker(ModelFunction model, UnitComputation computation) {}

  /** One (sample, cell) to compute; units of one sample share their loaded sample (and target). */
  private record Unit(UnitComputation.LoadedSample sample, Cell cell) {}

  /** A computed unit, waiting to be committed. */
  private record UnitResult(Unit unit, UnitComputation.Result result) {}

  /**
   * The units still to compute, in sequence order (samples in selection order, cells in cell
   * order), produced lazily so that only the samples in flight are held in memory.
   */
  private static final class Units implements Iterator<Unit> {
    private final Dataset dataset;
    private final Iterator<RunPlan.Todo> todo;
    private final Deque<Unit> pending = new ArrayDeque<>();

    Units(Dataset dataset, List<RunPlan.Todo> todo) {
      this.dataset = dataset;
      this.todo = todo.iterator();
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && todo.hasNext()) {
        RunPlan.Todo t = todo.next();
        UnitComputation.LoadedSample sample = UnitComputation.load(dataset, t.index(), t.sampleId());
        for (Cell c : t.cells()) {
          pending.add(new Unit(sample, c));
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
}
