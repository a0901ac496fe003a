package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.plugin.Plugins;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven, through the real runner and a real TorchScript model: in a run of three samples
 * where the middle one is faulty, the fault is recorded as one error row per cell with its kind
 * and reason in {@code errors.csv}, the other samples get all their rows, the summary counts the
 * skipped sample, and a resume neither retries nor loses anything.
 */
class RunnerFaultsTest {

  private static final int C = 3;
  private static final int H = 32;
  private static final int W = 32;
  private static final String BAD = "s1";

  @TempDir Path dir;

  /** How a case breaks sample {@link #BAD}. */
  enum Fault {
    TRUNCATED_PNG, NOT_AN_IMAGE, MISSING_MASK, MASK_SIZE, IMAGE_OF_ANOTHER_SIZE, WRONG_SIZE, WRONG_CHANNELS, MODEL_OUTPUT_SHAPE,
    NAN_PIXEL, INF_PIXEL, INF_GRADIENT
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Fault.TRUNCATED_PNG, SampleFaultException.Kind.CORRUPT_IMAGE),
        Arguments.of(Fault.NOT_AN_IMAGE, SampleFaultException.Kind.CORRUPT_IMAGE),
        Arguments.of(Fault.MISSING_MASK, SampleFaultException.Kind.MASK),
        Arguments.of(Fault.MASK_SIZE, SampleFaultException.Kind.MASK),
        Arguments.of(Fault.IMAGE_OF_ANOTHER_SIZE, SampleFaultException.Kind.WRONG_SHAPE),
        Arguments.of(Fault.WRONG_SIZE, SampleFaultException.Kind.WRONG_SHAPE),
        Arguments.of(Fault.WRONG_CHANNELS, SampleFaultException.Kind.WRONG_SHAPE),
        Arguments.of(Fault.MODEL_OUTPUT_SHAPE, SampleFaultException.Kind.MODEL_OUTPUT),
        Arguments.of(Fault.NAN_PIXEL, SampleFaultException.Kind.NON_FINITE),
        Arguments.of(Fault.INF_PIXEL, SampleFaultException.Kind.NON_FINITE),
        Arguments.of(Fault.INF_GRADIENT, SampleFaultException.Kind.NON_FINITE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFaultySampleIsRecordedAndTheRunGoesOn(Fault fault, SampleFaultException.Kind kind) throws Exception {
    boolean files = fault.ordinal() <= Fault.IMAGE_OF_ANOTHER_SIZE.ordinal();
    Path yaml = files ? imageFolderExperiment(fault) : generatedExperiment(fault);
    PluginRegistry registry = PluginLoader.registry(new FaultPlugins());
    ExperimentLoader loader = new ExperimentLoader(registry);
    Experiment experiment = loader.load(yaml);
    ExperimentRunner runner = new ExperimentRunner(registry, spec -> new FaultyModel(DjlModelFunction.load(spec), fault));
    Path out = dir.resolve("run");

    ExperimentRunner.Outcome first = runner.run(experiment, out, new ExperimentRunner.Listener() {});

    int cells = first.cells().size();
    assertThat(cells).isEqualTo(2);
    assertThat(first.faults()).as("one failed unit per cell of the bad sample").isEqualTo(cells);
    assertThat(first.computed()).isEqualTo(3L * cells);
    List<ResultRow> rows = ResultsCsv.read(out);
    String bad = files ? "s1.png" : BAD;
    for (String sample : files ? List.of("s0.png", "s2.png") : List.of("s0", "s2")) {
      assertThat(rows).filteredOn(r -> r.sample().equals(sample) && r.metric().equals("deletion-auc"))
          .as("the good sample %s is scored by every cell", sample).hasSize(cells)
          .allSatisfy(r -> assertThat(r.value()).isFinite());
    }
    assertThat(rows).filteredOn(r -> r.sample().equals(bad))
        .as("the bad sample has exactly one error row per cell and nothing else")
        .hasSize(cells).allSatisfy(r -> {
          assertThat(r.isError()).isTrue();
          assertThat(r.value()).isNaN();
        });
    List<String> errors = Files.readAllLines(out.resolve(SampleFaults.ERRORS_FILE), StandardCharsets.UTF_8);
    assertThat(errors).hasSize(1 + cells);
    assertThat(errors.subList(1, errors.size())).allSatisfy(line -> {
      assertThat(line).startsWith(bad + ",");
      assertThat(line).contains("," + kind.id() + ",");
    });
    assertThat(rows.stream().filter(ResultRow::isError).count()).isEqualTo(cells);

    Summary summary = Reports.write(out, experiment, first.cells(), registry);
    assertThat(summary.skippedSamples()).isEqualTo(1);
    assertThat(summary.skippedUnits()).isEqualTo(cells);
    assertThat(summary.metrics()).doesNotContain(ResultRow.ERROR_METRIC);
    assertThat(summary.rows()).filteredOn(r -> r.metric().equals("deletion-auc")).allSatisfy(r -> assertThat(r.n()).isEqualTo(2));
    assertThat(Files.readString(out.resolve(Summary.MARKDOWN_FILE))).contains("Skipped: 1 sample(s) failed in " + cells);

    byte[] before = Files.readAllBytes(out.resolve(ResultsCsv.RESULTS_FILE));
    ExperimentRunner.Outcome resumed = runner.run(experiment, out, new ExperimentRunner.Listener() {});
    assertThat(resumed.computed()).as("a resume does not retry a recorded fault").isZero();
    assertThat(resumed.skipped()).isEqualTo(3L * cells);
    assertThat(Files.readAllBytes(out.resolve(ResultsCsv.RESULTS_FILE))).isEqualTo(before);
  }

  private Path imageFolderExperiment(Fault fault) throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    Path masks = Files.createDirectories(dir.resolve("masks"));
    for (int i = 0; i < 3; i++) {
      // with the default resize: none, an image of another size is not stretched to the model's
      int w = i == 1 && fault == Fault.IMAGE_OF_ANOTHER_SIZE ? 2 * W : W;
      BufferedImage img = new BufferedImage(w, H, BufferedImage.TYPE_INT_RGB);
      SplittableRandom random = new SplittableRandom(i);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < w; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      String name = "s" + i + ".png";
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      byte[] bytes = png.toByteArray();
      boolean isBad = i == 1;
      if (isBad && fault == Fault.TRUNCATED_PNG) {
        bytes = Arrays.copyOf(bytes, bytes.length / 2);
      } else if (isBad && fault == Fault.NOT_AN_IMAGE) {
        bytes = "this is not a picture\n".getBytes(StandardCharsets.UTF_8);
      }
      Files.write(images.resolve(name), bytes);
      if (isBad && fault == Fault.MISSING_MASK) {
        continue;
      }
      // masks at twice the image's resolution are fine (resampled); the bad one has another aspect ratio
      int mw = 2 * W;
      int mh = isBad && fault == Fault.MASK_SIZE ? H : 2 * H;
      BufferedImage mask = new BufferedImage(mw, mh, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < mh / 2; y++) {
        for (int x = 0; x < mw / 2; x++) {
          mask.setRGB(x, y, 0xFFFFFF);
        }
      }
      ImageIO.write(mask, "png", masks.resolve(name).toFile());
    }
    return experiment("{type: image-folder, path: images, masks: masks}", "\n  - overlap-auc");
  }

