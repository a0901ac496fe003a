package org.igkit.aggregators.baseline;

import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * The six baselines of the Weighted Integrated Gradients authors' evaluation: black, one fixed
 * training image shared by every input, two U(0, 1) noise images, white and gray, in that order.
 */
public final class WgPaperBaselineSampler implements BaselineSampler {

  /** @param imageIndex which reference image is the fixed training image (default 0) */
  public record Spec(Integer imageIndex) {
    /** Fills defaults and validates. */
    public Spec {
      imageIndex = Checks.atLeast("imageIndex", 0, imageIndex == null ? 0 : imageIndex);
    }
  }

  /** The plugin registration. */
  public static final PluginType<BaselineSampler> TYPE =
      PluginType.of(
          BaselineSampler.class,
          "wg-paper",
          Spec.class,
          s -> new WgPaperBaselineSampler(s.imageIndex()),
          "the WG paper's six: black, a fixed training image, two noise images, white, gray",
          Capability.STOCHASTIC);

  private final int imageIndex;

  /** Creates the sampler using reference image {@code imageIndex} as the fixed training image. */
  public WgPaperBaselineSampler(int imageIndex) {
    this.imageIndex = imageIndex;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    int size = request.shape().size();
    float[] image = DatasetBaselineSampler.references(request, "wg-paper", imageIndex + 1).get(imageIndex);
    return List.of(
        new Baseline("black", ConstantBaselineSampler.constant(size, 0f)),
        new Baseline("dataset#" + imageIndex, image.clone()),
        new Baseline("uniform-noise#0", UniformNoiseBaselineSampler.noise(size, 0, 1, request.random().derive("uniform-noise", 0))),
        new Baseline("uniform-noise#1", UniformNoiseBaselineSampler.noise(size, 0, 1, request.random().derive("uniform-noise", 1))),
        new Baseline("white", ConstantBaselineSampler.constant(size, 1f)),
        new Baseline("gray", ConstantBaselineSampler.constant(size, 0.5f)));
  }
}
