package org.igkit.runner.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.metric.DatasetMetric;
import org.igkit.api.metric.DatasetValue;
import org.igkit.api.metric.MetricValue;
import org.igkit.runner.results.ResultRow;

/**
 * Computes the data-set metrics of a results folder: for every cell and every metric that is a
 * {@link DatasetMetric}, the per-sample rows (values from {@code results.csv}, curves from
 * {@code curves.csv}) are handed to {@link DatasetMetric#aggregate}. Cells and metrics keep their
 * order of first appearance; the best value per metric is marked (all cells when tied), and each
 * cell is compared with the reference cell as {@link Summary} does for per-sample metrics.
 */
public final class DatasetSummary {

  private DatasetSummary() {}

  /**
   * Aggregates {@code results} (rows with their curves, e.g. from
   * {@link org.igkit.runner.results.ResultsCsv#read}).
   *
   * @param results   the committed rows of a run, with curves
   * @param reference the reference cell (as {@link Summary#referenceCell()})
   * @param metrics   the data-set metrics by id; rows of other metrics are ignored
   */
  public static List<DatasetRow> compute(List<ResultRow> results, String reference, Map<String, DatasetMetric> metrics) {
    Map<String, String> methodOf = new LinkedHashMap<>();
    // cell → metric → per-sample values
    Map<String, Map<String, List<MetricValue>>> values = new LinkedHashMap<>();
    for (ResultRow r : results) {
      methodOf.putIfAbsent(r.cell(), r.method());
      if (!metrics.containsKey(r.metric())) {
        continue;
      }
      values.computeIfAbsent(r.cell(), c -> new LinkedHashMap<>())
          .computeIfAbsent(r.metric(), m -> new ArrayList<>())
          .add(new MetricValue(r.value(), r.curveX(), r.curveY()));
    }
    Map<String, Map<String, DatasetValue>> aggregates = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, List<MetricValue>>> cell : values.entrySet()) {
      for (Map.Entry<String, List<MetricValue>> m : cell.getValue().entrySet()) {
        DatasetValue v;
        try {
          v = metrics.get(m.getKey()).aggregate(m.getValue());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cell " + cell.getKey() + ", metric " + m.getKey() + ": cannot aggregate: " + e.getMessage(), e);
        }
        aggregates.computeIfAbsent(cell.getKey(), c -> new LinkedHashMap<>()).put(m.getKey(), v);
      }
    }
    Map<String, Double> best = new LinkedHashMap<>();
    aggregates.values().forEach(byMetric -> byMetric.forEach((metric, v) -> {
      if (Double.isFinite(v.value())) {
        boolean higher = metrics.get(metric).higherIsBetter();
        best.merge(metric, v.value(), (a, b) -> higher ? Math.max(a, b) : Math.min(a, b));
      }
    }));
    List<DatasetRow> rows = new ArrayList<>();
    Map<String, DatasetValue> ref = aggregates.getOrDefault(reference, Map.of());
    for (Map.Entry<String, Map<String, DatasetValue>> cell : aggregates.entrySet()) {
      for (Map.Entry<String, DatasetValue> e : cell.getValue().entrySet()) {
        String metric = e.getKey();
        DatasetValue v = e.getValue();
        boolean higher = metrics.get(metric).higherIsBetter();
        double rel = Double.NaN;
        DatasetValue r = ref.get(metric);
        if (cell.getKey().equals(reference)) {
          rel = Double.isFinite(v.value()) ? 0.0 : Double.NaN;
        } else if (r != null && r.value() != 0 && Double.isFinite(r.value())) {
          rel = (v.value() - r.value()) / Math.abs(r.value());
          rel = higher ? rel : -rel;
        }
        Double b = best.get(metric);
        rows.add(new DatasetRow(cell.getKey(), methodOf.get(cell.getKey()), metric,
            SummaryRow.Direction.of(higher), v.n(), v.value(), rel, v.curveX(), v.curveY(),
            b != null && v.value() == b));
      }
    }
    return rows;
  }
}
