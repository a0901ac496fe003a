package org.igkit.paths.spectral;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * An index-ramp variant of Spectral Integrated Gradients, id {@code spectral-index}: a path from the
 * baseline to the input that adds the singular components of the difference image in order,
 * largest singular value first, giving every component an equal window of α by its index. It was
 * built from the paper's abstract alone and is kept so that experiments written for it keep their
 * numbers; the authors' method, with strength-based gates and four decompositions, is
 * {@link SpectralPath} ({@code spectral}).
 *
 * <p><b>Definition.</b> Per channel c, the H×W difference D_c = x_c − x'_c is decomposed as
 * D_c = Σ_i σ_{c,i} u_{c,i} v_{c,i}ᵀ = Σ_i C_{c,i} (σ decreasing; {@link JacobiSvd}). Let r be the
 * largest numerical rank over the channels (singular values above 1e-9·σ_max of their channel),
 * W ≥ 1 the {@code overlap} and T = r + W − 1. Component i of every channel is switched on while
 * α runs through [i/T, (i + W)/T]:
 *
 * <pre>
 *   γ(α)  = x' + Σ_c Σ_i s(t_i) · C_{c,i},          t_i = (αT − i)/W clamped to [0, 1]
 *   γ'(α) = Σ_c Σ_i (T/W) · s'(t_i) · C_{c,i}       over the components with 0 ≤ t_i &lt; 1
 *   s(t) = t (ramp: linear, default)  or  3t² − 2t³ (ramp: smoothstep)
 * </pre>
 *
 * With the default W = 1 the components come strictly one after another, component i on
 * [i/r, (i+1)/r]. γ(0) = x' and γ(1) = x (both emitted exactly), and at every knot α = k/T the
 * difference γ − x' has rank k in each channel of full rank (k components complete, none begun).
 * The tangent is right-continuous at the knots (left-continuous at α = 1).
 *
 * <p><b>Step rules.</b> IDGI sees positions only and is exactly complete. A quadrature rule sees the
 * tangent at its nodes: with the {@code linear} ramp γ' jumps at the knots, so a rule keeps its
 * order only when its nodes respect them (e.g. midpoint with a multiple of T steps), otherwise the
 * gap is O(T/n); {@code smoothstep} makes γ' continuous (zero at the knots). With W = 1 and fewer
 * nodes than components (224×224 images have r = 224), a quadrature rule samples only some
 * components' tangents; a larger {@code overlap} lets every node see W components at once, at a
 * cost of O(W·C·H·W) per point.
 *
 * <p>Cost: one SVD per channel per traced path (one-sided Jacobi), then O(min(W, r)·C·H·W) per
 * point: the trace keeps the partial sum of the components already complete. Needs a baseline;
 * not symmetric (the components mix pixels); not adaptive.
 */
public final class SpectralIndexPath implements Path {

  /** How each component is switched on across its window. */
  public enum Ramp {
    /** s(t) = t: constant speed, a tangent that jumps at the knots. */
    LINEAR,
    /** s(t) = 3t² − 2t³: a continuous tangent, zero at the knots. */
    SMOOTHSTEP
  }

  /** Singular values below this fraction of the channel's largest count as zero. */
  static final double RANK_TOLERANCE = 1e-9;

