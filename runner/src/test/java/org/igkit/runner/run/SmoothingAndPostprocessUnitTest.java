package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.random.RandomSource;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.testkit.LinearModel;
import org.igkit.testkit.ProductModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the runner's unit computation: a method with {@code smoothing:} is the mean of the
 * closed-form IG of the noisy copies drawn from the unit's seed (seed → sample → cell), and a
 * method with {@code postprocess: xrai} gives XRAI's region map of the plain map.
 */
class SmoothingAndPostprocessUnitTest {

  private static final Shape SHAPE = Shape.of(1, 1, 2);
  private static final float[] IMAGE = {0.7f, 0.2f};

  @TempDir Path dir;

  @Test
  void smoothingAndXraiApplyAroundTheWholeMethod() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Files.createDirectories(dir.resolve("images"));
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        "png", dir.resolve("images/s0.png").toFile()); // the loader's check; the test reads its own data set
    Files.writeString(dir.resolve("m.pt"), "never loaded: the test passes its own model\n");
    String yaml = """
        name: smooth
        seed: 9
        model: {path: m.pt, format: torchscript, inputShape: [1, 1, 2]}
        dataset: {type: image-folder, path: images}
        methods:
          - {name: IG, baselines: black, stepRule: {type: riemann, steps: 8, variant: midpoint}}
          - name: SG
            baselines: black
            stepRule: {type: riemann, steps: 8, variant: midpoint}
            smoothing: {type: smoothgrad, samples: 3, noise: 0.4}
          - name: XR
            baselines: black
            stepRule: {type: riemann, steps: 8, variant: midpoint}
            postprocess: {type: xrai, scales: [50], sigma: 0, minSize: 1, dilation: 0, minPixelDiff: 2}
        metrics: [sparsity]
        """;
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment experiment = loader.parse(yaml, dir.resolve("smooth.yaml"));
    List<Cell> cells = loader.cells(experiment);
    UnitComputation units = new UnitComputation(registry, experiment, cells);
    Dataset data = oneSample();
    ProductModel model = new ProductModel(SHAPE, 0, 1);
    UnitComputation.LoadedSample sample = UnitComputation.load(data, 0);
    var options = UnitComputation.options(experiment, data);

    Attribution ig = units.compute(model, options, sample, cells.get(0)).attribution();
    assertThat((double) ig.values()[0]).isCloseTo(0.7 * 0.2 / 2, within(1e-6));

    // SmoothGrad: copies from seed → sample → cell, σ = 0.4 · (0.7 − 0.2); IG of x0·x1 from 0 is x0·x1/2 each.
    RandomSource cell = RandomSource.of(9).derive("sample:s0").derive("cell:" + cells.get(1).id());
    double mean = 0;
    for (int i = 0; i < 3; i++) {
      SplittableRandom g = cell.derive("smoothing-noise", i).generator();
      double a = (float) (0.7f + 0.4 * (0.7f - 0.2f) * g.nextGaussian());
      double b = (float) (0.2f + 0.4 * (0.7f - 0.2f) * g.nextGaussian());
      mean += a * b / 2 / 3;
    }
    Attribution sg = units.compute(model, options, sample, cells.get(1)).attribution();
    assertThat((double) sg.values()[0]).isCloseTo(mean, within(1e-6));
    assertThat((double) sg.values()[1]).isCloseTo(mean, within(1e-6));

    // XRAI on f = 3·x0 − 2·x1 (IG = 2.1, −0.4): the two pixels are regions of one pixel each, which add
    // fewer than minPixelDiff = 2 pixels, so no region is taken and both get the mean, (2.1 − 0.4)/2.
    LinearModel linear = new LinearModel(SHAPE, new double[] {3, -2}, 0);
    Attribution plain = units.compute(linear, options, sample, cells.get(0)).attribution();
    assertThat((double) plain.values()[0]).isCloseTo(2.1, within(1e-6));
    Attribution xr = units.compute(linear, options, sample, cells.get(2)).attribution();
    assertThat((double) xr.values()[0]).isCloseTo(0.85, within(1e-6));
    assertThat((double) xr.values()[1]).isCloseTo(0.85, within(1e-6));
  }

  /** The engine keeps the paths' cancellation sums only for a run whose metrics read them. */
  @Test
  void cancellationSumsAreRecordedOnlyWhenAMetricNeedsThem() throws Exception {
    PluginRegistry registry = PluginLoader.registry();
    Files.createDirectories(dir.resolve("images"));
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
        "png", dir.resolve("images/s0.png").toFile());
    Files.writeString(dir.resolve("m.pt"), "never loaded\n");
    Dataset data = oneSample();
    ExperimentLoader loader = new ExperimentLoader(registry);
    for (String metrics : List.of("[sparsity, ncc-path]", "[sparsity, ncc-within]", "[ncc-step]")) {
      String yaml = """
          name: sums
          model: {path: m.pt, format: torchscript, inputShape: [1, 1, 2]}
          dataset: {type: image-folder, path: images}
          methods:
            - {name: IG, baselines: black}
          metrics: %s
          """.formatted(metrics);
      Experiment experiment = loader.parse(yaml, dir.resolve("sums.yaml"));
      assertThat(UnitComputation.options(experiment, data, registry).cancellationSums()).as(metrics)
          .isEqualTo(!metrics.contains("ncc-path"));
      assertThat(UnitComputation.options(experiment, data).cancellationSums()).isFalse();
    }
  }

  /** A data set of the one sample {@code s0} holding {@link #IMAGE}. */
  private static Dataset oneSample() {
    return new Dataset() {
      @Override
      public Shape shape() {
        return SHAPE;
      }

      @Override
      public int size() {
        return 1;
      }

      @Override
      public String fingerprint() {
        return "s0";
      }

      @Override
      public Sample get(int index) {
        return new Sample("s0", IMAGE.clone(), -1, null);
      }
    };
  }
}
