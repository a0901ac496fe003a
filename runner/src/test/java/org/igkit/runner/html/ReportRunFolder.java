package org.igkit.runner.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;

/**
 * A run folder written by hand as the runner writes one: results with deletion curves and
 * diagnostics, report data (inputs, maps, targets) for some samples, optionally a failed sample.
 * Cell {@code GuidedIG} has an absolute completeness error near 1 (its flag), cell {@code random}
 * and every cell named {@code chance…} score like chance.
 */
final class ReportRunFolder {

  final List<String> cells;
  final List<String> sampleIds = new ArrayList<>();
  final List<ResultRow> rows = new ArrayList<>();

  private ReportRunFolder(List<String> cells) {
    this.cells = cells;
  }

  /**
   * Writes {@code samples} samples × {@code cells} into {@code dir}, report data for the first
   * {@code reported} samples at C×{@code size}×{@code size}; sample {@code failed} (if ≥ 0)
   * failed in the last cell.
   */
  static ReportRunFolder write(Path dir, List<String> cells, int samples, int reported, int size, int failed)
      throws IOException {
    ReportRunFolder f = new ReportRunFolder(cells);
    SplittableRandom rng = new SplittableRandom(5);
    double[] xs = {0, 0.25, 0.5, 0.75, 1};
    for (int s = 0; s < samples; s++) {
      String id = "img-" + s;
      f.sampleIds.add(id);
      for (int c = 0; c < cells.size(); c++) {
        String cell = cells.get(c);
        if (s == failed && c == cells.size() - 1) {
          f.rows.add(new ResultRow(id, cell, cell, ResultRow.ERROR_METRIC, Double.NaN));
          continue;
        }
        boolean random = cell.equals("random") || cell.startsWith("chance");
        double level = random ? 0.5 : 0.2 + 0.02 * c;
        double[] ys = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
          ys[k] = (1 - xs[k]) * (random ? 0.9 : 0.9 - level) + 0.05 * rng.nextDouble();
        }
        double auc = 0;
        for (int k = 1; k < xs.length; k++) {
          auc += (xs[k] - xs[k - 1]) * (ys[k] + ys[k - 1]) / 2;
        }
        f.rows.add(new ResultRow(id, cell, cell, "deletion-auc", auc, xs, ys));
        f.rows.add(new ResultRow(id, cell, cell, "diag.completeness-gap",
            cell.equals("GuidedIG") ? 0.95 + 0.05 * rng.nextDouble() : 0.001 * rng.nextDouble()));
        f.rows.add(new ResultRow(id, cell, cell, "diag.input-score", 0.9 + 0.01 * rng.nextDouble()));
        f.rows.add(new ResultRow(id, cell, cell, "diag.target", 3));
      }
    }
    try (ResultStore store = ResultStore.open(dir)) {
      Map<List<String>, List<ResultRow>> groups = new java.util.LinkedHashMap<>();
      f.rows.forEach(r -> groups.computeIfAbsent(List.of(r.sample(), r.cell()), k -> new ArrayList<>()).add(r));
      for (List<ResultRow> g : groups.values()) {
        store.append(g);
      }
    }
    if (failed >= 0) {
      Files.writeString(dir.resolve("errors.csv"), "sample,cell,kind,reason\n" + "img-" + failed + "," + cells.get(cells.size() - 1)
          + ",corrupt-image,img-" + failed + ".png: truncated PNG data\n", StandardCharsets.UTF_8);
    }
    for (int s = 0; s < reported; s++) {
      Path sd = Files.createDirectories(dir.resolve(HtmlReport.FOLDER).resolve(AttributionFiles.FOLDER)
          .resolve(AttributionFiles.fileName(f.sampleIds.get(s))));
      float[] x = new float[3 * size * size];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble();
      }
      Npy.write(sd.resolve("input.npy"), NpyArray.float32(x, 3, size, size));
      Files.writeString(sd.resolve("sample.txt"), f.sampleIds.get(s) + "\n", StandardCharsets.UTF_8);
      Files.writeString(sd.resolve("index.txt"), s + "\n", StandardCharsets.UTF_8);
      Files.writeString(sd.resolve("cells.txt"), String.join("\n", cells) + "\n", StandardCharsets.UTF_8);
      for (String c : cells) {
        float[] a = new float[x.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) (rng.nextDouble() - 0.4);
        }
        Npy.write(sd.resolve(AttributionFiles.fileName(c) + ".npy"), NpyArray.float32(a, 3, size, size));
        Files.writeString(sd.resolve(AttributionFiles.fileName(c) + ".target.txt"), "3 0.9375\n", StandardCharsets.UTF_8);
      }
    }
    return f;
  }

  Summary summary(String reference) {
    return Summary.compute(rows, reference, Map.of("deletion-auc", false));
  }
}
