package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.igkit.api.data.Sample;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.experiments.data.ShapesBenchmark;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.results.AttributionDiagnostics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full experiment from YAML through the command line: IG (black baseline) and EG (two
 * uniform-noise baselines), 8 Riemann steps each, scored by completeness-gap and overlap-auc on
 * {@value #N} shapes images, with the attribution maps saved. The files it leaves are checked
 * against computations made here from their documented definitions: row counts, the summary's
 * mean, std, relative improvement and paired p-values from results.csv, overlap-auc from the saved
 * maps and the benchmark's masks, and IG's completeness gap from the saved map and the model.
 */
class EndToEndTest {

  static final int OFFSET = 2;
  static final int N = 6;
  static final long SEED = 8;
  static final List<String> CELLS = List.of("IG", "EG");
  static final List<String> METRICS = List.of("completeness-gap", "overlap-auc");
  /** Per metric, whether higher is better (from the metrics' definitions). */
  static final Map<String, Boolean> HIGHER = Map.of("completeness-gap", false, "overlap-auc", true);
  /** The per-attribution diagnostic rows, in their documented order (uniform: no extra ones). */
  static final List<String> DIAGNOSTICS = List.of(
      AttributionDiagnostics.COMPLETENESS_GAP,
      AttributionDiagnostics.INPUT_SCORE,
      AttributionDiagnostics.TARGET,
      AttributionDiagnostics.SKIPPED_STEPS,
      AttributionDiagnostics.GRADIENT_POINTS,
      AttributionDiagnostics.FORWARD_POINTS);

  @TempDir static Path tmp;
  static Path yaml;
  static Path dir;
  static E2e.Cli result;
  static List<List<String>> rows;
  /** The benchmark exactly as the YAML configures it: sample id → sample. */
  static Map<String, Sample> samples;

  @BeforeAll
  static void runTheExperiment() throws Exception {
    yaml = E2e.write(tmp, "experiment.yaml", E2e.template("two-methods.yaml",
        E2e.twoMethods(SEED, OFFSET, N, "completeness-gap", "overlap-auc", true)));
    dir = tmp.resolve("out");
    result = E2e.run(yaml, dir);
    rows = E2e.csv(dir.resolve("results.csv"), "sample,cell,method,metric,value");
    ShapesBenchmark shapes = new ShapesBenchmark(new ShapesBenchmark.Spec(0L, "test", 64, 4, 32, 32));
    samples = new LinkedHashMap<>();
    for (int i = OFFSET; i < OFFSET + N; i++) {
      Sample s = shapes.get(i);
      samples.put(s.id(), s);
    }
  }

  @Test
  void theCommandSaysWhatItRanAndWhereTheResultsAre() {
    assertThat(result.out())
        .contains("experiment e2e-two-methods: 2 method(s), 2 cell(s)")
        .contains("results: " + dir.resolve("results.csv").toAbsolutePath())
        .contains("summary: " + dir.resolve("summary.md").toAbsolutePath())
        .doesNotContain("resumed");
    assertThat(dir.resolve("summary.md")).isRegularFile();
    assertThat(dir.resolve("curves.csv")).isRegularFile();
  }

  @Test
  void resultsCsvHoldsExactlyOneRowPerSampleCellAndMetricPlusTheDiagnostics() {
    int perGroup = METRICS.size() + DIAGNOSTICS.size();
    assertThat(rows).hasSize(N * CELLS.size() * perGroup);
    // groups in sample order (the selection offset..offset+N-1), cells in method order, and in
    // each group the metrics in the file's order followed by the diagnostics
    List<List<String>> expectedKeys = new ArrayList<>();
    for (String sample : samples.keySet()) {
      for (String cell : CELLS) {
        for (String metric : METRICS) {
          expectedKeys.add(List.of(sample, cell, cell, metric));
        }
        for (String diag : DIAGNOSTICS) {
          expectedKeys.add(List.of(sample, cell, cell, diag));
        }
      }
    }
    assertThat(rows.stream().map(r -> r.subList(0, 4)).toList()).isEqualTo(expectedKeys);
    for (List<String> r : rows) {
      assertThat(r).hasSize(5);
      assertThat(Double.parseDouble(r.get(4))).as("%s", r).isFinite();
    }
    // diagnostics that follow from the configuration alone
    for (List<String> r : rows) {
      double v = Double.parseDouble(r.get(4));
      boolean ig = r.get(1).equals("IG");
      switch (r.get(3)) {
        case AttributionDiagnostics.GRADIENT_POINTS -> assertThat(v).as("%s", r).isEqualTo(ig ? 8.0 : 16.0);
        case AttributionDiagnostics.SKIPPED_STEPS -> assertThat(v).as("%s", r).isZero();
        case AttributionDiagnostics.TARGET -> assertThat(v).as("%s", r).isIn(0.0, 1.0, 2.0, 3.0);
        case AttributionDiagnostics.INPUT_SCORE -> assertThat(v).as("%s", r).isBetween(0.25, 1.0);
        default -> { }
      }
    }
  }

  @Test
  void summaryCsvEqualsAnIndependentComputationFromResultsCsv() throws Exception {
    // cell → metric → values over samples, in sample order
    Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
    List<String> metricOrder = new ArrayList<>(METRICS);
    metricOrder.addAll(DIAGNOSTICS);
    for (String cell : CELLS) {
      for (String metric : metricOrder) {
        double[] x = rows.stream().filter(r -> r.get(1).equals(cell) && r.get(3).equals(metric))
            .mapToDouble(r -> Double.parseDouble(r.get(4))).toArray();
        assertThat(x).hasSize(N);
        values.computeIfAbsent(cell, c -> new LinkedHashMap<>()).put(metric, x);
      }
    }
    List<List<String>> summary = E2e.csv(dir.resolve("summary.csv"),
        "cell,method,metric,direction,n,mean,std,relative_improvement,paired_n,t_test_p,wilcoxon_p,best");
    assertThat(summary).hasSize(CELLS.size() * metricOrder.size());
    Map<String, Double> bestMean = new LinkedHashMap<>();
    for (String metric : METRICS) {
      boolean higher = HIGHER.get(metric);
      for (String cell : CELLS) {
        double m = IndependentStats.mean(values.get(cell).get(metric));
        bestMean.merge(metric, m, (a, b) -> higher ? Math.max(a, b) : Math.min(a, b));
      }
    }
    int i = 0;
    int pValuesChecked = 0;
    for (String cell : CELLS) {
      for (String metric : metricOrder) {
        List<String> s = summary.get(i++);
        String where = "summary.csv row " + s;
        assertThat(s).as(where).hasSize(12);
        assertThat(s.subList(0, 3)).as(where).containsExactly(cell, cell, metric);
        boolean isMetric = HIGHER.containsKey(metric);
        assertThat(s.get(3)).as(where).isEqualTo(!isMetric ? "" : HIGHER.get(metric) ? "higher" : "lower");
        double[] x = values.get(cell).get(metric);
        double[] ref = values.get("IG").get(metric);
        assertThat(Integer.parseInt(s.get(4))).as(where + " n").isEqualTo(N);
        assertClose(where + " mean", IndependentStats.mean(x), number(s.get(5)), 1e-12);
        assertClose(where + " std", IndependentStats.sampleStd(x), number(s.get(6)), 1e-12);
        assertThat(Integer.parseInt(s.get(8))).as(where + " paired n").isEqualTo(N);
        if (cell.equals("IG")) {
          assertThat(s.get(7)).as(where + " relative improvement of the reference").isEqualTo(isMetric ? "0.0" : "");
          assertThat(s.get(9)).as(where + " t-test p of the reference").isEmpty();
          assertThat(s.get(10)).as(where + " Wilcoxon p of the reference").isEmpty();
        } else {
          double rel = Double.NaN;
          if (isMetric) {
            double refMean = IndependentStats.mean(ref);
            rel = (IndependentStats.mean(x) - refMean) / Math.abs(refMean) * (HIGHER.get(metric) ? 1 : -1);
          }
          assertClose(where + " relative improvement", rel, number(s.get(7)), 1e-12);
          double t = IndependentStats.pairedTTestP(x, ref);
          assertClose(where + " paired t-test p", t, number(s.get(9)), 1e-8);
          assertClose(where + " Wilcoxon p", IndependentStats.wilcoxonExactP(x, ref), number(s.get(10)), 1e-12);
          if (isMetric) {
            assertThat(t).as(where + ": the t-test p of a metric is defined").isBetween(0.0, 1.0);
            pValuesChecked++;
          }
        }
        boolean best = isMetric && IndependentStats.mean(x) == bestMean.get(metric);
        assertThat(s.get(11)).as(where + " best").isEqualTo(Boolean.toString(best));
      }
    }
    assertThat(pValuesChecked).isEqualTo(METRICS.size());
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("Reference: IG. n = " + N + " samples per cell")
        .contains("| completeness-gap ↓ | overlap-auc ↑ |");
  }

  @Test
  void overlapAucRecomputedFromTheSavedMapsAndTheBenchmarkMasksEqualsResultsCsv() throws Exception {
    int checked = 0;
    for (List<String> r : rows) {
      if (!r.get(3).equals("overlap-auc")) {
        continue;
      }
      Sample sample = samples.get(r.get(0));
      E2e.Npy map = E2e.npy(dir.resolve("attributions").resolve(r.get(0)).resolve(r.get(1) + ".npy"));
      double expected = overlapAuc(map.data(), sample.mask(), 3, 32 * 32, 100);
      assertClose("overlap-auc of " + r, expected, Double.parseDouble(r.get(4)), 1e-12);
      checked++;
    }
    assertThat(checked).isEqualTo(N * CELLS.size());
  }

  /**
   * AUC of overlap (WG paper eq. 7–8, as igkit documents it): rank pixels by the channel-summed
   * map, largest first, ties by lower index; S = mask &gt; 0.5; for p = i/steps take the top
   * t = max(1, round(p·|S|)) pixels and score |top ∩ S| / t; the value is the mean score.
   */
  static double overlapAuc(double[] map, float[] mask, int channels, int pixels, int steps) {
    double[] score = new double[pixels];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < channels; c++) {
        score[p] += map[c * pixels + p];
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < pixels; p++) {
      order.add(p);
    }
    order.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    int size = 0;
    for (float m : mask) {
      size += m > 0.5f ? 1 : 0;
    }
    assertThat(size).as("object pixels in the mask").isPositive();
    double sum = 0;
    for (int i = 1; i <= steps; i++) {
      double p = (double) i / steps;
      int t = (int) Math.max(1, Math.floor(p * size + 0.5));
      int hits = 0;
      for (int k = 0; k < t; k++) {
        hits += mask[order.get(k)] > 0.5f ? 1 : 0;
      }
      sum += (double) hits / t;
    }
    return sum / steps;
  }

  @Test
  void completenessGapOfIgRecomputedFromTheSavedMapAndTheModelEqualsResultsCsv() throws Exception {
    Experiment e = new ExperimentLoader(PluginLoader.registry()).load(yaml);
    float[] black = new float[3 * 32 * 32];
    try (DjlModelFunction model = DjlModelFunction.load(e.model().withThreads(1))) {
      for (Sample sample : samples.values()) {
        String id = sample.id();
        float[][] out = model.outputs(List.of(sample.image(), black));
        int target = 0;
        for (int c = 1; c < out[0].length; c++) {
          if (out[0][c] > out[0][target]) {
            target = c;
          }
        }
        double inputScore = out[0][target];
        double expectedSum = inputScore - out[1][target]; // f(x) − f(black), the one weight is 1
        double sum = E2e.npy(dir.resolve("attributions").resolve(id).resolve("IG.npy")).sum();
        double gap = Math.abs(sum - expectedSum);
        String where = "IG on " + id;
        assertThat(value(id, "IG", AttributionDiagnostics.TARGET)).as(where + " target").isEqualTo(target);
        assertThat(value(id, "IG", AttributionDiagnostics.INPUT_SCORE)).as(where + " f_c(x)")
            .isCloseTo(inputScore, within(1e-5));
        assertThat(value(id, "IG", AttributionDiagnostics.COMPLETENESS_GAP)).as(where + " |ΣA − E|")
            .isCloseTo(gap, within(1e-5));
        double relative = gap / Math.abs(expectedSum);
        // E is known to float precision (~1e-6), so the relative gap to about 1e-6 / |E|
        assertThat(value(id, "IG", "completeness-gap")).as(where + " |ΣA − E| / |E|")
            .isCloseTo(relative, within(1e-5 / Math.abs(expectedSum) + 1e-6 * relative));
      }
    }
  }

  @Test
  void savedMapsAreFloat32ChwAndBaselineWeightsSumToOne() throws Exception {
    Path root = dir.resolve("attributions");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).count())
          .as("a map, a weights and a per-baseline maps file per (sample, cell), nothing else")
          .isEqualTo(3L * N * CELLS.size());
    }
    for (String id : samples.keySet()) {
      for (String cell : CELLS) {
        E2e.Npy map = E2e.npy(root.resolve(id).resolve(cell + ".npy"));
        assertThat(map.descr()).isEqualTo("<f4");
        assertThat(map.shape()).containsExactly(3, 32, 32);
        assertThat(java.util.Arrays.stream(map.data()).anyMatch(v -> v != 0)).as("%s/%s is not all zero", id, cell).isTrue();
        E2e.Npy weights = E2e.npy(root.resolve(id).resolve(cell + ".weights.npy"));
        assertThat(weights.descr()).isEqualTo("<f8");
        assertThat(weights.shape()).containsExactly(cell.equals("IG") ? 1 : 2);
        assertThat(weights.sum()).as("%s/%s weights sum", id, cell).isCloseTo(1.0, within(1e-12));
        assertThat(java.util.Arrays.stream(weights.data()).allMatch(w -> w > 0)).as("%s/%s weights > 0", id, cell).isTrue();
        assertThat(root.resolve(id).resolve(cell + ".fitness.npy")).as("uniform has no fitness").doesNotExist();
        // each baseline's own map, and A = Σ_k w_k A_k (to float rounding of the saved maps)
        E2e.Npy perBaseline = E2e.npy(root.resolve(id).resolve(cell + ".baselines.npy"));
        int n = weights.shape()[0];
        assertThat(perBaseline.descr()).isEqualTo("<f4");
        assertThat(perBaseline.shape()).containsExactly(n, 3, 32, 32);
        int size = 3 * 32 * 32;
        double largest = java.util.Arrays.stream(map.data()).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < size; i++) {
          double sum = 0;
          for (int k = 0; k < n; k++) {
            sum += weights.data()[k] * perBaseline.data()[k * size + i];
          }
          assertThat(Math.abs(sum - map.data()[i])).as("%s/%s element %d", id, cell, i).isLessThanOrEqualTo(1e-6 * largest);
        }
      }
    }
  }

  @Test
  void provenanceAndTheResolvedConfigurationAreWrittenAndResolvedYamlLoadsToTheSameExperiment() throws Exception {
    assertThat(dir.resolve("provenance.json")).isRegularFile();
    assertThat(dir.resolve("resolved.yaml")).isRegularFile();
    JsonNode p = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
    assertThat(p.path("experiment").asText()).isEqualTo("e2e-two-methods");
    assertThat(p.path("seed").asLong()).isEqualTo(SEED);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(E2e.model())));
    assertThat(p.path("modelSha256").asText()).as("SHA-256 of the model file").isEqualTo(sha);
    assertThat(p.path("dataFingerprint").asText()).matches("[0-9a-f]{64}");
    Set<String> seeds = new LinkedHashSet<>();
    p.path("derivedSeeds").fieldNames().forEachRemaining(seeds::add);
    assertThat(seeds).as("one derived seed per selected sample")
        .containsExactlyElementsOf(samples.keySet().stream().map(id -> "sample:" + id).toList());
    assertThat(p.path("config").path("methods")).hasSize(2);
    assertThat(p.path("config").path("dataset").path("offset").asInt()).isEqualTo(OFFSET);
    assertThat(p.path("config").path("dataset").path("limit").asInt()).isEqualTo(N);
    assertThat(p.path("threads").path("intraOp").asInt()).isEqualTo(1);
    assertThat(p.path("jvm").path("version").asText()).isEqualTo(System.getProperty("java.version"));
    assertThat(p.path("djlVersion").asText()).isNotBlank();
    assertThat(p.path("libtorchVersion").asText()).isNotBlank();

    ExperimentLoader loader = new ExperimentLoader(PluginLoader.registry());
    assertThat(loader.validate(dir.resolve("resolved.yaml"))).isEmpty();
    assertThat(loader.load(dir.resolve("resolved.yaml")).resolved())
        .as("resolved.yaml describes the same experiment, defaults filled in")
        .isEqualTo(loader.load(yaml).resolved());
  }

  private static double value(String sample, String cell, String metric) {
    List<Double> v = rows.stream()
        .filter(r -> r.get(0).equals(sample) && r.get(1).equals(cell) && r.get(3).equals(metric))
        .map(r -> Double.parseDouble(r.get(4))).toList();
    assertThat(v).as("rows of (%s, %s, %s)", sample, cell, metric).hasSize(1);
    return v.get(0);
  }

  private static double number(String field) {
    return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
  }

  private static void assertClose(String what, double expected, double actual, double rel) {
    assertThat(IndependentStats.close(expected, actual, rel))
        .as("%s: expected %s, summary has %s", what, expected, actual).isTrue();
  }
}
