package org.igkit.experiments.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;

/**
 * A procedural benchmark in the spirit of BAM (Yang &amp; Kim, 2019): one object of one of four
 * classes — square, disk, triangle, plus — drawn in a flat colour at a random position, size and
 * colour on a procedural textured background (smooth value noise plus faint stripes), with a few
 * small distractor blobs. The object's exact H×W mask and bounding box come with every image, so
 * localisation metrics have ground truth by construction. Nothing is read from disk.
 *
 * <p>Determinism: sample {@code i} of split {@code s} is a function of (seed, s, i) only, drawn
 * from {@code RandomSource.of(seed).derive("shapes").derive(s).derive("sample", i)}; the train and
 * test splits draw from different children, so they never share an image. Labels are balanced
 * exactly: indices {@code 4b … 4b+3} hold the four classes in an order drawn from
 * {@code derive("labels", b)}.
 *
 * <p>Drawing, per image (pixel centres at (x + ½, y + ½)):
 *
 * <ol>
 *   <li>Background: per channel a base level in [0.2, 0.8], plus value noise on a 5×5 lattice
 *       (smoothstep interpolation, amplitude in [0.05, 0.2]) and a sinusoidal stripe pattern
 *       (2–6 periods across the image, random angle and phase, amplitude ≤ 0.1), clamped to [0, 1].
 *   <li>Object: size s ∈ [minScale, maxScale]·min(H, W), centre chosen so the s×s square around it
 *       lies inside the image; colour uniform in [0, 1]<sup>C</sup>, redrawn until some channel
 *       differs from the background base level by at least {@code contrast}. With h = s/2 and
 *       (u, v) the offset from the centre: square max(|u|, |v|) ≤ 0.8h; disk u² + v² ≤ h²;
 *       triangle (apex up) |v| ≤ h and |u| ≤ (v + h)/2; plus (|u| ≤ h/3 and |v| ≤ h) or
 *       (|v| ≤ h/3 and |u| ≤ h).
 *   <li>Distractors: 0…{@code maxDistractors} disks of radius 0.8–max(1, 0.08·min(H, W)) pixels in
 *       colours away from the object's, never touching the object (not even diagonally).
 * </ol>
 */
public final class ShapesDataset {

  /** The four object classes, in label order. */
  public enum ObjectClass {
    SQUARE,
    DISK,
    TRIANGLE,
    PLUS;

    /** Returns the lowercase name. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The two splits; they are drawn from independent random streams. */
  public enum Split {
    TRAIN,
    TEST
  }

  /**
   * @param channels       C (default 3)
   * @param height         H (default 32, at least 8)
   * @param width          W (default 32, at least 8)
   * @param minScale       smallest object size as a fraction of min(H, W) (default 0.3)
   * @param maxScale       largest object size as a fraction of min(H, W) (default 0.6, at most 0.9)
   * @param maxDistractors most distractor blobs per image (default 3)
   * @param contrast       least difference between the object colour and the background level in
   *                       some channel (default 0.3, at most 0.5)
   */
  public record Spec(
      Integer channels,
      Integer height,
      Integer width,
      Double minScale,
      Double maxScale,
      Integer maxDistractors,
      Double contrast) {
    /** Fills defaults and validates. */
    public Spec {
      channels = Checks.atLeast("channels", 1, channels == null ? 3 : channels);
      height = Checks.atLeast("height", 8, height == null ? 32 : height);
      width = Checks.atLeast("width", 8, width == null ? 32 : width);
      minScale = Checks.inOpenClosed("minScale", 0, 0.9, minScale == null ? 0.3 : minScale);
      maxScale = Checks.inRange("maxScale", minScale, 0.9, maxScale == null ? Math.max(0.6, minScale) : maxScale);
      maxDistractors = Checks.atLeast("maxDistractors", 0, maxDistractors == null ? 3 : maxDistractors);
      contrast = Checks.inRange("contrast", 0, 0.5, contrast == null ? 0.3 : contrast);
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null, null, null, null);
    }
  }

  private static final int LATTICE = 4;

  private final Spec spec;
  private final Shape shape;
  private final RandomSource root;

  /** Creates the data set of {@code spec} drawn from {@code seed}. */
  public ShapesDataset(Spec spec, long seed) {
    this.spec = spec;
    this.shape = Shape.of(spec.channels(), spec.height(), spec.width());
    this.root = RandomSource.of(seed).derive("shapes");
  }

