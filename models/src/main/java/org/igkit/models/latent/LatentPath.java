package org.igkit.models.latent;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.igkit.api.model.Shape;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.FilePath;

/**
 * A manifold-aligned path through the latent space of a variational autoencoder — the idea of
 * MA-GIG ("Manifold-Aligned Guided Integrated Gradients for Reliable Feature Attribution"): points
 * decoded from latent states stay near the data manifold, so the classifier's gradients are taken
 * on plausible images. Gradients are still taken in input space, at the emitted points; the path
 * only emits points and tangents. The VAE is a {@link ConvVae} trained in Java by
 * {@code igkit train-vae} ({@code experiments/models/shapes-vae.params} for the shapes benchmark).
 *
 * <p><b>The path.</b> x and x' are encoded to their posterior means z = μ(x), z' = μ(x'). A latent
 * curve ζ(α) runs from z' to z — straight, ζ(α) = z' + α(z − z') ({@code mode: straight}), or
 * Guided IG's adaptive steps on the latent vector ({@code mode: guided}, {@link GuidedLatentTrace}).
 * The decoded curve D(ζ(α)) does not start at x' or end at x (a VAE reconstructs x only
 * approximately: D(z) ≠ x), so the emitted point is
 *
 * <pre>  γ(α) = (1 − w₀(α) − w₁(α))·D(ζ(α)) + w₀(α)·x' + w₁(α)·x</pre>
 *
 * where w₀ fades from 1 to 0 over α ∈ [0, b] and w₁ from 0 to 1 over [1 − b, 1] (smoothstep
 * weights, b = {@code endBlend}; {@link DecodedCurve}). So γ(0) = x' and γ(1) = x exactly, points
 * with b ≤ α ≤ 1 − b are pure decodes, and every point is a convex combination of a decoded image
 * and the end points (inside [0, 1]ⁿ when x and x' are: the decoder ends in a sigmoid).
 *
 * <p><b>Tangents</b> ({@code mode: straight}): γ'(α) = (1 − w₀ − w₁)·dD(ζ(α))/dα + w₀'·(x' − D) +
 * w₁'·(x − D), the weights' slopes in closed form and the decoder's derivative by the central
 * difference (D(ζ(α + h)) − D(ζ(α − h)))/2h with h = {@code tangentStep}/‖z − z'‖₂ (a stencil
 * {@code tangentStep} long in latent space; three decodes per point, batched 16 nodes per call).
 * The decoder is smooth (GELU, sigmoid), so the error is O(h²) plus float32 rounding of the
 * decoder (~1e-7 relative, divided by 2h).
 *
 * <p><b>Completeness.</b> The path starts at x' and ends at x, so IDGI is exactly complete
 * (Σ A = f(x) − f(x')) in both modes and with any {@code endBlend}, as on every path, whenever it
 * skips no step (a step whose start has a zero gradient, e.g. decoded points in a dead ReLU
 * region). For quadrature rules:
 *
 * <ul>
 *   <li>{@code endBlend} b &gt; 0 (default 0.25): γ is C¹ (the smoothstep has zero slope at both
 *       ends of its zone), so Σ A → f(x) − f(x') as the step count grows, at the rule's order (the
 *       blend zones are resolved by about b·n nodes each), plus the finite-difference error. How
 *       wide b should be depends on how much of f's change happens in the zones: where the
 *       classifier does not recognise the VAE's reconstructions (f(D(z)) ≈ f(D(z')), as on the
 *       shapes benchmark), all of it enters where the residual x − D(z) fades in. Measured there
 *       (12 test images, black baseline, 50-step midpoint rule, mean relative gap): b = 0.1 0.20,
 *       b = 0.25 0.031, b = 0.5 0.022 (straight-line IG: 0.020) — hence the default 0.25, which
 *       keeps the middle half of the path pure decodes;
 *   <li>b = 0 (MA-GIG's literal path: decoded points, endpoints forced): the curve jumps from x' to
 *       D(z') and from D(z) to x, and a quadrature rule only integrates the decoded curve: Σ A →
 *       f(D(z)) − f(D(z')) (midpoint and Gauss–Legendre never evaluate the ends; trapezoid
 *       evaluates x' and x but with the decoded curve's tangent). The gap
 *       [f(x) − f(D(z))] + [f(D(z')) − f(x')] does not shrink with more steps; IDGI credits both
 *       jumps (along the gradient at the last point before each jump).
 *   <li>{@code mode: guided}: tangents are displacements p_{k+1} − p_k with weight 1, as for the
 *       input-space {@code guided} path, so quadrature rules compute MA-GIG's left sum over the
 *       polyline (first order in 1/S; with b = 0 the two jumps are single steps with the gradient
 *       at their start).
 * </ul>
 *
 * <p><b>Capabilities.</b> Needs a baseline. Not symmetric (the VAE mixes features), not
 * stochastic (encoding uses the posterior means, no sampling). {@code mode: guided} is adaptive
 * (lookahead 1); the plugin's declared capabilities cannot depend on its spec, so
 * {@code ADAPTIVE} is not declared and {@code straight} emits exactly one point per node.
 *
 * <p><b>Resources.</b> The VAE is loaded when the plugin is built (before a run attributes its
 * first sample, so a missing or wrong file fails early) and shared by every trace of that
 * instance; a run's workers build their own instances, hence their own copies. The decoder runs on
 * DJL's PyTorch engine in a sub-manager per call, without autograd and without a
 * {@code GradientCollector} ({@link VaeCodec}); decoding costs 3 decoder passes per point
 * ({@code straight}) or 2·latentDim + 1 per step ({@code guided}). A trace holds two latent
 * vectors, the input and baseline, and at most 16 decoded nodes. The {@code Path} SPI has no
 * {@code close()}: the VAE's native arrays (≈ 0.4 MB) live until the engine shuts down.
 */