  /**
   * @param ramp    {@code linear} (default) or {@code smoothstep}
   * @param overlap how many components ramp at once, W ≥ 1; default 1 (strictly one after another)
   */
  public record Spec(String ramp, Integer overlap) {
    /** Fills defaults and validates. */
    public Spec {
      ramp = Checks.kebab(Checks.option("ramp", Ramp.class, ramp, Ramp.LINEAR));
      overlap = Checks.atLeast("overlap", 1, overlap == null ? 1 : overlap);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Path> TYPE =
      PluginType.of(
          Path.class,
          "spectral-index",
          Spec.class,
          SpectralIndexPath::new,
          "Spectral IG, index ramp: adds the SVD components of x − x' per channel one window each, largest σ first",
          Capability.NEEDS_BASELINE);

  private final Ramp ramp;
  private final int overlap;

  /** Creates the path from its spec. */
  public SpectralIndexPath(Spec spec) {
    this.ramp = Checks.option("ramp", Ramp.class, spec.ramp(), Ramp.LINEAR);
    this.overlap = spec.overlap();
  }

  /** Returns the number r of components the path activates for this input and baseline. */
  public static int components(float[] input, float[] baseline, Shape shape) {
    return rank(decompose(input, baseline, shape));
  }

  @Override
  public PathTrace trace(PathRequest request) {
    Shape shape = request.shape();
    float[] x = shape.require("input", request.input());
    float[] b = shape.require("baseline", request.baseline());
    List<List<JacobiSvd.Component>> channels = decompose(x, b, shape);
    int r = Math.max(1, rank(channels));
    int w = overlap;
    int total = r + w - 1;
    Schedule schedule = request.schedule();
    int height = shape.height();
    int width = shape.width();
    int pixels = height * width;
    return new PathTrace() {
      private final double[] partial = new double[shape.size()]; // Σ of the completed components
      private int completed;
      private int next;

      @Override
      public boolean hasNext() {
        return next < schedule.size();
      }

      @Override
      public PathPoint next() {
        int j = next++;
        double a = schedule.alpha(j);
        double u = a * total;
        double nearest = Math.rint(u);
        if (Math.abs(u - nearest) < 1e-9) {
          u = nearest; // knots exactly on the knot
        }
        // Right-continuous: components with 0 ≤ u − i < W are ramping; at α = 1, the left limit.
        int first = a == 1 ? r - 1 : (int) Math.floor(u - w) + 1; // components below are complete
        int last = a == 1 ? r - 1 : (int) Math.floor(u);
        first = Math.max(0, Math.min(r, first));
        last = Math.min(r - 1, last);
        while (completed < first) {
          for (int c = 0; c < channels.size(); c++) {
            add(partial, c * pixels, component(c, completed), 1.0);
          }
          completed++;
        }
        double[] level = new double[shape.size()];
        double[] speed = new double[shape.size()];
        for (int i = first; i <= last; i++) {
          double t = Math.max(0, Math.min(1, (u - i) / w));
          double s = ramp == Ramp.LINEAR ? t : t * t * (3 - 2 * t);
          double ds = (double) total / w * (ramp == Ramp.LINEAR ? 1 : 6 * t * (1 - t));
          for (int c = 0; c < channels.size(); c++) {
            JacobiSvd.Component comp = component(c, i);
            add(level, c * pixels, comp, s);
            add(speed, c * pixels, comp, ds);
          }
        }
        float[] position = new float[x.length];
        float[] tangent = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          position[i] = a == 0 ? b[i] : a == 1 ? x[i] : (float) (b[i] + partial[i] + level[i]);
          tangent[i] = (float) speed[i];
        }
        return new PathPoint(j, a, position, tangent, schedule.weight(j));
      }

      private JacobiSvd.Component component(int c, int i) {
        List<JacobiSvd.Component> list = channels.get(c);
        return i < list.size() ? list.get(i) : null;
      }

      /** target[offset + y·W + x] += factor · left[y] · right[x]. */
      private void add(double[] target, int offset, JacobiSvd.Component comp, double factor) {
        if (comp == null || comp.sigma() == 0 || factor == 0) {
          return;
        }
        double[] l = comp.left();
        double[] rr = comp.right();
        for (int y = 0; y < height; y++) {
          double ly = factor * l[y];
          int row = offset + y * width;
          for (int xx = 0; xx < width; xx++) {
            target[row + xx] += ly * rr[xx];
          }
        }
      }
    };
  }

  private static List<List<JacobiSvd.Component>> decompose(float[] input, float[] baseline, Shape shape) {
    int h = shape.height();
    int w = shape.width();
    int pixels = h * w;
    List<List<JacobiSvd.Component>> out = new ArrayList<>(shape.channels());
    for (int c = 0; c < shape.channels(); c++) {
      double[] d = new double[pixels];
      for (int p = 0; p < pixels; p++) {
        d[p] = (double) input[c * pixels + p] - baseline[c * pixels + p];
      }
      List<JacobiSvd.Component> all = JacobiSvd.decompose(d, h, w);
      double top = all.isEmpty() ? 0 : all.get(0).sigma();
      List<JacobiSvd.Component> kept = new ArrayList<>();
      for (JacobiSvd.Component comp : all) {
        if (top > 0 && comp.sigma() > RANK_TOLERANCE * top) {
          kept.add(comp);
        }
      }
      out.add(List.copyOf(kept));
    }
    return out;
  }

  private static int rank(List<List<JacobiSvd.Component>> channels) {
    int r = 0;
    for (List<JacobiSvd.Component> list : channels) {
      r = Math.max(r, list.size());
    }
    return r;
  }

  @Override
  public String toString() {
    return "spectral-index(" + Checks.kebab(ramp) + ", overlap " + overlap + ")";
  }
}
