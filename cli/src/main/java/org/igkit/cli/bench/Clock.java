package org.igkit.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where the bench reads time. {@link #CPU} is the CPU time of the calling thread: with one PyTorch
 * intra-op thread every operator runs on the thread that calls it, so this counts all the work of
 * a single-threaded measurement and none of what other processes do on a shared machine (wall
 * time there can vary several-fold between repetitions). {@link #WALL} is elapsed time, for
 * measurements that use several threads.
 */
public enum Clock {
  /** CPU time of the calling thread, in nanoseconds (wall time where the JVM cannot measure it). */
  CPU,
  /** Elapsed time, in nanoseconds. */
  WALL;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = cpuTimeAvailable();

  private static boolean cpuTimeAvailable() {
    try {
      if (!THREADS.isCurrentThreadCpuTimeSupported()) {
        return false;
      }
      if (!THREADS.isThreadCpuTimeEnabled()) {
        THREADS.setThreadCpuTimeEnabled(true);
      }
      return THREADS.getCurrentThreadCpuTime() >= 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Returns the current reading in nanoseconds (only differences mean anything). */
  public long nanos() {
    return this == CPU && CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** Returns what this clock really measures here: "thread CPU time" or "wall time". */
  public String describe() {
    return this == CPU && CPU_TIME ? "thread CPU time" : "wall time";
  }
}
