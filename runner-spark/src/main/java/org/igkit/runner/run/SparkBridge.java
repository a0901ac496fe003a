package org.igkit.runner.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.Attribution;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.model.ModelSpec;

/**
 * Gives the Spark runner ({@code org.igkit.spark}) the package-private pieces of the local runner
 * it must share to write the same files: the provenance writer and the report data (the
 * per-(sample, cell) computation is the public {@link UnitComputation}). It lives in the runner's package but in the runner-spark module (a split package on the
 * class path, same jar and class loader in the application jar), so the local runner needs no
 * change.
 */
public final class SparkBridge {

  private SparkBridge() {}

  /** How many leading selected samples the HTML report shows ({@code ReportData.SAMPLES}). */
  public static int reportSamples() {
    return ReportData.SAMPLES;
  }

  /** {@code Provenances.write}: {@code resolved.yaml} and {@code provenance.json}. */
  public static void writeProvenance(Path output, Experiment experiment, List<Cell> cells, Dataset dataset,
      String[] sampleIds, ModelSpec model) {
    Provenances.write(output, experiment, cells, dataset, sampleIds, model);
  }

  /** {@code Provenances.yaml}: a configuration map as the YAML {@code resolved.yaml} holds. */
  public static String yaml(Map<String, Object> config) throws IOException {
    return Provenances.yaml(config);
  }

  /** {@code ReportData.write}: what the HTML report shows for one of its samples. */
  public static void writeReportData(Path output, Sample sample, List<Cell> cells, String cellId, Attribution a)
      throws IOException {
    ReportData.write(output, sample, cells, cellId, a);
  }
}
