package org.igkit.models.latent;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.DoubleFunction;
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
 * {@code igkit train-vae} ({@code experiments/models/shapes-vae.params} for the shapes benchmark,
 * {@code model:}) or the user's encoder and decoder as TorchScript files ({@code encoder:},
 * {@code decoder:}, {@link TorchScriptCodec}).
 *
 * <p><b>The family</b> (docs/methods.md, "Latent paths"): {@code mode: straight} is EIG's latent
 * line (with {@code slerp}, its spherical version), {@code mode: geodesic} MIG's energy-minimised
 * latent points ({@link GeodesicLatents}), {@code mode: guided} MA-GIG's guided steps on z with
 * exact latent gradients J_Dᵀ∇f (igkit's loop, or with {@code loop: reference} the authors' loop,
 * {@link ReferenceLatentStep}). {@code preset: eig | mig | ma-gig} sets the authors' configurations;
 * {@code ends: anchored} their endpoint handling (below, b = 0).
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
 * DJL's PyTorch engine in a sub-manager per call, without a {@code GradientCollector}
 * ({@link VaeCodec}; autograd only for the VJP); decoding costs 3 decoder passes per point
 * ({@code straight}, {@code geodesic}) or one decode and one VJP per step ({@code guided}); MIG's
 * optimisation adds 2T − 2 decodes and 2(T − 2) VJPs per iteration. A trace holds two latent
 * vectors (MIG: T), the input and baseline, and at most 16 decoded nodes. The {@code Path} SPI has no
 * {@code close()}: the VAE's native arrays (≈ 0.4 MB) live until the engine shuts down.
 */
public final class LatentPath implements org.igkit.api.path.Path {

  /** How the latent curve runs from z' to z. */
  public enum Mode {
    /** z' + α(z − z'), or its spherical version with {@code slerp} (EIG). */
    STRAIGHT,
    /** Guided IG's adaptive steps on the latent vector (MA-GIG). */
    GUIDED,
    /** MIG's latent geodesic: the straight line's points moved by energy minimisation. */
    GEODESIC
  }

  /** Where the decoded path meets x' and x. */
  public enum Ends {
    /** igkit's: fade from x' onto the decoded curve and from it onto x over {@code endBlend}. */
    EXACT,
    /** MA-GIG's: p₀ = x', p_S = x, every other point a pure decode (two jumps; endBlend 0). */
    ANCHORED
  }

  /** The guided mode's loop. */
  public enum Loop {
    /** {@code GuidedStep}: targets (k+1)/S, window maxDist, the last step lands on z. */
    IGKIT,
    /** The authors' loop: targets (k+1)/(S+1), unbounded, slerp optional, final jump. */
    REFERENCE
  }

  /** The authors' settings, filling every key the user leaves out. */
  public enum Preset {
    /** No preset: igkit's defaults. */
    NONE,
    /** MA-GIG's shipped config: guided, fraction 0.05, slerp, anchored ends, the reference loop. */
    MA_GIG,
    /** EIG's config: straight latent line, no slerp (the class default is slerp), anchored ends. */
    EIG,
    /** MIG's config: geodesic, α 5e-5, 2 iterations, ε 1000, anchored ends. */
    MIG
  }

