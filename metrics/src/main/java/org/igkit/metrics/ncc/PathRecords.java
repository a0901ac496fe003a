package org.igkit.metrics.ncc;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.PathRecord;
import org.igkit.metrics.MetricException;

/**
 * The path records of an attribution that carry weight, checked: one record per baseline with a
 * weight w_k &gt; 0, and weighted sums Σ_k w_k q_k over them. Baselines of weight 0 (dropped by a
 * filtering aggregator) do not count.
 */
final class PathRecords {

  private final Attribution attribution;
  private final List<PathRecord> records;

  private PathRecords(Attribution attribution, List<PathRecord> records) {
    this.attribution = attribution;
    this.records = records;
  }

  /**
   * Returns the weighted records of {@code a}.
   *
   * @throws MetricException naming {@code metric} when the attribution has no path records or
   *                         lacks the record of a baseline with a positive weight
   */
  static PathRecords of(String metric, Attribution a) {
    if (a.paths().isEmpty()) {
      throw new MetricException(
          metric + ": needs the path scores the attribution engine records while integrating, but this "
              + "attribution has none (it was not computed by AttributionEngine)");
    }
    double[] w = a.weights();
    List<PathRecord> weighted = new java.util.ArrayList<>();
    for (int k = 0; k < w.length; k++) {
      if (!(w[k] > 0)) {
        continue;
      }
      PathRecord found = null;
      for (PathRecord r : a.paths()) {
        if (r.baseline() == k) {
          found = r;
        }
      }
      if (found == null) {
        throw new MetricException(
            metric + ": baseline " + k + " has weight " + w[k] + " but no path record; recorded baselines: "
                + a.paths().stream().map(PathRecord::baseline).toList());
      }
      weighted.add(found);
    }
    return new PathRecords(a, weighted);
  }

  /** Returns the records with a positive weight, in baseline order. */
  List<PathRecord> records() {
    return records;
  }

  /** Returns w_k of {@code r}. */
  double weight(PathRecord r) {
    return attribution.weights()[r.baseline()];
  }

  /** Returns Σ_k w_k q(record_k) over the records with a positive weight. */
  double sum(ToDoubleFunction<PathRecord> q) {
    double s = 0;
    for (PathRecord r : records) {
      s += weight(r) * q.applyAsDouble(r);
    }
    return s;
  }

  /** Returns a/b, with 0/0 := 1 (no variation at all cancels nothing) and NaN for a nonzero a over 0. */
  static double ratio(double a, double b) {
    if (b == 0) {
      return a == 0 ? 1 : Double.NaN;
    }
    return a / b;
  }
}
