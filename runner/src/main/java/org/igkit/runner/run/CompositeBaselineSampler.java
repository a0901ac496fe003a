package org.igkit.runner.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineRequest;
import org.igkit.api.aggregate.BaselineSampler;

/**
 * The baselines of several samplers, concatenated in order — what a YAML list of baselines means.
 * Sampler i draws from {@code random.derive("sampler", i)}, so adding a sampler at the end changes
 * no earlier baseline. Repeated names get a {@code @i} suffix so every baseline is named uniquely.
 */
public final class CompositeBaselineSampler implements BaselineSampler {

  private final List<BaselineSampler> samplers;

  /** Creates the composite of {@code samplers}, in order. */
  public CompositeBaselineSampler(List<BaselineSampler> samplers) {
    if (samplers.isEmpty()) {
      throw new IllegalArgumentException("baselines: at least one baseline sampler is needed");
    }
    this.samplers = List.copyOf(samplers);
  }

  @Override
  public List<Baseline> sample(BaselineRequest request) {
    if (samplers.size() == 1) {
      return samplers.get(0).sample(request);
    }
    List<Baseline> all = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < samplers.size(); i++) {
      BaselineRequest r =
          new BaselineRequest(request.input(), request.shape(), request.random().derive("sampler", i), request.referenceImages());
      for (Baseline b : samplers.get(i).sample(r)) {
        int n = seen.merge(b.name(), 1, Integer::sum);
        all.add(n == 1 ? b : new Baseline(b.name() + "@" + i, b.values()));
      }
    }
    return all;
  }
}