  /**
   * @param model           the VAE parameters file written by {@code igkit train-vae}; or leave
   *                        it out and give {@code encoder} and {@code decoder} (a relative path is
   *                        resolved against the experiment file's folder)
   * @param latentDim       the VAE's latent dimension, checked against the file; default: the file's
   * @param mode            {@code straight} (default), {@code guided} or {@code geodesic}
   * @param endBlend        b ∈ [0, 0.5]: the share of [0, 1] at each end over which the path fades
   *                        from x' onto the decoded curve and from it onto x; 0 = jump at both ends
   *                        (default 0.25 with {@code ends: exact}; 0 with {@code anchored})
   * @param tangentStep     the finite-difference step length in latent space for the tangents of
   *                        the straight and geodesic modes, &gt; 0 (default 0.01)
   * @param fraction        {@code guided}: the share of latent coordinates (lowest |∂f/∂ζ|) moved
   *                        per round, in (0, 1] (default 0.1; 0.05 with {@code preset: ma-gig})
   * @param maxDist         {@code guided}, {@code loop: igkit}: how far in progress a coordinate may
   *                        run ahead of or lag behind the step, in (0, 1] (default 1, unbounded)
   * @param encoder         a TorchScript file mapping a batch of images [n, C, H, W] to their
   *                        posterior means (any shape [n, …]); with {@code decoder}, instead of
   *                        {@code model}
   * @param decoder         a TorchScript file mapping the encoder's latents back to images
   *                        [n, C, H, W]
   * @param preset          {@code none} (default), {@code ma-gig}, {@code eig} or {@code mig}
   * @param slerp           spherical instead of straight interpolation: the straight mode's line
   *                        and the reference loop's moves (default false)
   * @param ends            {@code exact} (default) or {@code anchored}
   * @param loop            {@code guided}: {@code igkit} (default) or {@code reference}
   * @param rate            {@code geodesic}: α, the step size (default 5e-5, MIG's config)
   * @param iterations      {@code geodesic}: the most iterations, ≥ 0 (default 2)
   * @param energyTolerance {@code geodesic}: ε, stop once Σ‖η‖² &lt; ε, ≥ 0 (default 1000)
   */
  public record Spec(
      @FilePath String model,
      Integer latentDim,
      String mode,
      Double endBlend,
      Double tangentStep,
      Double fraction,
      Double maxDist,
      @FilePath String encoder,
      @FilePath String decoder,
      String preset,
      Boolean slerp,
      String ends,
      String loop,
      Double rate,
      Integer iterations,
      Double energyTolerance) {
    /** Fills defaults (from the preset first) and validates. */
    public Spec {
      boolean hasModel = model != null && !model.isBlank();
      boolean hasEncoder = encoder != null && !encoder.isBlank();
      boolean hasDecoder = decoder != null && !decoder.isBlank();
      if (hasModel && (hasEncoder || hasDecoder)) {
        throw new IllegalArgumentException(
            "model: give either model (igkit's VAE file) or encoder and decoder (TorchScript files), not both");
      }
      if (!hasModel && hasEncoder != hasDecoder) {
        throw new IllegalArgumentException(
            (hasEncoder ? "decoder" : "encoder") + ": is required with " + (hasEncoder ? "encoder" : "decoder")
                + " (the VAE's encoder and decoder as TorchScript files)");
      }
      if (!hasModel && !hasEncoder) {
        throw new IllegalArgumentException(
            "model: is required (the VAE parameters file written by igkit train-vae, e.g. "
                + "experiments/models/shapes-vae.params), or encoder and decoder as TorchScript files");
      }
      Preset p = Checks.option("preset", Preset.class, preset, Preset.NONE);
      preset = Checks.kebab(p);
      Mode m = Checks.option("mode", Mode.class, mode,
          p == Preset.MA_GIG ? Mode.GUIDED : p == Preset.MIG ? Mode.GEODESIC : Mode.STRAIGHT);
      mode = Checks.kebab(m);
      Ends e = Checks.option("ends", Ends.class, ends, p == Preset.NONE ? Ends.EXACT : Ends.ANCHORED);
      ends = Checks.kebab(e);
      Loop l = Checks.option("loop", Loop.class, loop, p == Preset.MA_GIG ? Loop.REFERENCE : Loop.IGKIT);
      loop = Checks.kebab(l);
      latentDim = latentDim == null ? null : Checks.atLeast("latentDim", 1, latentDim);
      if (e == Ends.ANCHORED) {
        if (endBlend != null && endBlend != 0) {
          throw new IllegalArgumentException(
              "endBlend: is " + endBlend + " but ends: anchored jumps at both ends (endBlend 0); "
                  + "leave endBlend out or use ends: exact");
        }
        endBlend = 0.0;
      }
      endBlend = Checks.inRange("endBlend", 0, 0.5, endBlend == null ? 0.25 : endBlend);
      tangentStep = Checks.positive("tangentStep", tangentStep == null ? 0.01 : tangentStep);
      fraction = Checks.inOpenClosed("fraction", 0, 1,
          fraction == null ? (p == Preset.MA_GIG ? 0.05 : 0.1) : fraction);
      if (l == Loop.REFERENCE && maxDist != null && maxDist != 1) {
        throw new IllegalArgumentException(
            "maxDist: is " + maxDist + " but loop: reference is unbounded (maxDist 1); leave it out or use loop: igkit");
      }
      maxDist = Checks.inOpenClosed("maxDist", 0, 1, maxDist == null ? 1.0 : maxDist);
      slerp = slerp == null ? p == Preset.MA_GIG : slerp;
      if (slerp && m == Mode.GEODESIC) {
        throw new IllegalArgumentException(
            "slerp: applies to mode straight and guided; MIG's geodesic starts from the straight latent line");
      }
      if (slerp && m == Mode.GUIDED && l != Loop.REFERENCE) {
        throw new IllegalArgumentException(
            "slerp: in mode guided needs loop: reference (the authors' loop, whose moves slerp replaces)");
      }
      rate = Checks.positive("rate", rate == null ? 5e-5 : rate);
      iterations = Checks.atLeast("iterations", 0, iterations == null ? 2 : iterations);
      energyTolerance = Checks.inRange("energyTolerance", 0, Double.MAX_VALUE,
          energyTolerance == null ? 1000.0 : energyTolerance);
    }

    /** The settings of igkit's VAE file only; every other key at its default. */
    public Spec(String model, Integer latentDim, String mode, Double endBlend, Double tangentStep, Double fraction,
        Double maxDist) {
      this(model, latentDim, mode, endBlend, tangentStep, fraction, maxDist,
          null, null, null, null, null, null, null, null, null);
    }
  }

