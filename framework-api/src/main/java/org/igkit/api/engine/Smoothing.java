package org.igkit.api.engine;

import java.util.Locale;
import org.igkit.api.spec.Checks;

/**
 * Averaging a method's attribution over noisy copies of the input — SmoothGrad (Smilkov et al.,
 * 2017, "SmoothGrad: removing noise by adding noise"), its squared form SmoothGrad² and VarGrad
 * (Adebayo et al., 2018, "Local explanation methods for deep neural networks lack sensitivity to
 * parameter values"), as Captum's {@code NoiseTunnel} and PAIR's {@code GetSmoothedMask} apply
 * them around any method.
 *
 * <p>Copy i is x + ε_i with ε_i ~ N(0, σ²)ᶜˣʰˣʷ and σ = {@code noise} · (max x − min x), the
 * range over all values of the input (PAIR's {@code stdev_spread}). With A_i the method's
 * attribution of copy i: smoothgrad gives (1/n) Σ A_i, smoothgrad-sq (1/n) Σ A_i², vargrad
 * (1/n) Σ A_i² − ((1/n) Σ A_i)² (the population variance, as Captum computes it).
 *
 * @param type    how the n attributions combine
 * @param samples n, the number of noisy copies (≥ 1; default 16)
 * @param noise   σ as a fraction of the input's range (≥ 0; default 0.15)
 */
public record Smoothing(Type type, int samples, double noise) {

  /** How the attributions of the noisy copies combine. */
  public enum Type {
    /** The mean of the attributions. */
    SMOOTHGRAD,
    /** The mean of the squared attributions. */
    SMOOTHGRAD_SQ,
    /** The variance of the attributions. */
    VARGRAD;

    /** Returns the YAML id ({@code smoothgrad-sq}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Validates the settings. */
  public Smoothing {
    type = type == null ? Type.SMOOTHGRAD : type;
    Checks.atLeast("samples", 1, samples);
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise: must be ≥ 0 and finite (σ as a fraction of the input's range), was "
          + noise);
    }
  }

  /** Returns smoothing of {@code type} (smoothgrad | smoothgrad-sq | vargrad), with defaults for null settings. */
  public static Smoothing of(String type, Integer samples, Double noise) {
    return new Smoothing(Checks.option("type", Type.class, type, Type.SMOOTHGRAD),
        samples == null ? 16 : samples, noise == null ? 0.15 : noise);
  }
}
