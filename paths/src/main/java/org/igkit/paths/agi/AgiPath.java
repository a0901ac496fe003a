package org.igkit.paths.agi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.Argmax;
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
 * Adversarial Gradient Integration (Pan et al., "Explaining Deep Neural Network Models with
 * Adversarial Gradient Integration", IJCAI 2021), as the SIG authors run it. Not a baseline-to-x
 * path: from x, one signed-gradient walk per negative class c,
 * x_{k+1} = clip(x_k + ε·sign ∇f_c(x_k), 0, 1), stopped before step k when the model's argmax at
 * x_k is c or after {@code maxSteps} steps; the attribution is
 * A = −Σ_c Σ_k ∇f_t(x_k) ⊙ (x_{k+1} − x_k).
 *
 * <p><b>Negative classes.</b> The authors' rule: range(0, K − 1, max(1, ⌊K/n⌋)) without the
 * target t, for K classes and n = {@code classes}. With K = 1000 and n = 10: 0, 100, …, 900; with
 * K = 10: 0 … 8 (the last class is never used; kept as the reference has it).
 *
 * <p><b>How it fits.</b> The trace runs the walks in lockstep, one round per step: one forward
 * batch over the live walks for the argmax check, one gradient batch of ∇f_c for the sign step
 * (both through the engine's counted model), then it emits each walk's x_k with tangent
 * x_k − x_{k+1} and weight 1. The engine's integrator supplies ∇f_t(x_k), so any quadrature
 * rule ({@code riemann}, {@code gauss-legendre}) accumulates exactly the sum above; the rule's
 * nodes and step count are ignored. A rule that gives its nodes no weight ({@code idgi}) is
 * refused. The start the engine scores is x itself; completeness does not apply (AGI makes no
 * such claim). The baseline is ignored.
 *
 * <p><b>Units.</b> f is the model's explained output (softmax probability by default, as in the
 * reference). ε is in the image space igkit is given, [0, 1]; the authors' ε = 0.05 is in
 * ImageNet-normalised units, where the box is clipped per channel, so it corresponds to about
 * 0.05 × 0.226 ≈ 0.0113 here for an ImageNet-normalised model. The default is the authors' number.
 *
 * <p>Model calls per negative class with K_c ≤ maxSteps steps: 2·K_c gradients (∇f_c and ∇f_t)
 * and K_c forward passes, plus one more forward when the walk stops early.
 */
public final class AgiPath implements Path {

  /**
   * @param classes  n in the negative-class rule, ≥ 1; default 10 (the authors' configuration)
   * @param maxSteps steps per negative class, ≥ 1; default 15
   * @param epsilon  the signed step, in (0, 1]; default 0.05
   */
  public record Spec(Integer classes, Integer maxSteps, Double epsilon) {
    /** Fills defaults and validates. */
    public Spec {
      classes = Checks.atLeast("classes", 1, classes == null ? 10 : classes);
      maxSteps = Checks.atLeast("maxSteps", 1, maxSteps == null ? 15 : maxSteps);
      epsilon = Checks.inOpenClosed("epsilon", 0, 1, epsilon == null ? 0.05 : epsilon);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
              Path.class,
              "agi",
              Spec.class,
              AgiPath::new,
              "AGI: signed-gradient walks from x towards ~n negative classes, A = -sum grad f_t * step "
                  + "(Pan et al. 2021); no baseline",
              Capability.ADAPTIVE)
          .withModelCalls("per negative class (n = 10: ~10): <= 15 steps x (2 gradients + 1 forward), "
              + "+1 forward if it stops early");

  private final Spec spec;

  /** Creates the path from its spec. */
  public AgiPath(Spec spec) {
    this.spec = spec;
  }

  /** Returns the resolved spec. */
  public Spec spec() {
    return spec;
  }

  /** Returns x: the walks start at the input (the baseline is ignored). */
  @Override
  public float[] start(float[] input, float[] baseline) {
    return input;
  }

  /** Returns the negative classes for K classes, target t and n: range(0, K−1, max(1, K/n)) \ {t}. */
  public static int[] negativeClasses(int numClasses, int target, int n) {
    int step = Math.max(1, numClasses / n);
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < numClasses - 1; c += step) {
      if (c != target) {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    if (request.schedule().weightSum() == 0) {
      throw new IllegalArgumentException(
          "agi path: the step rule gives its nodes no weight (idgi); AGI sums its own steps, "
              + "use riemann or gauss-legendre (their step count is ignored)");
    }
    ModelFunction model = request.model();
    return new Walks(model, x, negativeClasses(model.numClasses(), request.target(), spec.classes()),
        spec.maxSteps(), spec.epsilon());
  }

  @Override
  public String toString() {
    return "agi(classes " + spec.classes() + ", maxSteps " + spec.maxSteps() + ", epsilon " + spec.epsilon() + ")";
  }

  /** The walks of all negative classes, advanced together one step per round. */
  private static final class Walks implements PathTrace {
    private final ModelFunction model;
    private final int[] classes;
    private final float[][] current;
    private final int[] taken;
    private final boolean[] live;
    private final int maxSteps;
    private final double epsilon;
    private final ArrayDeque<PathPoint> ready = new ArrayDeque<>();
    private int emitted;

    Walks(ModelFunction model, float[] input, int[] classes, int maxSteps, double epsilon) {
      this.model = model;
      this.classes = classes;
      this.maxSteps = maxSteps;
      this.epsilon = epsilon;
      current = new float[classes.length][];
      taken = new int[classes.length];
      live = new boolean[classes.length];
      for (int i = 0; i < classes.length; i++) {
        current[i] = input.clone();
        live[i] = true;
      }
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && round()) {
        // each round either emits points or ends walks
      }
      return !ready.isEmpty();
    }

    @Override
    public PathPoint next() {
      if (!hasNext()) {
        throw new IllegalStateException("agi path: no point left (" + emitted + " emitted)");
      }
      return ready.removeFirst();
    }

    /** Advances every live walk one step; returns false when no walk was live. */
    private boolean round() {
      List<Integer> check = new ArrayList<>();
      for (int i = 0; i < classes.length; i++) {
        if (live[i] && taken[i] >= maxSteps) {
          live[i] = false;
        }
        if (live[i]) {
          check.add(i);
        }
      }
      if (check.isEmpty()) {
        return false;
      }
      List<float[]> points = new ArrayList<>(check.size());
      for (int i : check) {
        points.add(current[i]);
      }
      float[][] outputs = model.outputs(points);
      List<Integer> moving = new ArrayList<>(check.size());
      for (int j = 0; j < check.size(); j++) {
        int i = check.get(j);
        if (Argmax.of(outputs[j]) == classes[i]) {
          live[i] = false; // the walk reached its class: stop before stepping
        } else {
          moving.add(i);
        }
      }
      if (moving.isEmpty()) {
        return true;
      }
      points.clear();
      int[] targets = new int[moving.size()];
      for (int j = 0; j < moving.size(); j++) {
        points.add(current[moving.get(j)]);
        targets[j] = classes[moving.get(j)];
      }
      ScoresAndGradients sg = model.scoresAndGradients(points, targets);
      for (int j = 0; j < moving.size(); j++) {
        int i = moving.get(j);
        float[] from = current[i];
        float[] g = sg.gradients().get(j);
        float[] to = new float[from.length];
        float[] back = new float[from.length];
        for (int e = 0; e < from.length; e++) {
          double v = from[e] + epsilon * Math.signum(g[e]);
          to[e] = (float) Math.min(1.0, Math.max(0.0, v));
          back[e] = (float) ((double) from[e] - to[e]);
        }
        ready.addLast(new PathPoint(emitted++, (double) taken[i] / maxSteps, from, back, 1.0));
        current[i] = to;
        taken[i]++;
      }
      return true;
    }
  }
}
