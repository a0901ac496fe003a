package org.igkit.cli.bench;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.igkit.api.model.Shape;
import org.igkit.cli.bench.BenchPlan.Parallelism;
import org.igkit.models.PyTorchRuntime;
import org.igkit.models.block.SmallCnn;

/** A tiny experiment (a random 12×12 CNN, four images in a folder) and a tiny plan, for bench tests. */
final class TinyBench {

  static final BenchPlan PLAN = BenchPlan.builder().samples(3).timingImages(2).repetitions(2).igSteps(8).methodSteps(8)
      .cheapSteps(2).memorySize(16).memoryWidth(2).memoryBatch(2).memorySteps(3).memoryBaselines(2).memoryHeapMib(128)
      .parallelSamples(2).parallelRuns(1).parallelSettings(List.of(new Parallelism(1, 1), new Parallelism(2, 1)))
      .build();

  private TinyBench() {}

  /** Writes the images, the model and the experiment file into {@code dir}; returns the file. */
  static Path experiment(Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 4; i++) {
      BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 12; y++) {
        for (int x = 0; x < 12; x++) {
          img.setRGB(x, y, r.nextInt(0x1000000));
        }
      }
      Path f = dir.resolve("images/" + (i % 2 == 0 ? "a" : "b") + "/" + i + ".png");
      Files.createDirectories(f.getParent());
      ImageIO.write(img, "png", f.toFile());
    }
    PyTorchRuntime.start(1, 1);
    try (Model model = Model.newInstance("tiny", PyTorchRuntime.ENGINE)) {
      Block block = SmallCnn.build(2, 4);
      model.setBlock(block);
      SmallCnn.initialize(block, model.getNDManager(), Shape.of(3, 12, 12), 5);
      SmallCnn.saveParameters(block, dir.resolve("tiny.params"));
    }
    return Files.writeString(dir.resolve("tiny.yaml"), """
        name: tiny-bench
        model: {path: tiny.params, format: djl-block, architecture: small-cnn, width: 4, inputShape: [3, 12, 12], numClasses: 2}
        dataset: {type: image-folder, path: images}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: EG
            baselines: {type: uniform-noise, count: 2}
            stepRule: {type: riemann, steps: 4}
        metrics: [{type: deletion-auc, replacement: blur}, insertion-auc]
        batchSize: 8
        """);
  }
}
