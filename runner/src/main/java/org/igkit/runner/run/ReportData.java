package org.igkit.runner.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;
import org.igkit.runner.config.Cell;
import org.igkit.runner.html.HtmlReport;
import org.igkit.runner.results.AtomicFiles;
import org.igkit.runner.results.AttributionFiles;
import org.igkit.runner.results.DoubleText;
import org.igkit.runner.results.NoLinks;

/**
 * Saves what the HTML report shows for the report's samples ({@link RunPlan#reportSamples()}),
 * whatever {@code saveAttributions} says: under {@code report/attributions/<sample>/} the input
 * ({@code input.npy}), its id ({@code sample.txt}), its position in the selection
 * ({@code index.txt}), the cell list, and per cell the map, weights, fitness, baseline names and
 * the explained class with its score ({@code <cell>.target.txt}: {@code class score}, the score
 * in shortest round-trip form).
 */
final class ReportData {

  private ReportData() {}

  static void write(Path output, Sample sample, int index, List<Cell> cells, String cellId, Attribution a)
      throws IOException {
    Path base = output.resolve(HtmlReport.FOLDER);
    Path dir = NoLinks.folders(output, AttributionFiles.mapFile(base, sample.id(), cellId).getParent());
    Shape s = a.shape();
    AtomicFiles.write(dir.resolve("input.npy"),
        Npy.encode(NpyArray.float32(sample.image(), s.channels(), s.height(), s.width())));
    AtomicFiles.write(dir.resolve("sample.txt"), (sample.id() + "\n").getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve("index.txt"), (index + "\n").getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(AttributionFiles.fileName(cellId) + ".target.txt"),
        (a.target() + " " + DoubleText.format(a.inputScore()) + "\n").getBytes(StandardCharsets.UTF_8));
    StringBuilder list = new StringBuilder();
    cells.forEach(c -> list.append(c.id()).append('\n'));
    AtomicFiles.write(dir.resolve("cells.txt"), list.toString().getBytes(StandardCharsets.UTF_8));
    AttributionFiles.write(base, sample.id(), cellId, a);
    AtomicFiles.write(
        dir.resolve(AttributionFiles.fileName(cellId) + ".baselines.txt"),
        (String.join("\n", a.baselineNames()) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
