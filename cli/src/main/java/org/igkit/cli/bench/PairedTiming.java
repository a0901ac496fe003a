package org.igkit.cli.bench;

import java.util.function.IntConsumer;

/**
 * Seconds per repetition of two sides of a ratio, and of each side's time inside its timed model.
 *
 * @param a        side a's time per repetition
 * @param b        side b's time per repetition
 * @param aModel   of that, side a's time in model calls (0 without a timed model)
 * @param bModel   of that, side b's time in model calls (0 without a timed model)
 * @param aForward of that, side a's time in forward calls (0 without a timed model)
 */
record PairedTiming(double[] a, double[] b, double[] aModel, double[] bModel, double[] aForward) {

  /**
   * Times {@code a} and {@code b} on images 0…k−1, {@code repetitions} times after
   * {@code repetitions / 2 + 1} warm-up passes; within a repetition every image is run by both sides back to back, in alternating
   * order, so that load from elsewhere hits both alike. {@code timedA}/{@code timedB} (either may
   * be null) are reset at the start of each repetition.
   */
  static PairedTiming interleave(Clock clock, IntConsumer a, IntConsumer b, int k, int repetitions, TimedModel timedA,
      TimedModel timedB) {
    // warm-up, JMH-style: igkit's side is Java code that the JIT compiles over the first passes,
    // the loop's is almost all native; measuring before that would charge the JIT to igkit
    for (int w = 0; w < repetitions / 2 + 1; w++) {
      for (int i = 0; i < k; i++) {
        a.accept(i);
        b.accept(i);
      }
    }
    PairedTiming p = new PairedTiming(new double[repetitions], new double[repetitions], new double[repetitions],
        new double[repetitions], new double[repetitions]);
    for (int r = 0; r < repetitions; r++) {
      if (timedA != null) {
        timedA.reset();
      }
      if (timedB != null) {
        timedB.reset();
      }
      for (int i = 0; i < k; i++) {
        boolean aFirst = (r + i) % 2 == 0;
        for (int side = 0; side < 2; side++) {
          boolean isA = aFirst == (side == 0);
          long t0 = clock.nanos();
          (isA ? a : b).accept(i);
          double dt = (clock.nanos() - t0) / 1e9;
          if (isA) {
            p.a()[r] += dt;
          } else {
            p.b()[r] += dt;
          }
        }
      }
      p.aModel()[r] = timedA == null ? 0 : timedA.modelNanos() / 1e9;
      p.bModel()[r] = timedB == null ? 0 : timedB.modelNanos() / 1e9;
      p.aForward()[r] = timedA == null ? 0 : timedA.forwardNanos() / 1e9;
    }
    return p;
  }

  /** Returns the repetitions. */
  int repetitions() {
    return a.length;
  }
}
