package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.igkit.api.engine.Attribution;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved attributions: readable names, one file per (sample, cell), weights beside the map. */
class AttributionFilesTest {

  @TempDir Path tmp;

  @Test
  void idsBecomeSafeDistinctFileNames() {
    assertThat(AttributionFiles.fileName("WG[stepRule.steps=16]"))
        .isEqualTo("WG[stepRule.steps=16]");
    assertThat(AttributionFiles.fileName("n01440764/ILSVRC2012_val_00000293.JPEG"))
        .isEqualTo("n01440764%2FILSVRC2012_val_00000293.JPEG");
    assertThat(AttributionFiles.fileName("..")).isEqualTo("%2E.");
    assertThat(AttributionFiles.fileName("100%")).isEqualTo("100%25");
    assertThat(AttributionFiles.fileName("a b:é")).isEqualTo("a%20b%3A%C3%A9");
    assertThat(AttributionFiles.fileName("a/b")).isNotEqualTo(AttributionFiles.fileName("a%2Fb"));
  }

  @Test
  void idsOfAnyLengthAndScriptBecomeShortStableDistinctNames() throws IOException {
    String cjk = "猫".repeat(10) + "犬".repeat(10) + "鳥".repeat(6) + ".png"; // 30 chars, 82 bytes
    String cjk2 = "猫".repeat(10) + "犬".repeat(10) + "鳥".repeat(5) + "魚.png";
    String longAscii = "a".repeat(150) + "/" + "b".repeat(145) + ".png"; // 300 chars
    for (String id : List.of(cjk, cjk2, longAscii, "x".repeat(1000))) {
      String name = AttributionFiles.fileName(id);
      assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .as(id).isLessThanOrEqualTo(AttributionFiles.MAX_NAME);
      assertThat(name).matches("[A-Za-z0-9%_.=,+\\[\\]()@~-]+");
      assertThat(AttributionFiles.fileName(id)).as("stable").isEqualTo(name);
      // the longest file written beside it, as a temporary file, fits a 255-byte name
      Path file = AttributionFiles.fitnessFile(tmp, id, id);
      AtomicFiles.write(file, new byte[] {1});
      assertThat(file).exists();
    }
    assertThat(AttributionFiles.fileName(cjk)).isNotEqualTo(AttributionFiles.fileName(cjk2));
    assertThat(AttributionFiles.fileName(cjk)).startsWith("%E7%8C%AB").contains("~");
    assertThat(AttributionFiles.fileName("x".repeat(120))).isEqualTo("x".repeat(120));
    assertThat(AttributionFiles.fileName("x".repeat(121))).startsWith("x".repeat(64) + "~");
  }

  @Test
  void writesTheMapWeightsAndFitness() throws IOException {
    Shape shape = Shape.of(1, 2, 2);
    Attribution a = new Attribution(shape, new float[] {1, -2, 3, 0.5f}, 7, 0.9,
        List.of("black", "white"), new double[] {0.1, 0.2}, new double[] {0.25, 0.75},
        new double[] {3.0, 1.0}, 0, 10, 2, Map.of());
    List<Path> files = AttributionFiles.write(tmp, "img/1", "WG[alpha=0.5]", a);
    Path folder = tmp.resolve("attributions").resolve("img%2F1");
    assertThat(files).containsExactly(folder.resolve("WG[alpha=0.5].npy"),
        folder.resolve("WG[alpha=0.5].weights.npy"), folder.resolve("WG[alpha=0.5].fitness.npy"));
    NpyArray map = Npy.read(files.get(0));
    assertThat(map.shape()).containsExactly(1, 2, 2);
    assertThat(map.floats()).containsExactly(1, -2, 3, 0.5f);
    assertThat(Npy.read(files.get(1)).values()).containsExactly(0.25, 0.75);
    assertThat(Npy.read(files.get(2)).values()).containsExactly(3.0, 1.0);
  }

  @Test
  void perBaselineMapsAreStackedInBaselineOrder() throws IOException {
    Shape shape = Shape.of(1, 1, 2);
    Attribution a = new Attribution(shape, new float[] {1, 2}, 0, 0.9, List.of("black", "white"),
        new double[] {0.1, 0.2}, new double[] {0.5, 0.5}, null, 0, 4, 3, Map.of(), List.of(),
        List.of(new float[] {0.5f, 1.5f}, new float[] {1.5f, 2.5f}));
    List<Path> files = AttributionFiles.write(tmp, "s", "EG", a);
    assertThat(files).endsWith(AttributionFiles.baselinesFile(tmp, "s", "EG"));
    NpyArray maps = Npy.read(files.get(files.size() - 1));
    assertThat(maps.shape()).containsExactly(2, 1, 1, 2);
    assertThat(maps.floats()).containsExactly(0.5f, 1.5f, 1.5f, 2.5f);
    // one baseline without its own map (never integrated): no file
    Attribution partial = new Attribution(shape, new float[] {1, 2}, 0, 0.9, List.of("black", "white"),
        new double[] {0.1, 0.2}, new double[] {1, 0}, null, 0, 4, 3, Map.of(), List.of(),
        java.util.Arrays.asList(new float[] {0.5f, 1.5f}, null));
    assertThat(AttributionFiles.write(tmp, "s", "F", partial))
        .doesNotContain(AttributionFiles.baselinesFile(tmp, "s", "F"));
    assertThat(partial.baselineMap(1)).isNull();
  }

