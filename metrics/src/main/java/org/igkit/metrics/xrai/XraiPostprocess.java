package org.igkit.metrics.xrai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.postprocess.Postprocess;
import org.igkit.api.spec.Checks;

/**
 * XRAI (Kapishnikov et al., 2019, "XRAI: Better attributions through regions"): turns any
 * method's pixel map into a ranking of image regions, as PAIR's {@code saliency} library computes
 * it.
 *
 * <ol>
 *   <li>Per pixel, the channels of the map are reduced ({@code channels: max}, PAIR's choice, or
 *       {@code sum}).
 *   <li>Segments: for each {@code scales} value, a {@link FelzenszwalbSegmentation} of the image
 *       min–max normalised to [−1, 1] (σ = {@code sigma}, {@code minSize}); every segment becomes a
 *       mask, dilated by a disk of radius {@code dilation} pixels (offsets with dy² + dx² ≤ r²).
 *       Masks are ordered by scale, then by label.
 *   <li>Greedy ranking ({@link #rank}): starting from an empty region R, repeatedly drop every
 *       mask that adds fewer than {@code minPixelDiff} pixels to R, take the mask S whose added
 *       pixels S \ R have the highest mean attribution (the "gain density"; the first mask wins a
 *       tie), give every pixel of S \ R that density, and set R = R ∪ S — until no mask is left.
 *       Pixels no mask reached get the mean attribution over all of them.
 * </ol>
 *
 * The output is that density per pixel, the same in every channel: a higher value means an earlier,
 * denser region. Segmentation defaults are PAIR's for 224×224 images, scaled to the image:
 * {@code minSize} = max(1, round(150 · HW/224²)), {@code dilation} = round(5 · √(HW)/224),
 * {@code minPixelDiff} = max(1, round(50 · HW/224²)). No model call.
 */
public final class XraiPostprocess implements Postprocess {

  /** How a map's channels become one value per pixel. */
  public enum Channels {
    /** The largest channel value (PAIR). */
    MAX,
    /** The channel sum. */
    SUM
  }

