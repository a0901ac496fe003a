package org.igkit.experiments.data;

import java.nio.file.Path;
import org.igkit.api.model.Shape;

/**
 * A generator of a benchmark built from Fashion-MNIST items ({@link FashionOnTexture},
 * {@link BlockMnist}): image {@code index} of a split is a function of the seed, the split, the
 * index and the source files only.
 */
public interface CompositeGenerator {

  /** Returns the benchmark id. */
  String id();

  /** Returns the image shape. */
  Shape shape();

  /** Returns the data seed. */
  long seed();

  /** Returns the generator's parameters (recorded in archives), or null when it has none. */
  Record spec();

  /** Draws image {@code index} of {@code split}. */
  CompositeSample sample(ShapesDataset.Split split, long index);

  /**
   * Returns the generator of benchmark {@code id} with default parameters.
   *
   * @param fashionMnistDir the folder of Fashion-MNIST's {@code *-ubyte.gz} files
   * @param textureDir      the folder of scikit-image's data (only {@code fashion-on-texture})
   * @throws IllegalArgumentException for an unknown id
   */
  static CompositeGenerator of(String id, long seed, Path fashionMnistDir, Path textureDir) {
    return switch (id) {
      case FashionOnTexture.ID -> new FashionOnTexture(FashionOnTexture.Spec.defaults(), seed, fashionMnistDir, textureDir);
      case BlockMnist.ID -> new BlockMnist(seed, fashionMnistDir);
      default -> throw new IllegalArgumentException(
          "dataset: unknown '" + id + "' (generated from files: " + FashionOnTexture.ID + ", " + BlockMnist.ID + ")");
    };
  }
}
