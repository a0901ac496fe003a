package org.igkit.experiments.data;

import org.igkit.api.data.Dataset;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.FilePath;

/**
 * The {@code block-mnist} data set: a Fashion-MNIST item in one 28×28 half of a 1×56×28 image and
 * a fixed null patch in the other, ten classes, exact masks ({@link BlockMnist}). By default the
 * 300-image evaluation split igkit ships (test split, data seed 0, 16 train-split reference
 * images); {@code path} reads another archive written by {@code igkit build-data}.
 */
public final class BlockMnistBenchmark extends ShippedBenchmark {

  /**
   * @param path           an archive written by {@code igkit build-data --dataset block-mnist}
   *                       (default: the shipped evaluation split)
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
          BlockMnist.ID,
          Spec.class,
          BlockMnistBenchmark::new,
          "Fashion-MNIST item in one half of 1x56x28, a fixed null patch in the other, exact masks; shipped split of 300");

  /** Opens the archive. */
  public BlockMnistBenchmark(Spec spec) {
    super(BlockMnist.ID, spec.path(), spec.count(), spec.referenceCount());
  }
}