  private Path generatedExperiment(Fault fault) throws IOException {
    return experiment("{type: fault-test, fault: " + fault.name() + "}", "");
  }

  private Path experiment(String dataset, String extraMetrics) throws IOException {
    String yaml = """
        name: faults
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
          - {type: deletion-auc, steps: 8}%s
        reference: IG
        batchSize: 8
        """.formatted(fixture("tiny_cnn.pt"), dataset, extraMetrics);
    Path file = dir.resolve("faults.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static String fixture(String name) {
    return org.igkit.testkit.TorchScriptFixtures.path(name).toString().replace('\\', '/');
  }

  /** Marks sample {@link #BAD}'s image so the model can tell its points: x[1] = 0, x[0] = x[2] > 0. */
  static boolean marked(float[] point) {
    return point.length > 2 && point[1] == 0 && point[0] == point[2] && point[0] > 0;
  }

  /** Three generated samples; {@link #BAD} is broken as its spec says. */
  record FaultSpec(String fault) {}

  static final class FaultDataset implements Dataset {
    private final Fault fault;

    FaultDataset(FaultSpec spec) {
      this.fault = Fault.valueOf(spec.fault());
    }

    @Override
    public Shape shape() {
      return Shape.of(C, H, W);
    }

    @Override
    public int size() {
      return 3;
    }

    @Override
    public Sample get(int index) {
      SplittableRandom random = new SplittableRandom(100 + index);
      float[] image = new float[C * H * W];
      for (int i = 0; i < image.length; i++) {
        image[i] = (float) (0.1 + 0.8 * random.nextDouble());
      }
      String id = "s" + index;
      if (id.equals(BAD)) {
        switch (fault) {
          case WRONG_SIZE -> image = Arrays.copyOf(image, C * 28 * 28);
          case WRONG_CHANNELS -> image = Arrays.copyOf(image, H * W);
          case NAN_PIXEL -> image[100] = Float.NaN;
          case INF_PIXEL -> image[100] = Float.POSITIVE_INFINITY;
          default -> {
            image[0] = 0.5f;
            image[1] = 0;
            image[2] = 0.5f;
          }
        }
      }
      return new Sample(id, image, -1, null);
    }

    @Override
    public String fingerprint() {
      return "fault-test-" + fault.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final class FaultPlugins extends AbstractModule {
    @Override
    protected void configure() {
      Plugins.register(binder(), PluginType.of(Dataset.class, "fault-test", FaultSpec.class, FaultDataset::new,
          "test: three generated samples, the middle one broken"));
    }
  }

  /** The real model, except on the marked sample's points in the two model-fault cases. */
  static final class FaultyModel implements ModelFunction {
    private final ModelFunction model;
    private final Fault fault;

    FaultyModel(ModelFunction model, Fault fault) {
      this.model = model;
      this.fault = fault;
    }

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
      float[][] out = model.outputs(points);
      if (fault == Fault.MODEL_OUTPUT_SHAPE) {
        for (int i = 0; i < out.length; i++) {
          if (marked(points.get(i))) {
            out[i] = Arrays.copyOf(out[i], out[i].length - 3);
          }
        }
      }
      return out;
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      ScoresAndGradients sg = model.scoresAndGradients(points, targets);
      if (fault == Fault.INF_GRADIENT) {
        List<float[]> gradients = new ArrayList<>(sg.gradients());
        for (int i = 0; i < points.size(); i++) {
          if (marked(points.get(i))) {
            gradients.get(i)[7] = Float.POSITIVE_INFINITY;
          }
        }
        return new ScoresAndGradients(sg.scores(), gradients);
      }
      return sg;
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
