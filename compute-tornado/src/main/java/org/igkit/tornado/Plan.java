package org.igkit.tornado;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;

/**
 * One kernel for one problem shape, ready to run: the arrays it was built with (which it owns —
 * callers copy their data in and the results out) and its TornadoVM execution plan. The first run
 * compiles the kernel for the device; later runs only move data and launch. Runs are serialised
 * by the backend, since a plan's arrays are shared.
 */
final class Plan {

  private static final AtomicLong NAMES = new AtomicLong();

  private final Object[] arrays;
  private final TornadoExecutionPlan plan;

  private Plan(Object[] arrays, TornadoExecutionPlan plan) {
    this.arrays = arrays;
    this.plan = plan;
  }

  /**
   * Builds a plan whose inputs are copied to the device and outputs back to the host at every run.
   *
   * @param device  the device to run on
   * @param inputs  the arrays the kernel reads (also those it updates in place)
   * @param outputs the arrays the kernel writes (also those it updates in place)
   * @param task    adds the kernel task to the graph, between the transfers
   * @param arrays  every array, in the order {@link #array} numbers them
   */
  static Plan of(TornadoDevice device, Object[] inputs, Object[] outputs, Consumer<TaskGraph> task, Object... arrays) {
    TaskGraph graph = new TaskGraph("igkit" + NAMES.incrementAndGet());
    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, inputs);
    task.accept(graph);
    graph.transferToHost(DataTransferMode.EVERY_EXECUTION, outputs);
    TornadoExecutionPlan plan = new TornadoExecutionPlan(graph.snapshot());
    plan.withDevice(device);
    return new Plan(arrays, plan);
  }

  /** Returns the plan's i-th array, to fill before {@link #execute} or read after it. */
  @SuppressWarnings("unchecked")
  <T> T array(int i) {
    return (T) arrays[i];
  }

  /** Runs the kernel on the device; the caller holds the backend's device lock. */
  void execute() {
    plan.execute();
  }

  /** Frees the plan's device memory; it is not run again. */
  void close() {
    try {
      plan.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot free a TornadoVM plan's device memory: " + e.getMessage(), e);
    }
  }

  /**
   * Frees the plan's device memory as far as it can, for a plan whose kernel bailed out: a failure
   * to free it is not worth more than the bailout already reported.
   */
  void closeQuietly() {
    try {
      plan.close();
    } catch (Exception | LinkageError e) {
      // the plan is dropped either way
    }
  }
}
