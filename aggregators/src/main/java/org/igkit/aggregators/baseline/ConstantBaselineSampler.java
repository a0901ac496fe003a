package org.igkit.aggregators.baseline;

import java.util.Arrays;
import java.util.List;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.plugin.PluginType;

/**
 * One constant image in the user's image space: {@code black} (0), {@code white} (1) or
 * {@code gray} (0.5), for images whose pixels lie in [0, 1]. "Black" is pixel value 0 before the
 * model's normalisation, not a normalised 0.
 */
public final class ConstantBaselineSampler implements BaselineSampler {

  /** Constant baselines take no parameters. */
  public record Spec() {}

  /** Black: every value 0. */
  public static final PluginType<BaselineSampler> BLACK = type("black", 0f, "the black image (all values 0)");

  /** White: every value 1. */
  public static final PluginType<BaselineSampler> WHITE = type("white", 1f, "the white image (all values 1)");

  /** Gray: every value 0.5. */
  public static final PluginType<BaselineSampler> GRAY = type("gray", 0.5f, "the mid-gray image (all values 0.5)");

  private final String name;
  private final float value;

  /** Creates the sampler of one constant image. */
  public ConstantBaselineSampler(String name, float value) {
    this.name = name;
    this.value = value;
  }

  private static PluginType<BaselineSampler> type(String id, float value, String description) {
    return PluginType.of(BaselineSampler.class, id, Spec.class, s -> new ConstantBaselineSampler(id, value), description);
  }

  /** Returns a constant image of {@code size} values. */
  static float[] constant(int size, float value) {
    float[] v = new float[size];
    Arrays.fill(v, value);
    return v;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    return List.of(new Baseline(name, constant(request.shape().size(), value)));
  }
}
