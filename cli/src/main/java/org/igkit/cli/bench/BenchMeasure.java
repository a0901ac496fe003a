package org.igkit.cli.bench;

import java.io.IOException;

/**
 * One measure of {@code igkit bench}: it measures something, and returns its rows — each a figure
 * with its goal and verdict — and its notes (settings, and the reason behind every goal not met)
 * as a {@link BenchReport} without header, for {@link Bench} to append to the report.
 */
interface BenchMeasure {

  /** Returns what this measures, in a few words. */
  String name();

  /**
   * Measures.
   *
   * @param plan    how much to measure
   * @param context the experiment, the plugins, progress, the clock, and the model and samples
   *                where the measure needs them
   * @return the rows and notes, no header
   */
  BenchReport run(BenchPlan plan, BenchContext context) throws IOException, InterruptedException;
}
