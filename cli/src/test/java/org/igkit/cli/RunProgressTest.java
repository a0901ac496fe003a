package org.igkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.RunPlan;
import org.igkit.testkit.TorchScriptFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igkit run}'s progress bar names the unit being computed while it is computed (not only
 * after it finished): what it says is read at every model call of a real run.
 */
class RunProgressTest {

  @TempDir Path dir;

  @Test
  void theProgressBarNamesTheUnitInProgressFromItsStart() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (int i = 0; i < 2; i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      img.setRGB(i, 3 * i, 0xFF8040);
      ImageIO.write(img, "png", images.resolve("s" + i + ".png").toFile());
    }
    Path yaml = dir.resolve("progress.yaml");
    Files.writeString(yaml, """
        name: progress
        model:
          path: %s
          inputShape: [3, 32, 32]
        dataset: {type: image-folder, path: images}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: EG
            baselines: [black, {type: uniform-noise, count: 2}]
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
        reference: IG
        """.formatted(TorchScriptFixtures.path("tiny_cnn.pt").toString().replace('\\', '/')), StandardCharsets.UTF_8);
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(yaml);
    List<String> seen = new ArrayList<>();
    RunCommand.Progress[] progress = new RunCommand.Progress[1];
    ExperimentRunner.ModelLoader real = RunPlan.formatLoader(registry);
    ExperimentRunner runner = new ExperimentRunner(registry, spec -> new Watching(real.load(spec), () -> {
      String m = progress[0].message();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(m)) {
        seen.add(m);
      }
    }));

    try (RunCommand.Progress p = new RunCommand.Progress(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))) {
      progress[0] = p;
      runner.run(experiment, dir.resolve("out"), p);
    }

    assertThat(seen).as("the messages shown during the model calls, in order").containsExactly(
        RunCommand.Progress.inProgress("s0.png", "IG"), RunCommand.Progress.inProgress("s0.png", "EG"),
        RunCommand.Progress.inProgress("s1.png", "IG"), RunCommand.Progress.inProgress("s1.png", "EG"));
    assertThat(RunCommand.Progress.inProgress("s0.png", "IG")).contains("s0.png").contains("IG");
  }

  /** The real model, running {@code onCall} before each call. */
  private record Watching(ModelFunction model, Runnable onCall) implements ModelFunction {
    @Override
    public Shape inputShape() {
      return model.inputShape();
    }

    @Override
    public int numClasses() {
      return model.numClasses();
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      onCall.run();
      return model.outputs(points);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      onCall.run();
      return model.scoresAndGradients(points, targets);
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
