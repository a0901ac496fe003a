package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.LambdaBlock;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that used to stop a whole run, through the real runner: a model whose engine fails on
 * one sample's points, a corrupt first image of an image folder, a label outside the model's
 * classes with {@code target: label}. Each is one error row per cell of that sample with its kind
 * in {@code errors.csv}, and the other samples get all their rows. Also: a model that gives a
 * feature map stops the run at load, naming the shape; the listener hears of a unit before it is
 * computed.
 */
class RunnerSampleFaultsTest {

  private static final int H = 32;
  private static final int W = 32;

  @TempDir Path dir;

  @Test
  void aModelThatFailsInTheEngineOnOneSampleGivesThatSampleErrorRows() throws Exception {
    Path yaml = experiment("{type: fault-test, fault: MODEL_OUTPUT_SHAPE}", "");
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    ExperimentRunner runner = new ExperimentRunner(registry, spec -> {
      Model model = Model.newInstance("picky", "PyTorch");
      model.setBlock(LambdaBlock.singleton(RunnerSampleFaultsTest::pickyScores));
      return DjlModelFunction.wrap(spec, model);
    });
    Experiment experiment = new ExperimentLoader(registry).load(yaml);

    ExperimentRunner.Outcome outcome = runner.run(experiment, dir.resolve("run"), new ExperimentRunner.Listener() {});

    assertFaultOfOneSample(outcome, "s1", List.of("s0", "s2"), SampleFaultException.Kind.MODEL,
        "failed on a batch of");
  }

  @Test
  void aModelThatGivesAFeatureMapStopsTheRunAtLoadNamingTheShape() throws Exception {
    Path yaml = experiment("{type: fault-test, fault: MODEL_OUTPUT_SHAPE}", "");
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    ExperimentRunner runner = new ExperimentRunner(registry, spec -> {
      Model model = Model.newInstance("features", "PyTorch");
      model.setBlock(LambdaBlock.singleton(x -> x.mul(2)));
      return DjlModelFunction.wrap(spec, model);
    });
    Experiment experiment = new ExperimentLoader(registry).load(yaml);
    Path out = dir.resolve("run");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> runner.run(experiment, out, new ExperimentRunner.Listener() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model output must be [batch, classes]; ")
        .hasMessageContaining("tiny_cnn.pt gave [2, 3, 32, 32]");
    assertThat(ResultsCsv.read(out)).as("no unit was computed").isEmpty();
  }

  /**
   * Three class scores per point (its channel means), computed in the engine; on a batch holding a
   * point of the marked sample, a matrix product of mismatched shapes, which PyTorch refuses.
   */
  private static NDArray pickyScores(NDArray x) {
    float[] values = x.toFloatArray();
    int size = Math.toIntExact(x.getShape().size(1));
    for (int p = 0; p < x.getShape().get(0); p++) {
      if (RunnerFaultsTest.marked(java.util.Arrays.copyOfRange(values, p * size, p * size + 3))) {
        return x.matMul(x.getManager().ones(new ai.djl.ndarray.types.Shape(5, 5)));
      }
    }
    return x.mean(new int[] {3}).mean(new int[] {2});
  }

  @Test
  void aCorruptFirstImageIsAFaultOfThatSample() throws Exception {
    Path images = images();
    Files.writeString(images.resolve("s0.png"), "not an image\n", StandardCharsets.UTF_8);
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry).load(experiment("{type: image-folder, path: images}", ""));

    ExperimentRunner.Outcome outcome = new ExperimentRunner(registry)
        .run(experiment, dir.resolve("run"), new ExperimentRunner.Listener() {});

    assertFaultOfOneSample(outcome, "s0.png", List.of("s1.png", "s2.png"), SampleFaultException.Kind.CORRUPT_IMAGE,
        "s0.png");
  }

