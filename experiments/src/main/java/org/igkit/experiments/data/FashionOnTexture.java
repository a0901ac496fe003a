package org.igkit.experiments.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.igkit.api.image.Bilinear;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.api.spec.Checks;

/**
 * The {@code fashion-on-texture} benchmark generator, in the spirit of BAM (Yang &amp; Kim, "BIM:
 * Towards Quantitative Evaluation of Interpretability Methods with Ground Truth", 2019): a
 * Fashion-MNIST item in a random colour pasted at a random position and scale on a crop of a CC0
 * texture or photograph ({@link TextureBank}), RGB, with the item's exact silhouette as the mask.
 * The class is the item's; the background carries no information about it.
 *
 * <p>Image {@code index} of split {@code s} is a function of (seed, s, index) and the Debian
 * files only. With {@code r = RandomSource.of(seed).derive("fashion-on-texture").derive(s)
 * .derive("sample", index).generator()}, drawn in this order:
 *
 * <ol>
 *   <li>label and item: {@link BalancedDraws} (classes exactly balanced in blocks of 10; train
 *       items from Fashion-MNIST {@code train}, test items from {@code t10k});
 *   <li>background b = r.nextInt(7); a square crop of side {@code r.nextInt(S, m + 1)} (S the
 *       image size, m the bank image's shorter side) at a uniform position, mirrored
 *       left–right when r.nextBoolean(); shrunk to S×S by area averaging;
 *   <li>item size s = round(u·S) with u uniform in [minScale, maxScale]; corner uniform so the
 *       s×s frame lies inside; the 28×28 item enlarged to s×s bilinearly (intensities a);
 *   <li>colour uniform in [0, 1]³, redrawn (≤ 64 times, then a fixed light-or-dark colour) until
 *       some channel differs from the background's mean under the silhouette by ≥ contrast.
 * </ol>
 *
 * <p>Drawing: the silhouette is {@link Silhouette} of a; inside it pixel = colour·(0.35 + 0.65·a)
 * (the item's own shading), outside it the background, untouched. Every value is then rounded
 * to a multiple of 1/255, so an 8-bit file stores the image exactly.
 */
public final class FashionOnTexture implements CompositeGenerator {

  /** The benchmark id. */
  public static final String ID = "fashion-on-texture";

  /**
   * @param size     image side S (default 64, at least 32)
   * @param minScale smallest item frame as a fraction of S (default 0.45)
   * @param maxScale largest item frame as a fraction of S (default 0.8, at most 1)
   * @param contrast least difference, in some channel, between the item colour and the mean
   *                 background under it (default 0.3, at most 0.5)
   */
  public record Spec(Integer size, Double minScale, Double maxScale, Double contrast) {
    /** Fills defaults and validates. */
    public Spec {
      size = Checks.atLeast("size", 32, size == null ? 64 : size);
      minScale = Checks.inOpenClosed("minScale", 0, 1, minScale == null ? 0.45 : minScale);
      maxScale = Checks.inOpenClosed("maxScale", 0, 1, maxScale == null ? 0.8 : maxScale);
      if (maxScale < minScale) {
        throw new IllegalArgumentException("maxScale: must be ≥ minScale (" + minScale + "), was " + maxScale);
      }
      contrast = Checks.inRange("contrast", 0, 0.5, contrast == null ? 0.3 : contrast);
    }

    /** Returns the spec with every parameter at its default. */
    public static Spec defaults() {
      return new Spec(null, null, null, null);
    }
  }

  /** Every random choice behind one image (package-private: tests redraw the background). */
  record Recipe(int label, int item, int background, int cropSide, int cropY, int cropX, boolean mirror,
      int itemSide, int itemY, int itemX, float[] colour) {}

  private final Spec spec;
  private final long seed;
  private final Shape shape;
  private final RandomSource root;
  private final FashionItems items;
  private final Path textureDir;
  private TextureBank bank;

  /**
   * Creates the generator; files are read on first use.
   *
   * @param fashionMnistDir the folder of Fashion-MNIST's {@code *-ubyte.gz} files
   * @param textureDir      the folder of scikit-image's data ({@link TextureBank#FILES})
   */
  public FashionOnTexture(Spec spec, long seed, Path fashionMnistDir, Path textureDir) {
    this.spec = spec;
    this.seed = seed;
    this.shape = Shape.of(3, spec.size(), spec.size());
    this.root = RandomSource.of(seed).derive(ID);
    this.items = new FashionItems(fashionMnistDir);
    this.textureDir = textureDir;
  }

  @Override
  public String id() {
    return ID;
  }

  /** Returns the image shape 3×S×S. */
  @Override
  public Shape shape() {
    return shape;
  }

  /** Returns the spec. */
  @Override
  public Spec spec() {
    return spec;
  }

  /** Returns the data seed. */
  @Override
  public long seed() {
    return seed;
  }

  private TextureBank bank() {
    if (bank == null) {
      bank = TextureBank.read(textureDir);
    }
    return bank;
  }

  private RandomSource stream(ShapesDataset.Split split) {
    return root.derive(split.name().toLowerCase(Locale.ROOT));
  }

