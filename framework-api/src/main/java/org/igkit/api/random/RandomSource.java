package org.igkit.api.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

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
  /** Set when this source or a child of it gave out randomness; null when nobody watches. */
  private final AtomicBoolean drawn;

  private RandomSource(long seed) {
    this(seed, null);
  }

  private RandomSource(long seed, AtomicBoolean drawn) {
    this.seed = seed;
    this.drawn = drawn;
  }

  /** Returns the root source for an experiment seed. */
  public static RandomSource of(long seed) {
    return new RandomSource(seed);
  }

  /** Returns the seed of this source (which counts as a draw for {@link #watched}). */
  public long seed() {
    markDrawn();
    return seed;
  }

  /**
   * Returns a source with this one's seed that sets {@code drawn} when it or any child derived
   * from it gives out randomness ({@link #generator()} or {@link #seed()}); deriving alone does
   * not. Its draws are this source's draws: the engine uses it to learn whether a path used its
   * randomness, and so whether its integral depends on the seed.
   */
  public RandomSource watched(AtomicBoolean drawn) {
    return new RandomSource(seed, java.util.Objects.requireNonNull(drawn, "drawn"));
  }

  private void markDrawn() {
    if (drawn != null) {
      drawn.set(true);
    }
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
    return new RandomSource(mix(h + name.length()), drawn);
  }

  /** Returns the child source for a numbered item ({@code derive(name + "#" + index)}). */
  public RandomSource derive(String name, long index) {
    return derive(name + "#" + index);
  }

  /** Returns a fresh generator seeded from this source; two calls give the same sequence. */
  public SplittableRandom generator() {
    markDrawn();
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