public final class LatentPath implements org.igkit.api.path.Path {

  /** How the latent curve runs from z' to z. */
  public enum Mode {
    /** z' + α(z − z'). */
    STRAIGHT,
    /** Guided IG's adaptive steps on the latent vector (MA-GIG). */
    GUIDED
  }

  /**
   * @param model       the VAE parameters file written by {@code igkit train-vae} (required; a
   *                    relative path is resolved against the experiment file's folder)
   * @param latentDim   the VAE's latent dimension, checked against the file; default: the file's
   * @param mode        {@code straight} (default) or {@code guided}
   * @param endBlend    b ∈ [0, 0.5]: the share of [0, 1] at each end over which the path fades
   *                    from x' onto the decoded curve and from it onto x; 0 = jump at both ends
   *                    (default 0.25; see the class comment)
   * @param tangentStep the finite-difference step length in latent space, for the straight
   *                    mode's tangents and the guided mode's latent gradients, &gt; 0 (default 0.01)
   * @param fraction    {@code guided}: the share of latent coordinates (lowest |∂f/∂ζ|) moved per
   *                    round, in (0, 1] (default 0.1, MA-GIG's)
   * @param maxDist     {@code guided}: how far in progress a coordinate may run ahead of or lag
   *                    behind the step, in (0, 1] (default 1, MA-GIG's unbounded path)
   */
  public record Spec(
      @FilePath String model,
      Integer latentDim,
      String mode,
      Double endBlend,
      Double tangentStep,
      Double fraction,
      Double maxDist) {
    /** Fills defaults and validates. */
    public Spec {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException(
            "model: is required (the VAE parameters file written by igkit train-vae, e.g. "
                + "experiments/models/shapes-vae.params)");
      }
      latentDim = latentDim == null ? null : Checks.atLeast("latentDim", 1, latentDim);
      mode = Checks.kebab(Checks.option("mode", Mode.class, mode, Mode.STRAIGHT));
      endBlend = Checks.inRange("endBlend", 0, 0.5, endBlend == null ? 0.25 : endBlend);
      tangentStep = Checks.positive("tangentStep", tangentStep == null ? 0.01 : tangentStep);
      fraction = Checks.inOpenClosed("fraction", 0, 1, fraction == null ? 0.1 : fraction);
      maxDist = Checks.inOpenClosed("maxDist", 0, 1, maxDist == null ? 1.0 : maxDist);
    }
  }

  /** The plugin registration. */
  public static final PluginType<org.igkit.api.path.Path> TYPE =
      PluginType.of(
          org.igkit.api.path.Path.class,
          "latent",
          Spec.class,
          LatentPath::new,
          "manifold-aligned path: straight or guided in a VAE's latent space, decoded (MA-GIG idea)",
          Capability.NEEDS_BASELINE);

  private final Spec spec;
  private final Mode mode;
  private final Function<Shape, VaeCodec> codecs;

  /**
   * Creates the path from its spec, loading the VAE from {@code spec.model()}.
   *
   * @throws IllegalArgumentException if the file is missing, is not a VAE file, or its latent
   *     dimension differs from {@code spec.latentDim()}
   */
  public LatentPath(Spec spec) {
    this(spec, fileCodec(spec));
  }

  /**
   * Creates the path with VAEs from {@code codecs} (one per image shape) instead of
   * {@code spec.model()}, which is then not read — for tests and programmatic use. The codecs
   * stay owned by the caller.
   */
  public LatentPath(Spec spec, Function<Shape, VaeCodec> codecs) {
    this.spec = spec;
    this.mode = Checks.option("mode", Mode.class, spec.mode(), Mode.STRAIGHT);
    this.codecs = Objects.requireNonNull(codecs, "codecs");
  }

  private static Function<Shape, VaeCodec> fileCodec(Spec spec) {
    Path file = Path.of(spec.model());
    VaeCodec codec;
    try {
      codec = VaeCodec.load(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model: " + e.getMessage(), e);
    }
    if (spec.latentDim() != null && spec.latentDim() != codec.latentDim()) {
      int found = codec.latentDim();
      codec.close();
      throw new IllegalArgumentException(
          "latentDim: is " + spec.latentDim() + " but the VAE in " + file.toAbsolutePath() + " has latent dimension "
              + found + " (leave latentDim out to take the file's)");
    }
    return shape -> {
      if (!shape.equals(codec.shape())) {
        throw new IllegalArgumentException(
            "latent path: the VAE in " + file.toAbsolutePath() + " was trained on " + codec.shape()
                + " images, but the model takes " + shape + " inputs; train one for this shape with igkit train-vae");
      }
      return codec;
    };
  }

  /** Returns the resolved spec. */
  public Spec spec() {
    return spec;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    float[] x = request.shape().require("input", request.input());
    float[] b = request.shape().require("baseline", request.baseline());
    VaeCodec codec = codecs.apply(request.shape());
    DecodedCurve curve = DecodedCurve.of(codec, x, b, spec.endBlend());
    Schedule schedule = request.schedule();
    if (mode == Mode.STRAIGHT) {
      return new StraightLatentTrace(curve, schedule, spec.tangentStep());
    }
    int steps = schedule.intervals(); // the rule's step count, whichever nodes it picks
    boolean emitEnd = schedule.size() == steps + 1; // the schedule visits both ends (IDGI, trapezoid)
    return new GuidedLatentTrace(curve, steps, emitEnd, spec.tangentStep(), spec.fraction(), spec.maxDist());
  }

  @Override
  public String toString() {
    return "latent(" + spec.mode() + ", endBlend " + spec.endBlend() + ", tangentStep " + spec.tangentStep()
        + (mode == Mode.GUIDED ? ", fraction " + spec.fraction() + ", maxDist " + spec.maxDist() : "") + ")";
  }
}
