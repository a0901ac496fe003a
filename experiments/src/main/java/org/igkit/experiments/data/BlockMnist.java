package org.igkit.experiments.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * The {@code block-mnist} benchmark generator (after BlockMNIST in Shah, Jain &amp; Netrapalli,
 * "Do Input Gradients Highlight Discriminative Features?", NeurIPS 2021): a 1×56×28 grey image
 * of two 28×28 blocks stacked vertically — a Fashion-MNIST item in one, chosen at random, and a
 * fixed "null" patch that carries no class information in the other. A faithful attribution
 * puts its mass on the item's block; the mask is the item's exact silhouette.
 *
 * <p>Image {@code index} of split {@code s} is a function of (seed, s, index) and Fashion-MNIST
 * only: label and item from {@link BalancedDraws} on
 * {@code RandomSource.of(seed).derive("block-mnist").derive(s)} (train items from
 * {@code train}, test items from {@code t10k}); the item's half from
 * {@code derive("sample", index).generator().nextBoolean()} (true = top).
 *
 * <p>Drawing: the item block holds the item's intensities inside its {@link Silhouette} and 0
 * outside it (Fashion-MNIST's faint noise around items is removed, so the mask is exact); the
 * other block holds {@link #nullPatch()}: a hollow square (side 18, stroke 2) of intensity 0.6 on
 * black. Values are multiples of 1/255.
 */
public final class BlockMnist implements CompositeGenerator {

  /** The benchmark id. */
  public static final String ID = "block-mnist";

  /** The image shape: one channel, two 28×28 blocks stacked vertically. */
  public static final Shape SHAPE = Shape.of(1, 2 * FashionMnist.SIDE, FashionMnist.SIDE);

  private final long seed;
  private final RandomSource root;
  private final FashionItems items;

  /** Creates the generator; Fashion-MNIST is read from {@code fashionMnistDir} on first use. */
  public BlockMnist(long seed, Path fashionMnistDir) {
    this.seed = seed;
    this.root = RandomSource.of(seed).derive(ID);
    this.items = new FashionItems(fashionMnistDir);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Shape shape() {
    return SHAPE;
  }

  /** Returns the data seed. */
  @Override
  public long seed() {
    return seed;
  }

  /** Block-MNIST has no parameters. */
  @Override
  public Record spec() {
    return null;
  }

  /** Returns the fixed 28×28 null patch, row-major. */
  public static float[] nullPatch() {
    int n = FashionMnist.SIDE;
    float[] patch = new float[n * n];
    int lo = 5;
    int hi = 22;
    for (int y = lo; y <= hi; y++) {
      for (int x = lo; x <= hi; x++) {
        boolean stroke = y <= lo + 1 || y >= hi - 1 || x <= lo + 1 || x >= hi - 1;
        if (stroke) {
          patch[y * n + x] = 153 / 255f;
        }
      }
    }
    return patch;
  }

  /** Draws image {@code index} of {@code split}. */
  @Override
  public CompositeSample sample(ShapesDataset.Split split, long index) {
    RandomSource stream = root.derive(split.name().toLowerCase(Locale.ROOT));
    int classes = FashionMnist.CLASS_NAMES.size();
    int label = BalancedDraws.label(stream, index, classes);
    int item = items.item(split, stream, label, index / classes);
    SplittableRandom r = stream.derive("sample", index).generator();
    boolean top = r.nextBoolean();
    int n = FashionMnist.SIDE;
    float[] alpha = items.part(split).image(item);
    boolean[] silhouette = Silhouette.of(alpha, n, n);
    float[] image = new float[SHAPE.size()];
    float[] mask = new float[SHAPE.pixels()];
    float[] patch = nullPatch();
    int itemOffset = top ? 0 : n * n;
    int patchOffset = top ? n * n : 0;
    for (int p = 0; p < n * n; p++) {
      if (silhouette[p]) {
        image[itemOffset + p] = alpha[p];
        mask[itemOffset + p] = 1;
      }
      image[patchOffset + p] = patch[p];
    }
    return new CompositeSample(split, index, label, SHAPE, image, mask,
        CompositeSample.boxOf(mask, SHAPE.height(), SHAPE.width()), item, top ? 0 : 1);
  }
}
