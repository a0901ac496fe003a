package org.igkit.experiments.roar;

import org.igkit.api.data.Dataset;
import org.igkit.runner.config.Experiment;
import org.igkit.experiments.data.ShapesBenchmark;

/**
 * Where ROAR's training images come from: the train split of the experiment's benchmark, drawn
 * from the same data seed and image size as its test images. Only benchmarks that generate their
 * train split without files qualify: {@code shapes}.
 */
public final class RoarData {

  private RoarData() {}

  /**
   * Returns the first {@code count} images of the train split of {@code experiment}'s data set.
   *
   * @throws IllegalArgumentException when the data set has no generated train split, or the
   *                                  experiment attributes the train split itself
   */
  public static Dataset trainSplit(Experiment experiment, int count) {
    if (!(experiment.dataset().spec() instanceof ShapesBenchmark.Spec s)) {
      throw new IllegalArgumentException("dataset: ROAR retrains on the benchmark's generated train split, which only "
          + "'shapes' has; this experiment's data set is '" + experiment.dataset().type() + "'");
    }
    if (!s.split().equals("test")) {
      throw new IllegalArgumentException("dataset.split: ROAR tests on the experiment's images and trains on the train "
          + "split, so the experiment must use split: test, was '" + s.split() + "'");
    }
    return new ShapesBenchmark(new ShapesBenchmark.Spec(s.seed(), "train", count, 0, s.height(), s.width()));
  }
}