  /** The plugin registration. */
  public static final PluginType<org.igkit.api.path.Path> TYPE =
      PluginType.of(
          org.igkit.api.path.Path.class,
          "latent",
          Spec.class,
          LatentPath::new,
          "manifold-aligned path in a VAE's latent space, decoded: straight/slerp (EIG), guided (MA-GIG),"
              + " geodesic (MIG)",
          Capability.NEEDS_BASELINE);

  private final Spec spec;
  private final Mode mode;
  private final Function<Shape, ? extends LatentCodec> codecs;

  /**
   * Creates the path from its spec, loading the VAE from {@code spec.model()} or the TorchScript
   * files {@code spec.encoder()} and {@code spec.decoder()}.
   *
   * @throws IllegalArgumentException if a file is missing or is not what it should be, or the
   *     latent dimension differs from {@code spec.latentDim()}
   */
  public LatentPath(Spec spec) {
    this(spec, spec.model() != null && !spec.model().isBlank() ? fileCodec(spec) : TorchScriptCodec.loader(spec));
  }

  /**
   * Creates the path with VAEs from {@code codecs} (one per image shape) instead of the files of
   * the spec, which are then not read — for tests and programmatic use. The codecs stay owned by
   * the caller.
   */
  public LatentPath(Spec spec, Function<Shape, ? extends LatentCodec> codecs) {
    this.spec = spec;
    this.mode = Checks.option("mode", Mode.class, spec.mode(), Mode.STRAIGHT);
    this.codecs = Objects.requireNonNull(codecs, "codecs");
  }

  private static Function<Shape, LatentCodec> fileCodec(Spec spec) {
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
    LatentCodec codec = codecs.apply(request.shape());
    DecodedCurve curve = DecodedCurve.of(codec, x, b, spec.endBlend());
    Schedule schedule = request.schedule();
    switch (mode) {
      case STRAIGHT -> {
        DoubleFunction<float[]> line = spec.slerp() ? curve::onSlerp : curve::onLine;
        return new StraightLatentTrace(curve, line, schedule, spec.tangentStep());
      }
      case GEODESIC -> {
        GeodesicLatents geodesic = GeodesicLatents.optimise(codec, curve.zStart(), curve.zEnd(),
            schedule.intervals() + 1, spec.rate(), spec.iterations(), spec.energyTolerance());
        return new StraightLatentTrace(curve, geodesic::at, schedule, spec.tangentStep());
      }
      default -> {
        int steps = schedule.intervals(); // the rule's step count, whichever nodes it picks
        boolean emitEnd = schedule.size() == steps + 1; // the schedule visits both ends (IDGI, trapezoid)
        boolean reference = Checks.option("loop", Loop.class, spec.loop(), Loop.IGKIT) == Loop.REFERENCE;
        return new GuidedLatentTrace(curve, steps, emitEnd, spec.fraction(), spec.maxDist(), reference,
            spec.slerp(), request.model(), request.target());
      }
    }
  }

  @Override
  public String toString() {
    return "latent(" + spec.mode() + ", ends " + spec.ends() + ", endBlend " + spec.endBlend()
        + (mode == Mode.GUIDED
            ? ", loop " + spec.loop() + ", fraction " + spec.fraction() + ", maxDist " + spec.maxDist()
            : ", tangentStep " + spec.tangentStep())
        + (mode == Mode.GEODESIC
            ? ", rate " + spec.rate() + ", iterations " + spec.iterations() + ", energyTolerance " + spec.energyTolerance()
            : ", slerp " + spec.slerp())
        + ")";
  }
}
