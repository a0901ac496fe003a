package org.igkit.aggregators.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.AttributionException;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;

/**
 * {@code count} training-set images drawn without replacement from the reference images: the
 * reference distribution of Expected Gradients (Erion et al., "Improving performance of deep
 * learning models with axiomatic attribution priors and expected gradients", 2021).
 */
public final class DatasetBaselineSampler implements BaselineSampler {

  /** @param count number of images drawn, 1 to 4096 (default 10) */
  public record Spec(Integer count) {
    /** Fills defaults and validates. */
    public Spec {
      count = SampleCount.check(count, 10);
    }
  }

  /** The plugin registration. */
  public static final PluginType<BaselineSampler> TYPE =
      PluginType.of(
          BaselineSampler.class,
          "dataset",
          Spec.class,
          s -> new DatasetBaselineSampler(s.count()),
          "training-set images drawn without replacement, seeded",
          Capability.STOCHASTIC);

  private final int count;

  /** Creates the sampler of {@code count} images. */
  public DatasetBaselineSampler(int count) {
    this.count = count;
  }

  /** Checks that reference images exist and fit, naming the sampler that needs them. */
  static List<float[]> references(BaselineRequest request, String who, int needed) {
    List<float[]> refs = request.referenceImages();
    if (refs.size() < needed) {
      throw new AttributionException(
          "baselines '" + who + "' needs " + needed + " reference (training-set) image(s) but "
              + refs.size() + " were given; configure the reference images of the data set");
    }
    for (int i = 0; i < refs.size(); i++) {
      request.shape().require("reference image " + i, refs.get(i));
    }
    return refs;
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    List<float[]> refs = references(request, "dataset", count);
    // Partial Fisher-Yates shuffle of the indices: the first `count` are a uniform sample.
    int[] idx = new int[refs.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    SplittableRandom g = request.random().derive("dataset").generator();
    List<Baseline> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int j = k + g.nextInt(idx.length - k);
      int t = idx[k];
      idx[k] = idx[j];
      idx[j] = t;
      out.add(new Baseline("dataset#" + idx[k], refs.get(idx[k]).clone()));
    }
    return out;
  }
}
