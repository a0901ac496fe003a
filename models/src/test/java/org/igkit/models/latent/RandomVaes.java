package org.igkit.models.latent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.igkit.api.model.Shape;

/**
 * Untrained VAEs for tests, one per image shape, built on demand from a fixed seed
 * ({@link VaeCodec#random}) — so the path contract's analytic cases (2×1×1, 2×2×2, 2×3×3) each get
 * a VAE of their own shape without training. Closing closes them all.
 */
final class RandomVaes implements Function<Shape, VaeCodec>, AutoCloseable {

  private final int latentDim;
  private final int width;
  private final long seed;
  private final Map<Shape, VaeCodec> codecs = new HashMap<>();

  RandomVaes(int latentDim, int width, long seed) {
    this.latentDim = latentDim;
    this.width = width;
    this.seed = seed;
  }

  @Override
  public synchronized VaeCodec apply(Shape shape) {
    return codecs.computeIfAbsent(shape, s -> VaeCodec.random(s, latentDim, width, seed));
  }

  @Override
  public synchronized void close() {
    codecs.values().forEach(VaeCodec::close);
    codecs.clear();
  }

  /** The spec of a latent path whose VAE comes from elsewhere (the model file is not read). */
  static LatentPath.Spec spec(String mode, Double endBlend) {
    return new LatentPath.Spec("not-read.params", null, mode, endBlend, null, null, null);
  }
}
