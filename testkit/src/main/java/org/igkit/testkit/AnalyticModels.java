package org.igkit.testkit;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * The catalogue of analytic cases the contracts iterate over ("every analytic model"): each a
 * model with closed-form (or reference) Integrated Gradients, an input, a baseline and a target.
 * Cases are rebuilt on every call from fixed seeds, so tests cannot disturb each other.
 *
 * <ul>
 *   <li>{@code linear}: w·x + b on 2×3×3 with two dummy features (weight exactly 0);
 *   <li>{@code product}: x₁·x₂ on 2×1×1;
 *   <li>{@code softmax-linear}: softmax regression, 4 classes on 2×3×3, target = the class whose
 *       probability changes most between x' and x;
 *   <li>{@code relu-ig-paper}: the IG paper's ReLU example at x = (3, 1), x' = (0, 0) — both
 *       ReLUs off at the baseline, so the gradient is zero on the first third of the path;
 *   <li>{@code relu-ig-paper-active}: the same model from a baseline where the first ReLU is on,
 *       so the gradient never vanishes;
 *   <li>{@code relu-network} and {@code relu-network-twin}: a one-hidden-layer ReLU network on
 *       2×2×2 whose six hidden units all switch between x' and x, and its permuted, rescaled twin
 *       (same function, other parameters), with the same x and x'.
 * </ul>
 */
public final class AnalyticModels {

  /** The seed every case is derived from. */
  public static final long SEED = 20170306L; // IG's arXiv date

  private static final RandomSource ROOT = RandomSource.of(SEED);

  private AnalyticModels() {}

  /** Returns every case. */
  public static List<AnalyticCase> all() {
    return List.of(
        linear(),
        product(),
        softmaxLinear(),
        igPaperRelu(),
        igPaperReluActive(),
        reluNetwork(),
        reluNetworkTwin());
  }

  /** Returns the cases whose gradient is continuous along their path. */
  public static List<AnalyticCase> smooth() {
    return all().stream().filter(AnalyticCase::smooth).toList();
  }

  /** Returns the linear case; its model has dummy features 0 and 7, where x ≠ x'. */
  public static AnalyticCase linear() {
    Shape shape = Shape.of(2, 3, 3);
    LinearModel model = new LinearModel(shape, SEED).withDummyFeatures(0, 7);
    RandomSource r = ROOT.derive("linear");
    return new AnalyticCase(
        "linear",
        model,
        SeededArrays.uniform(r.derive("input"), shape.size(), 0, 1),
        SeededArrays.uniform(r.derive("baseline"), shape.size(), -1, 0),
        0,
        true);
  }

  /** Returns x₁·x₂ at x = (1.5, −0.8), x' = (0.25, 0.5). */
  public static AnalyticCase product() {
    return new AnalyticCase(
        "product", new ProductModel(), new float[] {1.5f, -0.8f}, new float[] {0.25f, 0.5f}, 0, true);
  }

  /** Returns x₁·x₂ with x₁ = x₂ and x'₁ = x'₂: symmetric features that must get equal credit. */
  public static AnalyticCase symmetricProduct() {
    return new AnalyticCase(
        "symmetric-product",
        new ProductModel(),
        new float[] {1.25f, 1.25f},
        new float[] {-0.375f, -0.375f},
        0,
        true);
  }

  /** Returns the softmax regression case (reference IG by Simpson quadrature). */
  public static AnalyticCase softmaxLinear() {
    Shape shape = Shape.of(2, 3, 3);
    SoftmaxLinearModel model = new SoftmaxLinearModel(shape, 4, SEED);
    RandomSource r = ROOT.derive("softmax-linear");
    float[] x = SeededArrays.uniform(r.derive("input"), shape.size(), 0, 1);
    float[] xb = SeededArrays.uniform(r.derive("baseline"), shape.size(), 0, 1);
    int target = 0;
    double best = -1;
    for (int c = 0; c < model.numClasses(); c++) {
      double change = Math.abs(model.value(x, c) - model.value(xb, c));
      if (change > best) {
        best = change;
        target = c;
      }
    }
    return new AnalyticCase("softmax-linear", model, x, xb, target, true);
  }

  /** Returns the IG paper's ReLU example at x = (3, 1) from the zero baseline. */
  public static AnalyticCase igPaperRelu() {
    return new AnalyticCase(
        "relu-ig-paper", new IgPaperReluModel(), new float[] {3, 1}, new float[] {0, 0}, 0, false);
  }

  /**
   * Returns the IG paper's ReLU example from x' = (1.5, 1) to x = (4.5, 2.875): the first ReLU is
   * on all along and the second switches on at t = 4/9, so the gradient never vanishes.
   */
  public static AnalyticCase igPaperReluActive() {
    return new AnalyticCase(
        "relu-ig-paper-active",
        new IgPaperReluModel(),
        new float[] {4.5f, 2.875f},
        new float[] {1.5f, 1},
        0,
        false);
  }

  /** Returns the one-hidden-layer ReLU network case. */
  public static AnalyticCase reluNetwork() {
    return reluCase("relu-network", network());
  }

  /** Returns the twin of {@link #reluNetwork()}: same function, input and baseline; other parameters. */
  public static AnalyticCase reluNetworkTwin() {
    return reluCase("relu-network-twin", network().twin(SEED));
  }

  /** Returns a linear case on 3×224×224 inputs, for memory and scale tests. */
  public static AnalyticCase imageSizedLinear() {
    LinearModel model = LinearModel.imageSized(SEED);
    int n = model.inputShape().size();
    RandomSource r = ROOT.derive("image-sized-linear");
    return new AnalyticCase(
        "image-sized-linear",
        model,
        SeededArrays.uniform(r.derive("input"), n, 0, 1),
        new float[n],
        0,
        true);
  }

  /**
   * The network's seed: chosen so that all six hidden units switch between x' and x while
   * |f(x) − f(x')| stays large against the gradient's jumps (quadrature error ≤ Σ|jumps|/n).
   */
  private static final long NETWORK_SEED = 8;

  private static ReluNetwork network() {
    return new ReluNetwork(Shape.of(2, 2, 2), 6, NETWORK_SEED);
  }

  private static AnalyticCase reluCase(String name, ReluNetwork model) {
    int n = model.inputShape().size();
    RandomSource r = RandomSource.of(NETWORK_SEED).derive("x");
    return new AnalyticCase(
        name,
        model,
        SeededArrays.uniform(r.derive("input"), n, 0, 1),
        SeededArrays.uniform(r.derive("baseline"), n, -1, 0),
        0,
        false);
  }
}
