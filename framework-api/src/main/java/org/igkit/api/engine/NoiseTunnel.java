package org.igkit.api.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.random.RandomSource;

/**
 * Runs a whole method (baselines → path → step rule → aggregator) on noisy copies of the input
 * and combines the attributions as a {@link Smoothing} says.
 *
 * <p>Seeds, for copy i = 0 … n−1 of an attribution whose sources are {@code random} and
 * {@code baselineRandom}: the noise is ε_i[j] = σ · g.nextGaussian() for j = 0 … C·H·W−1 in
 * order, g = {@code random.derive("smoothing-noise", i).generator()}; the method runs with
 * {@code random.derive("smoothing", i)} and {@code baselineRandom.derive("smoothing", i)}. Each
 * copy's path points are batched across steps and baselines by the engine; the copies run one
 * after another.
 *
 * <p>The result's scores: its input score is the mean of the copies' input scores, and it has one
 * pseudo-baseline {@code smoothing} of weight 1 whose start score makes
 * {@link Attribution#expectedSum()} the mean of the copies' expected sums — what the sum of a
 * smoothgrad map of complete attributions equals. Model-call counts are the copies' totals.
 */
public final class NoiseTunnel {

  private NoiseTunnel() {}

  /** Returns the noise standard deviation for {@code input}: {@code noise} · (max − min). */
  public static double sigma(Smoothing smoothing, float[] input) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : input) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return smoothing.noise() * ((double) max - min);
  }

  /** Returns noisy copy {@code i} of {@code input}, drawn as the class comment says. */
  public static float[] noisyCopy(float[] input, double sigma, RandomSource random, int i) {
    SplittableRandom g = random.derive("smoothing-noise", i).generator();
    float[] out = new float[input.length];
    for (int j = 0; j < input.length; j++) {
      out[j] = (float) (input[j] + sigma * g.nextGaussian());
    }
    return out;
  }

  /** Attributes {@code input} with {@code method} smoothed by {@code smoothing}. */
  public static Attribution attribute(
      ModelFunction model,
      AttributionMethod method,
      Smoothing smoothing,
      float[] input,
      int target,
      RandomSource random,
      RandomSource baselineRandom,
      EngineOptions options) {
    if (input == null || input.length != model.inputShape().size()) {
      return AttributionEngine.attribute(model, method, input, target, random, baselineRandom, options); // reports
    }
    double sigma = sigma(smoothing, input);
    int n = smoothing.samples();
    double[] sum = new double[input.length];
    double[] sumSq = new double[input.length];
    double inputScore = 0;
    double expected = 0;
    long gradientPoints = 0;
    long forwardPoints = 0;
    int skipped = 0;
    List<Attribution> copies = new ArrayList<>(1);
    for (int i = 0; i < n; i++) {
      Attribution a = AttributionEngine.attribute(model, method, noisyCopy(input, sigma, random, i), target,
          random.derive("smoothing", i), baselineRandom.derive("smoothing", i), options);
      float[] v = a.values();
      for (int j = 0; j < v.length; j++) {
        sum[j] += v[j];
        sumSq[j] += (double) v[j] * v[j];
      }
      inputScore += a.inputScore();
      expected += a.expectedSum();
      gradientPoints += a.gradientPoints();
      forwardPoints += a.forwardPoints();
      skipped += a.skippedSteps();
      if (copies.isEmpty()) {
        copies.add(a);
      }
    }
    float[] values = new float[input.length];
    for (int j = 0; j < values.length; j++) {
      double mean = sum[j] / n;
      double meanSq = sumSq[j] / n;
      values[j] = (float) switch (smoothing.type()) {
        case SMOOTHGRAD -> mean;
        case SMOOTHGRAD_SQ -> meanSq;
        case VARGRAD -> Math.max(0, meanSq - mean * mean);
      };
    }
    inputScore /= n;
    expected /= n;
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("smoothing.samples", (double) n);
    diagnostics.put("smoothing.sigma", sigma);
    return new Attribution(copies.get(0).shape(), values, target, inputScore, List.of("smoothing"),
        new double[] {inputScore - expected}, new double[] {1}, null, skipped, gradientPoints, forwardPoints,
        diagnostics);
  }
}