  @Test
  void deletionCurvesAreACsvBesideTheMapWithTheChosenSizeMarked() throws IOException {
    Shape shape = Shape.of(1, 2, 2);
    List<org.igkit.api.aggregate.FitnessCurve> curves = List.of(
        // scored up to its crossing at 2
        new org.igkit.api.aggregate.FitnessCurve(0, new int[] {0, 1, 2}, new float[] {0.8f, 0.5f, 0.25f}, 0.4, 2),
        // reached at the input itself: D = 1, never scored
        new org.igkit.api.aggregate.FitnessCurve(1, new int[] {0}, new float[] {0.8f}, 0.9, 1),
        // a fast search that skipped sizes and chose one it scored
        new org.igkit.api.aggregate.FitnessCurve(2, new int[] {0, 2, 3}, new float[] {0.8f, 0.7f, 0.1f}, 0.4, 3));
    Attribution a = new Attribution(shape, new float[] {1, -2, 3, 0.5f}, 7, 0.8, List.of("a", "b", "c"),
        new double[] {0.1, 0.2, 0.3}, new double[] {0.3, 0.4, 0.3}, new double[] {2, 1, 3}, 0, 10, 2, Map.of(),
        List.of(), List.of(new float[4], new float[4], new float[4]), curves);
    List<Path> files = AttributionFiles.write(tmp, "s", "WG", a);
    Path csv = AttributionFiles.curvesFile(tmp, "s", "WG");
    assertThat(files).contains(csv, AttributionFiles.baselinesFile(tmp, "s", "WG"));
    assertThat(csv.getFileName().toString()).isEqualTo("WG.dalpha.csv");
    List<Csv.Record> records = Csv.parse(csv.toString(), java.nio.file.Files.readString(csv));
    assertThat(records.get(0).fields()).containsExactly("baseline", "k", "score", "chosen");
    List<String> lines = records.subList(1, records.size()).stream().map(r -> String.join(",", r.fields())).toList();
    assertThat(lines).containsExactly(
        "0,0," + DoubleText.format(0.8f) + ",0", "0,1,0.5,0", "0,2,0.25,1",
        "1,0," + DoubleText.format(0.8f) + ",0", "1,1,,1",
        "2,0," + DoubleText.format(0.8f) + ",0", "2,2," + DoubleText.format(0.7f) + ",0",
        "2,3," + DoubleText.format(0.1f) + ",1");
    for (Csv.Record r : records.subList(1, records.size())) {
      if (!r.fields().get(2).isEmpty()) {
        int b = Integer.parseInt(r.fields().get(0));
        int k = Integer.parseInt(r.fields().get(1));
        assertThat((float) DoubleText.parse(r.fields().get(2))).isEqualTo((float) curves.get(b).scoreAt(k));
      }
    }
    // the optional files can be left out
    List<Path> fewer = AttributionFiles.write(tmp, "t", "WG", a, false, false);
    assertThat(fewer).containsExactly(AttributionFiles.mapFile(tmp, "t", "WG"), AttributionFiles.weightsFile(tmp, "t", "WG"),
        AttributionFiles.fitnessFile(tmp, "t", "WG"));
  }

  @Test
  void diagnosticsAreRowsInAFixedOrder() {
    Attribution a = new Attribution(Shape.of(1, 1, 2), new float[] {0.5f, 0.25f}, 3, 1.0,
        List.of("black"), new double[] {0.2}, new double[] {1.0}, null, 4, 10, 2,
        Map.of("zeta", 2.0, "alpha", 1.0));
    List<ResultRow> rows = AttributionDiagnostics.rows("s", "c", "m", a);
    assertThat(rows).extracting(ResultRow::metric).containsExactly(
        "diag.completeness-gap", "diag.input-score", "diag.target", "diag.skipped-steps",
        "diag.gradient-points", "diag.forward-points", "diag.alpha", "diag.zeta");
    assertThat(rows.get(0).value()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rows).allMatch(ResultRow::isDiagnostic);
  }
}