  /**
   * @param scales       Felzenszwalb scales (default 50, 100, 150, 250, 500, 1200, PAIR's)
   * @param sigma        pre-blur σ in pixels (default 0.8; 0: none)
   * @param minSize      least segment size (default scaled from 150 at 224×224)
   * @param dilation     dilation radius in pixels (default scaled from 5 at 224×224; 0: none)
   * @param minPixelDiff least number of new pixels a mask must add (default scaled from 50)
   * @param channels     {@code max} (default) or {@code sum}
   */
  public record Spec(List<Double> scales, Double sigma, Integer minSize, Integer dilation, Integer minPixelDiff,
      String channels) {
    /** Fills defaults and validates. */
    public Spec {
      scales = List.copyOf(scales == null ? List.of(50.0, 100.0, 150.0, 250.0, 500.0, 1200.0) : scales);
      if (scales.isEmpty()) {
        throw new IllegalArgumentException("scales: must list at least one Felzenszwalb scale, was []");
      }
      for (Double s : scales) {
        Checks.positive("scales", s == null ? Double.NaN : s);
      }
      sigma = Checks.inRange("sigma", 0, 100, sigma == null ? 0.8 : sigma);
      if (minSize != null) {
        Checks.atLeast("minSize", 1, minSize);
      }
      if (dilation != null) {
        Checks.atLeast("dilation", 0, dilation);
      }
      if (minPixelDiff != null) {
        Checks.atLeast("minPixelDiff", 1, minPixelDiff);
      }
      channels = Checks.kebab(Checks.option("channels", Channels.class, channels, Channels.MAX));
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null);
    }
  }

  /** The plugin id. */
  public static final String ID = "xrai";

  /** The plugin registration. */
  public static final PluginType<Postprocess> TYPE = PluginType.of(Postprocess.class, ID, Spec.class,
      XraiPostprocess::new,
      "XRAI: ranks Felzenszwalb regions (several scales, dilated) greedily by attribution density")
      .withModelCalls("0");

  private final Spec spec;

  /** Creates the post-process from its spec. */
  public XraiPostprocess(Spec spec) {
    this.spec = spec;
  }

  @Override
  public float[] apply(float[] attribution, float[] image, Shape shape) {
    shape.require("attribution", attribution);
    shape.require("image", image);
    int h = shape.height();
    int w = shape.width();
    int n = h * w;
    double area = (double) n / (224 * 224);
    int minSize = spec.minSize() != null ? spec.minSize() : (int) Math.max(1, Math.round(150 * area));
    int dilation = spec.dilation() != null ? spec.dilation() : (int) Math.round(5 * Math.sqrt(area));
    int minDiff = spec.minPixelDiff() != null ? spec.minPixelDiff() : (int) Math.max(1, Math.round(50 * area));
    float[] normalised = normalise(image);
    List<boolean[]> masks = new ArrayList<>();
    for (double scale : spec.scales()) {
      int[] labels = FelzenszwalbSegmentation.segment(normalised, shape, scale, spec.sigma(), minSize);
      int count = Arrays.stream(labels).max().orElse(-1) + 1;
      for (int l = 0; l < count; l++) {
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
          mask[i] = labels[i] == l;
        }
        masks.add(dilate(mask, h, w, dilation));
      }
    }
    double[] pixels = reduce(attribution, shape, Checks.option("channels", Channels.class, spec.channels(), Channels.MAX));
    double[] ranked = rank(pixels, masks, minDiff);
    float[] out = new float[attribution.length];
    for (int ch = 0; ch < shape.channels(); ch++) {
      for (int i = 0; i < n; i++) {
        out[ch * n + i] = (float) ranked[i];
      }
    }
    return out;
  }

  /**
   * The greedy region ranking of the class comment, step 3, over explicit masks.
   *
   * @param attribution  one value per pixel
   * @param masks        the candidate regions, in tie-breaking order
   * @param minPixelDiff the least number of new pixels a mask must add
   * @return the gain density of the region that first covered each pixel
   */
  public static double[] rank(double[] attribution, List<boolean[]> masks, int minPixelDiff) {
    int n = attribution.length;
    double[] out = new double[n];
    boolean[] reached = new boolean[n];
    List<boolean[]> remaining = new ArrayList<>(masks);
    while (true) {
      double best = Double.NEGATIVE_INFINITY;
      int bestIndex = -1;
      for (int k = 0; k < remaining.size(); k++) {
        boolean[] m = remaining.get(k);
        int added = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
          if (m[i] && !reached[i]) {
            added++;
            sum += attribution[i];
          }
        }
        if (added < minPixelDiff) {
          remaining.remove(k--); // earlier masks only: bestIndex stays valid
          continue;
        }
        double gain = sum / added;
        if (gain > best) {
          best = gain;
          bestIndex = k;
        }
      }
      if (remaining.isEmpty()) {
        break;
      }
      boolean[] chosen = remaining.remove(bestIndex);
      for (int i = 0; i < n; i++) {
        if (chosen[i] && !reached[i]) {
          reached[i] = true;
          out[i] = best;
        }
      }
    }
    double sum = 0;
    int left = 0;
    for (int i = 0; i < n; i++) {
      if (!reached[i]) {
        sum += attribution[i];
        left++;
      }
    }
    for (int i = 0; i < n; i++) {
      if (!reached[i]) {
        out[i] = sum / left;
      }
    }
    return out;
  }

  /** Returns the mask grown by a disk of radius r. */
  static boolean[] dilate(boolean[] mask, int h, int w, int r) {
    if (r <= 0) {
      return mask;
    }
    boolean[] out = new boolean[mask.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!mask[y * w + x]) {
          continue;
        }
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (dy * dy + dx * dx <= r * r && yy >= 0 && yy < h && xx >= 0 && xx < w) {
              out[yy * w + xx] = true;
            }
          }
        }
      }
    }
    return out;
  }

  private static float[] normalise(float[] image) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : image) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float[] out = new float[image.length];
    double range = (double) max - min;
    for (int i = 0; i < image.length; i++) {
      out[i] = range > 0 ? (float) ((image[i] - min) / range * 2 - 1) : 0f;
    }
    return out;
  }

  private static double[] reduce(float[] attribution, Shape shape, Channels channels) {
    int n = shape.height() * shape.width();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double v = channels == Channels.MAX ? Double.NEGATIVE_INFINITY : 0;
      for (int ch = 0; ch < shape.channels(); ch++) {
        double a = attribution[ch * n + i];
        v = channels == Channels.MAX ? Math.max(v, a) : v + a;
      }
      out[i] = v;
    }
    return out;
  }
}
