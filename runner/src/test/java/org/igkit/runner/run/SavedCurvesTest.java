package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.Csv;
import org.igkit.runner.results.DoubleText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with {@code saveAttributions} writes each WG cell's deletion curves as
 * {@code <cell>.dalpha.csv}: every scored point is the model's score of the input with the first
 * k positions of the baseline's saved map set to zero, and each baseline's chosen D_α — its
 * {@code .fitness.npy} value — is the definition's minimum over its curve. The mapping form leaves
 * the per-baseline maps out.
 */
class SavedCurvesTest {

  @TempDir Path dir;

  private static final int C = 3;
  private static final int H = 32;
  private static final int W = 32;

  @Test
  void theCurvesOfARunAreTheModelsScoresAndTheirMinimumIsTheSavedFitness() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    Experiment e = new ExperimentLoader(registry).load(yaml("true", "curves"));
    Path out = dir.resolve("curves");
    new ExperimentRunner(registry).run(e, out, new ExperimentRunner.Listener() {});
    RunPlan plan = RunPlan.of(registry, e, dir.resolve("plan"));
    int checked = 0;
    try (ModelFunction model = DjlModelFunction.load(e.model())) {
      for (int index = 0; index < 3; index++) {
        String sample = "s" + index;
        float[] image = plan.dataset().get(index).image();
        int target = predicted(model.outputs(List.of(image))[0]);
        Path csv = AttributionFiles.curvesFile(out, sample, "WG");
        double[] fitness = Npy.read(AttributionFiles.fitnessFile(out, sample, "WG")).values();
        NpyArray maps = Npy.read(AttributionFiles.baselinesFile(out, sample, "WG"));
        List<Csv.Record> records = Csv.parse(csv.toString(), Files.readString(csv));
        assertThat(records.get(0).fields()).containsExactly("baseline", "k", "score", "chosen");
        double inputScore = model.scores(List.of(image), new int[] {target})[0];
        for (int b = 0; b < fitness.length; b++) {
          List<int[]> sizes = new ArrayList<>();
          List<Double> scores = new ArrayList<>();
          int chosen = -1;
          for (Csv.Record r : records.subList(1, records.size())) {
            if (Integer.parseInt(r.fields().get(0)) != b) {
              continue;
            }
            int k = Integer.parseInt(r.fields().get(1));
            if (r.fields().get(3).equals("1")) {
              chosen = k;
            }
            if (!r.fields().get(2).isEmpty()) {
              sizes.add(new int[] {k});
              scores.add(DoubleText.parse(r.fields().get(2)));
            }
          }
          assertThat(chosen).isEqualTo((int) fitness[b]);
          assertThat(sizes.get(0)[0]).isZero();
          assertThat(scores.get(0)).isCloseTo(inputScore, org.assertj.core.data.Offset.offset(1e-6));
          float[] map = Arrays.copyOfRange(maps.floats(), b * C * H * W, (b + 1) * C * H * W);
          Integer[] order = ranking(map);
          int first = -1;
          for (int i = 0; i < sizes.size(); i++) {
            int k = sizes.get(i)[0];
            double masked = model.scores(List.of(masked(image, order, k)), new int[] {target})[0];
            assertThat(scores.get(i)).as("%s baseline %d k %d", sample, b, k)
                .isCloseTo(masked, org.assertj.core.data.Offset.offset(1e-5));
            if (first < 0 && scores.get(i) <= 0.5 * (float) inputScore) {
              first = k;
            }
            checked++;
          }
          assertThat(chosen).isEqualTo(first < 0 ? H * W : Math.max(1, first));
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void theMappingFormLeavesOutWhatItTurnsOff() throws Exception {
    PluginRegistry registry = PluginLoader.registry(new RunnerFaultsTest.FaultPlugins());
    Experiment e = new ExperimentLoader(registry).load(yaml("{baselines: false}", "fewer"));
    Path out = dir.resolve("fewer");
    new ExperimentRunner(registry).run(e, out, new ExperimentRunner.Listener() {});
    assertThat(AttributionFiles.mapFile(out, "s0", "WG")).exists();
    assertThat(AttributionFiles.curvesFile(out, "s0", "WG")).exists();
    assertThat(AttributionFiles.baselinesFile(out, "s0", "WG")).doesNotExist();
    assertThat(AttributionFiles.curvesFile(out, "s0", "EG")).doesNotExist(); // uniform weights: no curve
    assertThat(AttributionFiles.baselinesFile(out, "s0", "EG")).doesNotExist();
  }

  private static int predicted(float[] out) {
    int best = 0;
    for (int c = 1; c < out.length; c++) {
      best = out[c] > out[best] ? c : best;
    }
    return best;
  }

  /** Positions ranked by the channel-summed map, largest first, ties to the lower position. */
  private static Integer[] ranking(float[] map) {
    int pixels = H * W;
    double[] sum = new double[pixels];
    for (int c = 0; c < C; c++) {
      for (int p = 0; p < pixels; p++) {
        sum[p] += map[c * pixels + p];
      }
    }
    Integer[] order = new Integer[pixels];
    for (int p = 0; p < pixels; p++) {
      order[p] = p;
    }
    Arrays.sort(order, (a, b) -> sum[a] != sum[b] ? Double.compare(sum[b], sum[a]) : Integer.compare(a, b));
    return order;
  }

  private static float[] masked(float[] image, Integer[] order, int k) {
    float[] x = image.clone();
    int pixels = H * W;
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < C; c++) {
        x[c * pixels + order[i]] = 0f;
      }
    }
    return x;
  }

  private Path yaml(String save, String name) throws IOException {
    String text = """
        name: %s
        seed: 3
        model:
          path: %s
          format: torchscript
          inputShape: [3, 32, 32]
        dataset: {type: fault-test, fault: MODEL_OUTPUT_SHAPE}
        methods:
          - name: WG
            baselines: [black, {type: uniform-noise, count: 2}]
            stepRule: {type: riemann, steps: 4}
            aggregator: {type: fitness, neutral: zero, search: exact}
          - name: EG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        batchSize: 8
        saveAttributions: %s
        """.formatted(name, org.igkit.testkit.TorchScriptFixtures.path("tiny_cnn.pt").toString().replace('\\', '/'),
        save);
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
