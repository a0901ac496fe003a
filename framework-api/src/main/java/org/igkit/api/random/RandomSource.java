package org.igkit.api.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded source of randomness that derives child sources by name, so that every random draw
 * in igkit is a function of the experiment seed and a path of names (cell, sample, purpose).
 *
 * <p>Adding a new consumer never changes the draws of an existing one: a child's seed depends
 * only on its parent's seed and its own name. Generators are {@link SplittableRandom}, whose
 * algorithm is specified by the JDK, so sequences are the same on every JVM.
 */
public final class RandomSource {

  private final long seed;

  private RandomSource(long seed) {
    this.seed = seed;
  }

  /** Returns the root source for an experiment seed. */
  public static RandomSource of(long seed) {
    return new RandomSource(seed);
  }

  /** Returns the seed of this source. */
  public long seed() {
    return seed;
  }

  /**
   * Returns the child source named {@code name}; equal names give equal children, different names
   * give independent-looking ones.
   */
  public RandomSource derive(String name) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return new RandomSource(mix(h + name.length()));
  }

  /** Returns the child source for a numbered item ({@code derive(name + "#" + index)}). */
  public RandomSource derive(String name, long index) {
    return derive(name + "#" + index);
  }

  /** Returns a fresh generator seeded from this source; two calls give the same sequence. */
  public SplittableRandom generator() {
    return new SplittableRandom(seed);
  }

  /** The finaliser of SplitMix64. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "RandomSource[" + Long.toHexString(seed) + "]";
  }
}
