package org.igkit.aggregators.baseline;

import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.plugin.PluginType;

/**
 * A Gaussian-blurred copy of the input (reflecting borders): a baseline that removes detail but
 * keeps colour and layout (Sturmfels et al., "Visualizing the Impact of Feature Attribution
 * Baselines", Distill 2020).
 */
public final class BlurBaselineSampler implements BaselineSampler {

  /** @param sigma standard deviation of the blur in pixels, in (0, 1000] (default 5) */
  public record Spec(Double sigma) {
    /** Fills defaults and validates. */
    public Spec {
      sigma = GaussianBlur.checkSigma("sigma", sigma == null ? 5.0 : sigma);
    }
  }

  /** The plugin registration. */
  public static final PluginType<BaselineSampler> TYPE =
      PluginType.of(
          BaselineSampler.class,
          "blur",
          Spec.class,
          s -> new BlurBaselineSampler(s.sigma()),
          "a Gaussian-blurred copy of the input");

  private final double sigma;

  /** Creates the sampler with blur σ in pixels. */
  public BlurBaselineSampler(double sigma) {
    this.sigma = sigma;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    return List.of(
        new Baseline(
            "blur",
            GaussianBlur.blur(request.input(), request.shape(), sigma, GaussianBlur.Padding.REFLECT)));
  }
}
