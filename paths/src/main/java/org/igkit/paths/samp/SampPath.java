package org.igkit.paths.samp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * SAMP, the Salient Manipulation Path (Zhang et al., "Path Choice Matters for Clear Attributions
 * in Path Methods", ICLR 2024), as the SIG authors run it: two adaptive paths whose attributions
 * are summed. <b>Deletion</b> moves x towards black (0), <b>insertion</b> moves blur(x) towards x
 * ({@link SampBlur}). Each iteration takes g = ∇f(cur) and, for every pixel not yet at the end,
 * π = Σ_c g ⊙ (end − cur); it moves the {@code pixelsPerStep} pixels with the lowest π
 * (deletion) or the highest (insertion), ties to the lower index, all channels, to the end —
 * scaled down when that move's L₁ norm exceeds L₁(start, end)/{@code fragments} (those pixels
 * then stay in play). It adds g ⊙ move to the attribution, negated for deletion, and stops when
 * every pixel has reached the end.
 *
 * <p><b>How it fits.</b> The path emits each cur with lookahead 1; when the engine hands back the
 * gradient there it picks the move and returns the point with tangent −move (deletion) or +move
 * (insertion) and weight 1, so any quadrature rule ({@code riemann}, {@code gauss-legendre}; their
 * step count is ignored) accumulates SAMP's sum. {@code idgi} is refused. igkit keeps the
 * per-channel terms g ⊙ move; their channel sum is the authors' per-pixel map.
 *
 * <p><b>Completeness.</b> Each direction telescopes like a left sum over its own points:
 * Σ A ≈ (f(x) − f(0)) + (f(x) − f(blur x)) for both directions, exactly on a linear model. The
 * start the engine scores is x (neither path's start), so the engine's completeness gap does not
 * describe SAMP. The baseline is ignored.
 *
 * <p><b>Cost.</b> One gradient per iteration: about ⌈H·W / pixelsPerStep⌉ per direction (more when
 * the L₁ cap splits moves), ≈ 2·H·W/5 for both: 26 214 gradients at 256 × 256, 410 at 32 × 32.
 * Meant for small images.
 *
 * <p>Deviation: the authors blur and pad in ImageNet-normalised space (zero padding there is the
 * dataset's mean colour) and delete to normalised black; igkit works in the image space it is
 * given, so its zero padding is black.
 */
public final class SampPath implements Path {

  /** Which of SAMP's two paths to run. */
  public enum Directions {
    /** Deletion and insertion, summed (the authors' setting). */
    BOTH,
    /** Only x → black, negated. */
    DELETION,
    /** Only blur(x) → x. */
    INSERTION
  }

  /**
   * @param pixelsPerStep pixels moved per gradient, ≥ 1; default 5 (the authors' {@code step})
   * @param fragments     the L₁ cap per move is L₁(start, end)/fragments, ≥ 1; default 5
   *                      ({@code n_frag})
   * @param kernelSize    insertion blur kernel side, odd, ≥ 1; default 11 ({@code klen})
   * @param kernelSigma   insertion blur σ, &gt; 0 and ≤ 1000; default 5 ({@code ksig})
   * @param directions    {@code both} (default), {@code deletion} or {@code insertion}
   */
  public record Spec(Integer pixelsPerStep, Integer fragments, Integer kernelSize, Double kernelSigma, String directions) {
    /** Fills defaults and validates. */
    public Spec {
      pixelsPerStep = Checks.atLeast("pixelsPerStep", 1, pixelsPerStep == null ? 5 : pixelsPerStep);
      fragments = Checks.atLeast("fragments", 1, fragments == null ? 5 : fragments);
      kernelSize = Checks.atLeast("kernelSize", 1, kernelSize == null ? 11 : kernelSize);
      if (kernelSize % 2 == 0) {
        throw new IllegalArgumentException("kernelSize: must be odd, was " + kernelSize);
      }
      kernelSigma = Checks.inOpenClosed("kernelSigma", 0, 1000, kernelSigma == null ? 5.0 : kernelSigma);
      directions = Checks.kebab(Checks.option("directions", Directions.class, directions, Directions.BOTH));
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
              Path.class,
              "samp",
              Spec.class,
              SampPath::new,
              "SAMP: adaptive deletion (x to black) and insertion (blur x to x) paths moving 5 pixels per "
                  + "gradient, summed (Zhang et al. 2024); no baseline",
              Capability.ADAPTIVE)
          .withModelCalls("~H*W/5 gradients per direction (~2*H*W/5 for both; 410 at 32x32)");

  private final Spec spec;
  private final Directions directions;

  /** Creates the path from its spec. */
  public SampPath(Spec spec) {
    this.spec = spec;
    this.directions = Checks.option("directions", Directions.class, spec.directions(), Directions.BOTH);
  }

  /** Returns the resolved spec. */
  public Spec spec() {
    return spec;
  }

  /** Returns x (SAMP's two paths start at x and at blur(x); the baseline is ignored). */
  @Override
  public float[] start(float[] input, float[] baseline) {
    return input;
  }

  @Override
  public PathTrace trace(PathRequest request) {
    Shape shape = request.shape();
    float[] x = shape.require("input", request.input());
    if (request.schedule().weightSum() == 0) {
      throw new IllegalArgumentException(
          "samp path: the step rule gives its nodes no weight (idgi); SAMP sums its own moves, "
              + "use riemann or gauss-legendre (their step count is ignored)");
    }
    List<double[][]> legs = new ArrayList<>(2);
    if (directions != Directions.INSERTION) {
      double[] start = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        start[i] = x[i];
      }
      legs.add(new double[][] {start, new double[x.length]});
    }
    if (directions != Directions.DELETION) {
      double[] end = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        end[i] = x[i];
      }
      legs.add(new double[][] {SampBlur.blur(x, shape, spec.kernelSize(), spec.kernelSigma()), end});
    }
    return new Trace(shape, legs, directions == Directions.INSERTION ? 1 : 0, spec.pixelsPerStep(), spec.fragments());
  }

  @Override
  public String toString() {
    return "samp(" + spec.directions() + ", pixelsPerStep " + spec.pixelsPerStep() + ", fragments " + spec.fragments() + ")";
  }

  /** The legs in order (deletion, then insertion), one point outstanding at a time. */
  private static final class Trace implements PathTrace {
    private final Shape shape;
    private final List<double[][]> legs;
    private final int firstLegKind;
    private final int pixelsPerStep;
    private final int fragments;
    private int leg = -1;
    private double[] cur;
    private double[] end;
    private boolean[] done;
    private int remaining;
    private double cap;
    private boolean deletion;
    private PathPoint pending;
    private int emitted;

    Trace(Shape shape, List<double[][]> legs, int firstLegKind, int pixelsPerStep, int fragments) {
      this.shape = shape;
      this.legs = legs;
      this.firstLegKind = firstLegKind;
      this.pixelsPerStep = pixelsPerStep;
      this.fragments = fragments;
    }

    /** Starts legs until one has a pixel to move; returns false when none is left. */
    private boolean ready() {
      while (remaining == 0) {
        if (leg + 1 >= legs.size()) {
          return false;
        }
        leg++;
        deletion = leg == 0 && firstLegKind == 0;
        cur = legs.get(leg)[0].clone();
        end = legs.get(leg)[1];
        int hw = shape.pixels();
        done = new boolean[hw];
        double l1 = 0;
        remaining = 0;
        for (int p = 0; p < hw; p++) {
          boolean same = true;
          for (int c = 0; c < shape.channels(); c++) {
            double d = end[c * hw + p] - cur[c * hw + p];
            l1 += Math.abs(d);
            same &= d == 0;
          }
          done[p] = same;
          remaining += same ? 0 : 1;
        }
        cap = l1 / fragments;
      }
      return true;
    }

    @Override
    public boolean hasNext() {
      return pending != null || ready();
    }

    @Override
    public int lookahead() {
      return 1;
    }

    @Override
    public PathPoint next() {
      if (pending != null) {
        throw new IllegalStateException("samp path: point " + pending.index() + " was not observed yet (lookahead is 1)");
      }
      if (!ready()) {
        throw new IllegalStateException("samp path: no point left (" + emitted + " emitted)");
      }
      float[] position = new float[cur.length];
      for (int i = 0; i < cur.length; i++) {
        position[i] = (float) cur[i];
      }
      pending = new PathPoint(emitted++, deletion ? 0.0 : 0.5, position, new float[cur.length], 0);
      return pending;
    }

    @Override
    public PathPoint observe(PathPoint point, float score, float[] gradient) {
      if (point != pending) {
        throw new IllegalStateException("samp path: observed point " + point.index() + ", expected the outstanding one");
      }
      pending = null;
      int hw = shape.pixels();
      int channels = shape.channels();
      List<Integer> candidates = new ArrayList<>(remaining);
      double[] pi = new double[hw];
      for (int p = 0; p < hw; p++) {
        if (!done[p]) {
          double s = 0;
          for (int c = 0; c < channels; c++) {
            s += (double) gradient[c * hw + p] * (end[c * hw + p] - cur[c * hw + p]);
          }
          pi[p] = s;
          candidates.add(p);
        }
      }
      Comparator<Integer> order = Comparator.comparingDouble(p -> pi[p]);
      if (!deletion) {
        order = order.reversed();
      }
      candidates.sort(order.thenComparingInt(p -> p));
      List<Integer> chosen = candidates.subList(0, Math.min(pixelsPerStep, candidates.size()));
      double l1 = 0;
      for (int p : chosen) {
        for (int c = 0; c < channels; c++) {
          l1 += Math.abs(end[c * hw + p] - cur[c * hw + p]);
        }
      }
      double scale = l1 > cap ? cap / l1 : 1.0;
      float[] tangent = new float[cur.length];
      for (int p : chosen) {
        for (int c = 0; c < channels; c++) {
          int i = c * hw + p;
          double move = scale == 1.0 ? end[i] - cur[i] : scale * (end[i] - cur[i]);
          tangent[i] = (float) (deletion ? -move : move);
          cur[i] = scale == 1.0 ? end[i] : cur[i] + move;
        }
        if (scale == 1.0) {
          done[p] = true;
          remaining--;
        }
      }
      return point.withIncrement(tangent, 1.0);
    }
  }
}
