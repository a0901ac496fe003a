package org.igkit.testkit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.igkit.api.compute.JavaComputeBackend;

/**
 * A compute backend named {@code fake-device} that runs everything in Java and, when asked to,
 * reports every ranking ({@code rankDescending}) as a fallback: run on the host instead of its
 * device, as a device backend reports a bailout. For tests of what provenance says of backends.
 */
public final class FallingBackBackend extends JavaComputeBackend {

  private final AtomicLong rankings = new AtomicLong();
  private final boolean fallsBack;

  /** @param fallsBack whether the rankings are reported as fallbacks (else none is) */
  public FallingBackBackend(boolean fallsBack) {
    this.fallsBack = fallsBack;
  }

  /** Returns the count of rankings run so far (settable, to start from another count). */
  public AtomicLong rankings() {
    return rankings;
  }

  @Override
  public String name() {
    return "fake-device";
  }

  @Override
  public int[] rankDescending(double[] values) {
    rankings.incrementAndGet();
    return super.rankDescending(values);
  }

  @Override
  public Map<String, Long> fallbacks() {
    return fallsBack ? Map.of("rankDescending", rankings.get()) : Map.of();
  }
}