  /** What drawing one image computes on the way: its recipe, background, item intensities and silhouette. */
  private record Drawn(Recipe recipe, float[][] background, float[] alpha, boolean[] silhouette) {}

  /** Draws the choices behind image {@code index} of {@code split}. */
  Recipe recipe(ShapesDataset.Split split, long index) {
    return draw(split, index).recipe();
  }

  private Drawn draw(ShapesDataset.Split split, long index) {
    RandomSource stream = stream(split);
    int classes = FashionMnist.CLASS_NAMES.size();
    int label = BalancedDraws.label(stream, index, classes);
    int item = items.item(split, stream, label, index / classes);
    SplittableRandom r = stream.derive("sample", index).generator();
    int s = spec.size();
    int b = r.nextInt(bank().size());
    TextureBank.Texture t = bank().get(b);
    int side = r.nextInt(s, Math.min(t.height(), t.width()) + 1);
    int cropY = r.nextInt(t.height() - side + 1);
    int cropX = r.nextInt(t.width() - side + 1);
    boolean mirror = r.nextBoolean();
    int itemSide = Math.max(8, (int) Math.round(r.nextDouble(spec.minScale(), Math.nextUp(spec.maxScale())) * s));
    itemSide = Math.min(itemSide, s);
    int itemY = r.nextInt(s - itemSide + 1);
    int itemX = r.nextInt(s - itemSide + 1);
    float[] alpha = itemAlpha(split, item, itemSide);
    boolean[] silhouette = Silhouette.of(alpha, itemSide, itemSide);
    float[][] background = background(b, side, cropY, cropX, mirror);
    float[] colour = colour(r, background, silhouette, itemSide, itemY, itemX);
    return new Drawn(new Recipe(label, item, b, side, cropY, cropX, mirror, itemSide, itemY, itemX, colour),
        background, alpha, silhouette);
  }

  /** Draws image {@code index} of {@code split}. */
  @Override
  public CompositeSample sample(ShapesDataset.Split split, long index) {
    Drawn drawn = draw(split, index);
    Recipe rc = drawn.recipe();
    int s = spec.size();
    int pixels = s * s;
    float[][] background = drawn.background();
    float[] alpha = drawn.alpha();
    boolean[] silhouette = drawn.silhouette();
    float[] image = new float[3 * pixels];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < pixels; p++) {
        image[c * pixels + p] = Resampling.quantise(background[c][p]);
      }
    }
    float[] mask = new float[pixels];
    for (int y = 0; y < rc.itemSide(); y++) {
      for (int x = 0; x < rc.itemSide(); x++) {
        int q = y * rc.itemSide() + x;
        if (!silhouette[q]) {
          continue;
        }
        int p = (rc.itemY() + y) * s + rc.itemX() + x;
        mask[p] = 1;
        double shade = 0.35 + 0.65 * alpha[q];
        for (int c = 0; c < 3; c++) {
          image[c * pixels + p] = Resampling.quantise(rc.colour()[c] * shade);
        }
      }
    }
    return new CompositeSample(split, index, rc.label(), shape, image, mask, CompositeSample.boxOf(mask, s, s),
        rc.item(), rc.background());
  }

  /** The S×S background of a recipe, per channel, before rounding. */
  float[][] background(int b, int side, int cropY, int cropX, boolean mirror) {
    TextureBank.Texture t = bank().get(b);
    int s = spec.size();
    float[][] out = new float[3][];
    for (int c = 0; c < 3; c++) {
      float[] plane = Resampling.areaCrop(t.planes()[c], t.height(), t.width(), cropY, cropX, side, s);
      if (mirror) {
        for (int y = 0; y < s; y++) {
          for (int x = 0; x < s / 2; x++) {
            float v = plane[y * s + x];
            plane[y * s + x] = plane[y * s + s - 1 - x];
            plane[y * s + s - 1 - x] = v;
          }
        }
      }
      out[c] = plane;
    }
    return out;
  }

  private float[] itemAlpha(ShapesDataset.Split split, int item, int side) {
    return Bilinear.resize(items.part(split).image(item), 1, FashionMnist.SIDE, FashionMnist.SIDE, side, side);
  }

  private float[] colour(SplittableRandom r, float[][] background, boolean[] silhouette, int side, int y0, int x0) {
    int s = spec.size();
    double[] mean = new double[3];
    int n = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (silhouette[y * side + x]) {
          n++;
          for (int c = 0; c < 3; c++) {
            mean[c] += background[c][(y0 + y) * s + x0 + x];
          }
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      mean[c] /= Math.max(1, n);
    }
    float[] colour = new float[3];
    for (int attempt = 0; attempt < 64; attempt++) {
      double far = 0;
      for (int c = 0; c < 3; c++) {
        colour[c] = (float) r.nextDouble();
        far = Math.max(far, Math.abs(colour[c] - mean[c]));
      }
      if (far >= spec.contrast()) {
        return colour;
      }
    }
    for (int c = 0; c < 3; c++) {
      colour[c] = mean[c] < 0.5 ? 0.95f : 0.05f;
    }
    return colour;
  }
}
