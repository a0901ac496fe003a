package org.igkit.experiments.data;

import org.igkit.api.data.Dataset;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.FilePath;

/**
 * The {@code fashion-on-texture} data set: Fashion-MNIST items on CC0 textures and photographs,
 * 3×64×64, ten classes, exact masks ({@link FashionOnTexture}). By default the 250-image
 * evaluation split igkit ships (test split, data seed 0, 16 train-split reference images);
 * {@code path} reads another archive written by {@code igkit build-data}.
 */
public final class FashionOnTextureBenchmark extends ShippedBenchmark {

  /**
   * @param path           an archive written by {@code igkit build-data --dataset
   *                       fashion-on-texture} (default: the shipped evaluation split)
   * @param count          images to use, from the first (default: all)
   * @param referenceCount reference images for data-drawn baselines (default: all the archive holds)
   */
  public record Spec(@FilePath String path, Integer count, Integer referenceCount) {
    /** Validates. */
    public Spec {
      count = count == null ? null : Checks.atLeast("count", 1, count);
      referenceCount = referenceCount == null ? null : Checks.atLeast("referenceCount", 0, referenceCount);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Dataset> TYPE =
      PluginType.of(
          Dataset.class,
          FashionOnTexture.ID,
          Spec.class,
          FashionOnTextureBenchmark::new,
          "Fashion-MNIST items on CC0 textures/photos, 3x64x64, 10 classes, exact masks; shipped split of 250");

  /** Opens the archive. */
  public FashionOnTextureBenchmark(Spec spec) {
    super(FashionOnTexture.ID, spec.path(), spec.count(), spec.referenceCount());
  }
}