  @Test
  void aLabelOutsideTheModelsClassesIsAFaultOfThatSample() throws Exception {
    images();
    Files.writeString(dir.resolve("labels.csv"), "file,label\ns0.png,3\ns1.png,42\ns2.png,7\n", StandardCharsets.UTF_8);
    PluginRegistry registry = PluginLoader.registry();
    Experiment experiment = new ExperimentLoader(registry)
        .load(experiment("{type: image-folder, path: images, labels: labels.csv}", "target: label\n"));

    ExperimentRunner.Outcome outcome = new ExperimentRunner(registry)
        .run(experiment, dir.resolve("run"), new ExperimentRunner.Listener() {});

    assertFaultOfOneSample(outcome, "s1.png", List.of("s0.png", "s2.png"), SampleFaultException.Kind.LABEL,
        "sample s1.png has label 42, outside the model's 10 classes");
  }

  @Test
  void theListenerHearsOfEachUnitBeforeItIsComputed() throws Exception {
    Path yaml = experiment("{type: fault-test, fault: MODEL_OUTPUT_SHAPE}", "");
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    ExperimentRunner runner = new ExperimentRunner(registry,
        spec -> new Recording(DjlModelFunction.load(spec), events));
    Experiment experiment = new ExperimentLoader(registry).load(yaml);

    runner.run(experiment, dir.resolve("run"), new ExperimentRunner.Listener() {
      @Override
      public void started(long total, long alreadyDone) {
        events.clear(); // the model's check at load is not a unit
      }

      @Override
      public void unitStarted(String sampleId, String cellId) {
        events.add("start " + sampleId + " " + cellId);
      }

      @Override
      public void step(String sampleId, String cellId) {
        events.add("done " + sampleId + " " + cellId);
      }
    });

    List<String> units = events.stream().filter(e -> !e.equals("model")).toList();
    assertThat(events.get(0)).as("the first unit is announced before the model is called").isEqualTo("start s0 IG");
    assertThat(units).hasSize(2 * 3 * 2);
    for (int i = 0; i < units.size(); i += 2) {
      assertThat(units.get(i)).startsWith("start ");
      assertThat(units.get(i + 1)).isEqualTo("done " + units.get(i).substring("start ".length()));
    }
    int firstDone = events.indexOf("done s0 IG");
    assertThat(events.subList(1, firstDone)).as("the model works between the start and the end of the unit")
        .isNotEmpty().containsOnly("model");
  }

  private void assertFaultOfOneSample(ExperimentRunner.Outcome outcome, String bad, List<String> good,
      SampleFaultException.Kind kind, String reason) throws IOException {
    int cells = outcome.cells().size();
    assertThat(outcome.faults()).isEqualTo(cells);
    List<ResultRow> rows = ResultsCsv.read(outcome.output());
    for (String sample : good) {
      assertThat(rows).filteredOn(r -> r.sample().equals(sample) && r.metric().equals("deletion-auc"))
          .as("the good sample %s is scored by every cell", sample).hasSize(cells)
          .allSatisfy(r -> assertThat(r.value()).isFinite());
    }
    assertThat(rows).filteredOn(r -> r.sample().equals(bad)).hasSize(cells).allMatch(ResultRow::isError);
    List<String> errors = Files.readAllLines(outcome.output().resolve(SampleFaults.ERRORS_FILE), StandardCharsets.UTF_8);
    assertThat(errors.subList(1, errors.size())).hasSize(cells).allSatisfy(line -> {
      assertThat(line).startsWith(bad + ",");
      assertThat(line).contains("," + kind.id() + ",");
      assertThat(line).contains(reason);
    });
  }

  /** Three random RGB images s0.png … s2.png in {@code images/}. */
  private Path images() throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (int i = 0; i < 3; i++) {
      BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
      SplittableRandom random = new SplittableRandom(i);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      ImageIO.write(img, "png", images.resolve("s" + i + ".png").toFile());
    }
    return images;
  }

  private Path experiment(String dataset, String extra) throws IOException {
    String yaml = """
        name: sample-faults
        seed: 3
        model:
          path: %s
          format: torchscript
          inputShape: [3, 32, 32]
        dataset: %s
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
        batchSize: 8
        %s""".formatted(org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt").toString().replace('\\', '/'),
        dataset, extra);
    Path file = dir.resolve("picky.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** The real model, noting each call in {@code events}. */
  private record Recording(ModelFunction model, List<String> events) implements ModelFunction {
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
      events.add("model");
      return model.outputs(points);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      events.add("model");
      return model.scoresAndGradients(points, targets);
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
