package org.igkit.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.path.Path;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepRule;
import org.igkit.runner.run.CompositeBaselineSampler;

/**
 * One-off attributions from Java (a main, JShell, a notebook): a model, a method built from
 * plugin ids (and optional spec records), and an image in.
 *
 * <pre>{@code
 * Attributor wg = Attributor.builder(model)
 *     .baselines("uniform-noise", new UniformNoiseBaselineSampler.Spec(4, null, null))
 *     .baselines("black")
 *     .stepRule("riemann", new RiemannStepRule.Spec(64, null))
 *     .aggregator("fitness")
 *     .build();
 * Attribution a = wg.attribute(image);          // explains the predicted class
 * }</pre>
 *
 * Unset roles default to a black baseline, the straight path, a 50-step midpoint Riemann sum and
 * uniform weights — plain Integrated Gradients. Everything is seeded ({@link Builder#seed}).
 */
public final class Attributor {

  private final ModelFunction model;
  private final AttributionMethod method;
  private final EngineOptions options;
  private final RandomSource random;

  private Attributor(ModelFunction model, AttributionMethod method, EngineOptions options, RandomSource random) {
    this.model = model;
    this.method = method;
    this.options = options;
    this.random = random;
  }

  /** Starts building an attributor for {@code model}, with the plugins on the class path. */
  public static Builder builder(ModelFunction model) {
    return new Builder(model, PluginLoader.registry());
  }

  /** Starts building an attributor for {@code model}, with plugins from {@code registry}. */
  public static Builder builder(ModelFunction model, PluginRegistry registry) {
    return new Builder(model, registry);
  }

  /** Returns the method this attributor runs. */
  public AttributionMethod method() {
    return method;
  }

  /** Attributes the class the model predicts for {@code image} (C×H×W, the user's image space). */
  public Attribution attribute(float[] image) {
    return attribute(image, Argmax.of(model.outputs(List.of(image))[0]));
  }

  /** Attributes class {@code target} for {@code image}. */
  public Attribution attribute(float[] image, int target) {
    return AttributionEngine.attribute(model, method, image, target, random, options);
  }

  /** Builds an {@link Attributor}; each role is set by a plugin id and an optional spec record. */
  public static final class Builder {
    private final ModelFunction model;
    private final PluginRegistry registry;
    private final List<BaselineSampler> baselines = new ArrayList<>();
    private Path path;
    private StepRule stepRule;
    private Aggregator aggregator;
    private String name = "method";
    private int batchSize = 16;
    private long seed;
    private List<float[]> referenceImages = List.of();

    private Builder(ModelFunction model, PluginRegistry registry) {
      this.model = Objects.requireNonNull(model, "model");
      this.registry = registry;
    }

    /** Adds the baselines of plugin {@code id} with its default parameters. */
    public Builder baselines(String id) {
      return baselines(id, null);
    }

    /** Adds the baselines of plugin {@code id} configured by {@code spec}. */
    public Builder baselines(String id, Record spec) {
      baselines.add(registry.create(BaselineSampler.class, id, spec));
      return this;
    }

    /** Sets the path plugin. */
    public Builder path(String id, Record spec) {
      path = registry.create(Path.class, id, spec);
      return this;
    }

    /** Sets the path plugin with its defaults. */
    public Builder path(String id) {
      return path(id, null);
    }

    /** Sets the step-rule plugin. */
    public Builder stepRule(String id, Record spec) {
      stepRule = registry.create(StepRule.class, id, spec);
      return this;
    }

    /** Sets the step-rule plugin with its defaults. */
    public Builder stepRule(String id) {
      return stepRule(id, null);
    }

    /** Sets the aggregator plugin. */
    public Builder aggregator(String id, Record spec) {
      aggregator = registry.create(Aggregator.class, id, spec);
      return this;
    }

    /** Sets the aggregator plugin with its defaults. */
    public Builder aggregator(String id) {
      return aggregator(id, null);
    }

    /** Names the method (default {@code method}). */
    public Builder name(String methodName) {
      this.name = methodName;
      return this;
    }

    /** Sets the maximum points per model call (default 16). */
    public Builder batchSize(int points) {
      this.batchSize = points;
      return this;
    }

    /** Sets the seed of every random draw (default 0). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Sets the training images that data-drawn baselines ({@code dataset}, {@code wg-paper}) use. */
    public Builder referenceImages(List<float[]> images) {
      this.referenceImages = List.copyOf(images);
      return this;
    }

    /** Builds the attributor; unset roles take IG's defaults. */
    public Attributor build() {
      BaselineSampler b =
          baselines.isEmpty()
              ? registry.create(BaselineSampler.class, "black", null)
              : baselines.size() == 1 ? baselines.get(0) : new CompositeBaselineSampler(baselines);
      AttributionMethod m =
          new AttributionMethod(
              name,
              b,
              path != null ? path : registry.create(Path.class, "straight", null),
              stepRule != null ? stepRule : registry.create(StepRule.class, "riemann", null),
              aggregator != null ? aggregator : registry.create(Aggregator.class, "uniform", null));
      return new Attributor(model, m, new EngineOptions(batchSize, referenceImages), RandomSource.of(seed));
    }
  }
}
