package org.igkit.runner.run;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;

/**
 * Writes computed (sample, cell) units into a run folder, one at a time, in the order it is given
 * them (the sequence order): first the unit's files, then its reason in {@code errors.csv} when it
 * failed, then its rows to {@code results.csv} as one flushed group, so that a unit whose rows are
 * in the store has everything else written too. Before the first unit it stores the run's
 * fingerprint in the folder ({@link RunPlan#bindOutput()}).
 */
public final class Committer {

  private final RunPlan plan;
  private final ResultStore store;
  private final Set<Integer> reportSamples;
  private final ExperimentRunner.Listener listener;
  private long computed;
  private long faults;

  /** Commits into {@code store} (opened on {@code plan}'s output folder). */
  public Committer(RunPlan plan, ResultStore store, ExperimentRunner.Listener listener) {
    this.plan = plan;
    this.store = store;
    this.reportSamples = plan.reportSamples();
    this.listener = listener;
  }

  /** Commits a unit computed in this process. */
  public void commit(UnitComputation.Result r, UnitComputation.LoadedSample sample) throws IOException {
    plan.bindOutput();
    plan.writeUnitFiles(plan.output(), r, sample, reportSamples);
    commitRows(r.sampleId(), r.cell().id(), r.fault(), r.rows());
  }

  /**
   * Commits the rows of a unit whose files are already in the output folder (computed elsewhere):
   * records {@code fault} when not {@code null}, then appends {@code rows}.
   */
  public void commitRows(String sampleId, String cellId, SampleFaults.Fault fault, List<ResultRow> rows)
      throws IOException {
    plan.bindOutput();
    if (fault != null) {
      SampleFaults.record(plan.output(), sampleId, cellId, fault);
      faults++;
    }
    store.append(rows);
    computed++;
    listener.step(sampleId, cellId);
  }

  /**
   * A unit computed elsewhere whose files are already in the output folder.
   *
   * @param sampleId the sample id
   * @param cellId   the cell id
   * @param fault    its fault when it failed, else {@code null}
   * @param rows     its group of rows
   */
  public record Unit(String sampleId, String cellId, SampleFaults.Fault fault, List<ResultRow> rows) {}

  /**
   * Commits several units whose files are already in the output folder, in order, as
   * {@link #commitRows} would one after the other, but with one durable append for all their rows
   * ({@link ResultStore#appendAll}): records their faults, then appends their groups.
   */
  public void commitAll(List<Unit> units) throws IOException {
    if (units.isEmpty()) {
      return;
    }
    plan.bindOutput();
    for (Unit u : units) {
      if (u.fault() != null) {
        SampleFaults.record(plan.output(), u.sampleId(), u.cellId(), u.fault());
        faults++;
      }
    }
    store.appendAll(units.stream().map(Unit::rows).toList());
    for (Unit u : units) {
      computed++;
      listener.step(u.sampleId(), u.cellId());
    }
  }

  /** Returns the units committed. */
  public long computed() {
    return computed;
  }

  /** Returns the failed units committed. */
  public long faults() {
    return faults;
  }
}
