package org.igkit.paths.ig2;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * IG² (Zhuo and Ge, "IG²: Integrated Gradient on Iterative Gradient Path for Feature
 * Attribution", TPAMI 2024) as the SIG authors run it, with one documented deviation. From
 * p_0 = x, N steps p_i = p_{i−1} + η·g/‖g‖₂ with g = ∇_p −MSE(rep(p), rep(r)) at p = p_{i−1}, r
 * the reference image; A = Σ_{i=1}^{N} (p_{i−1} − p_i) ⊙ ∇f_t(p_{i−1}), averaged over references.
 * The references are the method's baselines (the authors draw 3 at random from the first 100
 * validation images: {@code baselines: {type: dataset, count: 3}}), and the aggregator's mean is
 * their mean.
 *
 * <p><b>Deviation: the representation.</b> The authors' rep is the classifier head's input (the
 * penultimate features). A {@link ModelFunction} exposes only the explained outputs of the K
 * classes and their gradients, so here rep(p) is that K-vector (softmax probabilities by default,
 * logits when the model is so configured) and g = −(2/K) Σ_k (rep_k(p) − rep_k(r)) ∇rep_k(p)
 * costs K gradients per step. The path still walks towards inputs the model scores like the
 * reference, but in output space, not feature space; numbers differ from the authors'.
 *
 * <p><b>How it fits.</b> Only the rule's node count counts: N = the schedule's size (the authors'
 * N = 201 is {@code riemann} with {@code steps: 201}). The path computes each next point itself
 * (K gradients through the engine's counted model, in batches of at most {@value #CHUNK}) and
 * emits p_{i−1} with tangent p_{i−1} − p_i and weight 1; the engine's integrator supplies
 * ∇f_t(p_{i−1}), so any quadrature rule accumulates the sum above. {@code idgi} is refused. A
 * zero g (the representation already matches) ends the walk's movement: later points repeat
 * with zero tangent. The start the engine scores is x; the sum telescopes to f(x) − f(p_N) on a
 * linear f, which the engine does not see.
 *
 * <p>Model calls per reference: N·K gradients for the walk, N for the attribution, 1 forward for
 * rep(r) — N·(K + 1) + 1: 2 212 with N = 201 and 10 classes; 201 402 with 1000 classes, where the
 * authors' one feature-space gradient per step would be far cheaper.
 */
public final class Ig2Path implements Path {

  /** Points per model call for the representation gradients. */
  static final int CHUNK = 64;

  /** @param stepSize η, the L₂ length of each step, &gt; 0; default 0.02 */
  public record Spec(Double stepSize) {
    /** Fills the default and validates. */
    public Spec {
      stepSize = Checks.positive("stepSize", stepSize == null ? 0.02 : stepSize);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
              Path.class,
              "ig2",
              Spec.class,
              Ig2Path::new,
              "IG2: normalised gradient steps from x towards the reference's representation (here: the "
                  + "model's K outputs, not its features), integrated back to x (Zhuo and Ge 2024)",
              Capability.ADAPTIVE,
              Capability.NEEDS_BASELINE)
          .withModelCalls("N*(K+1) gradients + 1 forward per reference (K classes, N = the rule's nodes; authors: N = 201, 3 references)");

  private final double stepSize;

  /** Creates the path from its spec. */
  public Ig2Path(Spec spec) {
    this.stepSize = spec.stepSize();
  }

  /** Returns x: the walk starts at the input (the baseline is the reference it walks towards). */
  @Override
  public float[] start(float[] input, float[] baseline) {
    return input;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    float[] reference = request.shape().require("baseline", request.baseline());
    if (request.schedule().weightSum() == 0) {
      throw new IllegalArgumentException(
          "ig2 path: the step rule gives its nodes no weight (idgi); IG2 sums its own steps, "
              + "use riemann or gauss-legendre (their node count is the number of steps)");
    }
    ModelFunction model = request.model();
    int steps = Math.max(1, request.schedule().size());
    return new PathTrace() {
      private double[] target;
      private float[] current = x.clone();
      private int emitted;

      @Override
      public boolean hasNext() {
        return emitted < steps;
      }

      @Override
      public PathPoint next() {
        if (emitted >= steps) {
          throw new IllegalStateException("ig2 path: no point left (" + steps + " emitted)");
        }
        if (target == null) {
          float[] r = model.outputs(List.of(reference))[0];
          target = new double[r.length];
          for (int k = 0; k < r.length; k++) {
            target[k] = r[k];
          }
        }
        double[] g = representationAscent(model, current, target);
        double norm = 0;
        for (double v : g) {
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] from = current;
        float[] to = from.clone();
        float[] back = new float[from.length];
        if (norm > 0) {
          for (int i = 0; i < from.length; i++) {
            to[i] = (float) (from[i] + stepSize * g[i] / norm);
            back[i] = (float) ((double) from[i] - to[i]);
          }
        }
        current = to;
        int k = emitted++;
        return new PathPoint(k, (double) k / steps, from, back, 1.0);
      }
    };
  }

  /** Returns ∇_p −MSE(rep(p), target) = −(2/K) Σ_k (rep_k(p) − target_k) ∇rep_k(p). */
  static double[] representationAscent(ModelFunction model, float[] p, double[] target) {
    int classes = target.length;
    double[] g = new double[p.length];
    for (int from = 0; from < classes; from += CHUNK) {
      int n = Math.min(CHUNK, classes - from);
      List<float[]> points = new ArrayList<>(n);
      int[] targets = new int[n];
      for (int j = 0; j < n; j++) {
        points.add(p);
        targets[j] = from + j;
      }
      ScoresAndGradients sg = model.scoresAndGradients(points, targets);
      for (int j = 0; j < n; j++) {
        double coefficient = -2.0 / classes * ((double) sg.scores()[j] - target[from + j]);
        float[] grad = sg.gradients().get(j);
        for (int i = 0; i < g.length; i++) {
          g[i] += coefficient * grad[i];
        }
      }
    }
    return g;
  }

  @Override
  public String toString() {
    return "ig2(stepSize " + stepSize + ")";
  }
}