  /** Returns the image shape C×H×W. */
  public Shape shape() {
    return shape;
  }

  /** Returns the spec. */
  public Spec spec() {
    return spec;
  }

  /** Returns the number of classes, 4. */
  public static int numClasses() {
    return ObjectClass.values().length;
  }

  /** Returns samples {@code from … from + count − 1} of {@code split}. */
  public List<ShapesSample> samples(Split split, long from, int count) {
    Checks.atLeast("count", 0, count);
    List<ShapesSample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sample(split, from + i));
    }
    return out;
  }

  /** Returns the label of sample {@code index} of {@code split} without drawing the image. */
  public int label(Split split, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index: must be ≥ 0, was " + index);
    }
    SplittableRandom r = stream(split).derive("labels", index / 4).generator();
    int[] perm = {0, 1, 2, 3};
    for (int i = perm.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm[(int) (index % 4)];
  }

  /** Draws sample {@code index} of {@code split}. */
  public ShapesSample sample(Split split, long index) {
    int label = label(split, index);
    SplittableRandom r = stream(split).derive("sample", index).generator();
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    double[] base = new double[c];
    float[] image = background(r, base);

    int minSide = Math.min(h, w);
    double size = between(r, spec.minScale(), spec.maxScale()) * minSide;
    double half = size / 2;
    double cx = between(r, half, w - half);
    double cy = between(r, half, h - half);
    float[] colour = objectColour(r, base);
    ObjectClass cls = ObjectClass.values()[label];
    float[] mask = new float[shape.pixels()];
    boolean any = false;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (inside(cls, x + 0.5 - cx, y + 0.5 - cy, half)) {
          mask[y * w + x] = 1;
          any = true;
        }
      }
    }
    if (!any) {
      mask[Math.min(h - 1, (int) cy) * w + Math.min(w - 1, (int) cx)] = 1;
    }
    paint(image, mask, colour);
    drawDistractors(r, image, mask, colour);
    return new ShapesSample(split, index, label, shape, image, mask, box(mask), colour);
  }

  private RandomSource stream(Split split) {
    return root.derive(split.name().toLowerCase(Locale.ROOT));
  }

  /** Uniform in [lo, hi), or lo when the interval is empty. */
  private static double between(SplittableRandom r, double lo, double hi) {
    return hi > lo ? r.nextDouble(lo, hi) : lo;
  }

  private float[] background(SplittableRandom r, double[] base) {
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    int n = LATTICE + 1;
    double amp = r.nextDouble(0.05, 0.2);
    double[][] lattice = new double[c][n * n];
    for (int ch = 0; ch < c; ch++) {
      base[ch] = r.nextDouble(0.2, 0.8);
      for (int i = 0; i < n * n; i++) {
        lattice[ch][i] = r.nextDouble(-1, 1);
      }
    }
    double theta = r.nextDouble(0, Math.PI);
    double periods = r.nextDouble(2, 6);
    double phase = r.nextDouble(0, 2 * Math.PI);
    double stripeAmp = r.nextDouble(0, 0.1);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    int extent = Math.max(h, w);
    float[] image = new float[shape.size()];
    for (int y = 0; y < h; y++) {
      double gy = (double) y / Math.max(1, h - 1) * LATTICE;
      int iy = Math.min(LATTICE - 1, (int) gy);
      double ty = smooth(gy - iy);
      for (int x = 0; x < w; x++) {
        double gx = (double) x / Math.max(1, w - 1) * LATTICE;
        int ix = Math.min(LATTICE - 1, (int) gx);
        double tx = smooth(gx - ix);
        double stripe = stripeAmp * Math.sin(2 * Math.PI * periods * (x * cos + y * sin) / extent + phase);
        for (int ch = 0; ch < c; ch++) {
          double[] l = lattice[ch];
          double top = l[iy * n + ix] * (1 - tx) + l[iy * n + ix + 1] * tx;
          double bottom = l[(iy + 1) * n + ix] * (1 - tx) + l[(iy + 1) * n + ix + 1] * tx;
          double noise = top * (1 - ty) + bottom * ty;
          image[shape.index(ch, y, x)] = clamp(base[ch] + amp * noise + stripe);
        }
      }
    }
    return image;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static float clamp(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }

  private float[] objectColour(SplittableRandom r, double[] base) {
    int c = shape.channels();
    float[] colour = new float[c];
    for (int attempt = 0; attempt < 64; attempt++) {
      double far = 0;
      for (int ch = 0; ch < c; ch++) {
        colour[ch] = (float) r.nextDouble();
        far = Math.max(far, Math.abs(colour[ch] - base[ch]));
      }
      if (far >= spec.contrast()) {
        return colour;
      }
    }
    for (int ch = 0; ch < c; ch++) {
      colour[ch] = base[ch] < 0.5 ? 0.9f : 0.1f;
    }
    return colour;
  }

  /** Whether offset (u, v) from the centre lies in the object of half-size {@code h}. */
  static boolean inside(ObjectClass cls, double u, double v, double h) {
    double au = Math.abs(u);
    double av = Math.abs(v);
    return switch (cls) {
      case SQUARE -> Math.max(au, av) <= 0.8 * h;
      case DISK -> u * u + v * v <= h * h;
      case TRIANGLE -> av <= h && au <= (v + h) / 2;
      case PLUS -> (au <= h / 3 && av <= h) || (av <= h / 3 && au <= h);
    };
  }

  private void paint(float[] image, float[] mask, float[] colour) {
    int pixels = shape.pixels();
    for (int p = 0; p < pixels; p++) {
      if (mask[p] == 1) {
        for (int ch = 0; ch < colour.length; ch++) {
          image[ch * pixels + p] = colour[ch];
        }
      }
    }
  }

  private void drawDistractors(SplittableRandom r, float[] image, float[] mask, float[] objectColour) {
    int h = shape.height();
    int w = shape.width();
    int pixels = shape.pixels();
    boolean[] keepOut = dilate(mask, h, w);
    int count = r.nextInt(spec.maxDistractors() + 1);
    double maxRadius = Math.max(1.0, 0.08 * Math.min(h, w));
    for (int d = 0; d < count; d++) {
      double radius = r.nextDouble(0.8, maxRadius + 1e-9);
      float[] colour = distractorColour(r, objectColour);
      for (int attempt = 0; attempt < 20; attempt++) {
        double dx = r.nextDouble(0, w);
        double dy = r.nextDouble(0, h);
        List<Integer> footprint = new ArrayList<>();
        boolean clear = true;
        for (int y = Math.max(0, (int) (dy - radius) - 1); clear && y < Math.min(h, (int) (dy + radius) + 2); y++) {
          for (int x = Math.max(0, (int) (dx - radius) - 1); x < Math.min(w, (int) (dx + radius) + 2); x++) {
            double u = x + 0.5 - dx;
            double v = y + 0.5 - dy;
            if (u * u + v * v <= radius * radius) {
              if (keepOut[y * w + x]) {
                clear = false;
                break;
              }
              footprint.add(y * w + x);
            }
          }
        }
        if (clear && !footprint.isEmpty()) {
          for (int p : footprint) {
            for (int ch = 0; ch < colour.length; ch++) {
              image[ch * pixels + p] = colour[ch];
            }
          }
          break;
        }
      }
    }
  }

  private static float[] distractorColour(SplittableRandom r, float[] objectColour) {
    float[] colour = new float[objectColour.length];
    for (int attempt = 0; attempt < 64; attempt++) {
      double far = 0;
      for (int ch = 0; ch < colour.length; ch++) {
        colour[ch] = (float) r.nextDouble();
        far = Math.max(far, Math.abs(colour[ch] - objectColour[ch]));
      }
      if (far >= 0.15) {
        return colour;
      }
    }
    for (int ch = 0; ch < colour.length; ch++) {
      colour[ch] = objectColour[ch] < 0.5 ? 0.95f : 0.05f;
    }
    return colour;
  }

  /** The mask grown by one pixel in all eight directions. */
  private static boolean[] dilate(float[] mask, int h, int w) {
    boolean[] out = new boolean[mask.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] != 1) {
          continue;
        }
        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
          for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
            out[yy * w + xx] = true;
          }
        }
      }
    }
    return out;
  }

  private BoundingBox box(float[] mask) {
    int h = shape.height();
    int w = shape.width();
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] == 1) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return new BoundingBox(x0, y0, x1 + 1, y1 + 1);
  }

  /** Returns the images of samples {@code from … from + count − 1} of {@code split}. */
  public List<float[]> images(Split split, int from, int count) {
    List<float[]> out = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sample(split, from + i).image());
    }
    return out;
  }
}
