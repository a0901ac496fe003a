package org.igkit.runner.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.api.metric.Metric;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.PluginConfig;
import org.igkit.runner.html.HtmlReport;
import org.igkit.runner.report.DatasetSummary;
import org.igkit.runner.report.Summary;
import org.igkit.runner.results.ResultsCsv;

/**
 * Builds {@code summary.md}, {@code summary.csv} and {@code report.html} of a run folder from its
 * results, and, when the experiment has data-set metrics (SIC, AIC), their values per cell from
 * the per-sample curves in {@code curves.csv} ({@code dataset-metrics.csv},
 * {@code dataset-curves.csv} and a table in {@code summary.md}).
 */
public final class Reports {

  private Reports() {}

  /**
   * Writes the summary of {@code dir}: every cell against the reference method's first cell, each
   * metric in the direction its plugin declares; data-set metrics aggregated per cell.
   */
  public static Summary write(Path dir, Experiment experiment, List<Cell> cells, PluginRegistry registry) throws IOException {
    Map<String, Boolean> higher = new LinkedHashMap<>();
    Map<String, DatasetMetric> datasetMetrics = new LinkedHashMap<>();
    for (PluginConfig c : experiment.metrics()) {
      Metric m = (Metric) c.create(registry);
      higher.put(c.id(), m.higherIsBetter());
      if (m instanceof DatasetMetric d) {
        datasetMetrics.put(c.id(), d);
      }
    }
    String reference =
        cells.stream().filter(c -> c.method().equals(experiment.reference())).findFirst().orElseThrow().id();
    Summary s = Summary.compute(dir.resolve(ResultsCsv.RESULTS_FILE), reference, higher);
    if (!datasetMetrics.isEmpty()) {
      s = s.withDatasetRows(DatasetSummary.compute(ResultsCsv.read(dir), s.referenceCell(), datasetMetrics));
    }
    s.write(dir);
    HtmlReport.write(dir, experiment.name(), s, experiment.report());
    return s;
  }
}
