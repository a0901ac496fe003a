package org.igkit.models;

import org.igkit.api.model.ModelSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The TorchScript fixture made by {@code fixtures/make_tiny_cnn.py}, and small array helpers. */
final class Fixtures {

  static final int C = 3;
  static final int H = 32;
  static final int W = 32;
  static final int SIZE = C * H * W;
  static final int K = 10;

  private Fixtures() {}

  static Path resource(String name) {
    return org.igkit.testkit.TorchScriptFixtures.path(name);
  }

  static ModelSpec tinyCnn() {
    return ModelSpec.torchScript(resource("tiny_cnn.pt").toString(), C, H, W);
  }

  static JsonNode reference() {
    try {
      return new ObjectMapper().readTree(resource("tiny_cnn.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reference input formula of make_tiny_cnn.py, in float64 rounded to float32. */
  static float[] formulaInput(double a, double b, double d, double phase) {
    float[] x = new float[SIZE];
    for (int c = 0; c < C; c++) {
      for (int y = 0; y < H; y++) {
        for (int xx = 0; xx < W; xx++) {
          x[(c * H + y) * W + xx] = (float) (0.5 + 0.45 * Math.sin(a * (c + 1) + b * y + d * xx + phase));
        }
      }
    }
    return x;
  }

  /** A seeded image with values in [0, 1). */
  static float[] randomImage(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  /**
   * The directional derivative of output {@code target} at {@code x} along {@code d}, by a finite
   * difference robust to float32 rounding: the least-squares slope of 2m+1 outputs at
   * {@code x + t·d}, t evenly spaced in [−h, h] (the symmetric fit cancels the quadratic term,
   * like a central difference, and averages the rounding noise of single outputs).
   */
  static double finiteDifference(
      org.igkit.api.model.ModelFunction f, float[] x, int target, float[] d, double h, int m) {
    List<float[]> points = new java.util.ArrayList<>();
    for (int j = -m; j <= m; j++) {
      points.add(axpy(x, h * j / m, d));
    }
    float[][] out = f.outputs(points);
    double num = 0;
    double den = 0;
    for (int j = -m; j <= m; j++) {
      double t = h * j / m;
      num += t * out[j + m][target];
      den += t * t;
    }
    return num / den;
  }

  /** Step and points of the finite differences; measured errors at these are 1e-5 to 5e-4. */
  static final double FD_STEP = 3e-3;
  static final int FD_HALF_POINTS = 8;
  /** Steps for single coordinates: a kink may lie within the larger, rounding spoils the smaller. */
  static final double[] COORDINATE_STEPS = {3e-3, 1e-3};

  /**
   * Checks the gradient of {@code f}'s output {@code target} at {@code x} against finite
   * differences of {@link org.igkit.api.model.ModelFunction#outputs}:
   *
   * <ul>
   *   <li>directional derivatives along the gradient itself (the steepest, hardest direction) and
   *       two random unit directions d: |FD − g·d| / ‖g‖₂ ≤ 1e-3 (norm-based: |g·d| ≤ ‖g‖₂ for a
   *       unit d);
   *   <li>the three largest coordinates: |FD − g_i| / ‖g‖_∞ ≤ 5e-3 for the better of two steps.
   *       A single float32 pixel moves the output so little that rounding alone costs ~1e-3 at the
   *       small step, and a ReLU or max-pool kink within the large step can cost 5 %; this is a
   *       sign-and-magnitude double check, the directional ones are the precise test.
   * </ul>
   *
   * @return the gradient, for further checks
   */
  static float[] assertGradientMatchesFiniteDifferences(
      org.igkit.api.model.ModelFunction f, float[] x, int target) {
    float[] g = f.scoresAndGradients(List.of(x), new int[] {target}).gradients().get(0);
    double gNorm = norm(g);
    org.assertj.core.api.Assertions.assertThat(gNorm).as("gradient norm").isGreaterThan(0);
    List<float[]> directions = List.of(unit(g), randomDirection(11), randomDirection(12));
    for (int k = 0; k < directions.size(); k++) {
      float[] d = directions.get(k);
      double fd = finiteDifference(f, x, target, d, FD_STEP, FD_HALF_POINTS);
      org.assertj.core.api.Assertions.assertThat(Math.abs(fd - dot(g, d)) / gNorm)
          .as("direction %d: FD %s vs g·d %s (‖g‖ %s)", k, fd, dot(g, d), gNorm)
          .isLessThan(1e-3);
    }
    int[] top = largest(g, 3);
    double gMax = Math.abs(g[top[0]]);
    for (int i : top) {
      float[] e = new float[g.length];
      e[i] = 1f;
      double best = Double.POSITIVE_INFINITY;
      StringBuilder tried = new StringBuilder();
      for (double h : COORDINATE_STEPS) {
        double fd = finiteDifference(f, x, target, e, h, FD_HALF_POINTS);
        best = Math.min(best, Math.abs(fd - g[i]) / gMax);
        tried.append(" h=").append(h).append(": ").append(fd);
      }
      org.assertj.core.api.Assertions.assertThat(best)
          .as("coordinate %d: g_i %s, FD%s", i, g[i], tried)
          .isLessThan(5e-3);
    }
    return g;
  }

  /** Indices of the {@code n} largest |v[i]|, largest first. */
  static int[] largest(float[] v, int n) {
    return java.util.stream.IntStream.range(0, v.length).boxed()
        .sorted((i, j) -> Float.compare(Math.abs(v[j]), Math.abs(v[i])))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }

  /** A seeded random direction of unit L2 norm. */
  static float[] randomDirection(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] d = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      d[i] = (float) (random.nextDouble() - 0.5);
    }
    return unit(d);
  }

  static float[] axpy(float[] x, double h, float[] d) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) (x[i] + h * d[i]);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** ‖a − b‖₂ / ‖b‖₂. */
  static double relativeError(float[] a, float[] b) {
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      double e = (double) a[i] - b[i];
      diff += e * e;
    }
    return Math.sqrt(diff) / norm(b);
  }

  static float[] unit(float[] v) {
    double n = norm(v);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  static List<float[]> list(float[]... points) {
    return List.of(points);
  }
}
