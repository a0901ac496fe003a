package org.igkit.api.metric;

import java.util.List;

/**
 * A metric whose number belongs to a whole data set rather than to one input: the Softmax and
 * Accuracy Information Curves of XRAI (Kapishnikov et al., ICCV 2019), as the IDGI paper (Yang et
 * al., CVPR 2023, §4.4–4.5) reports them, take a median or a mean over samples at every point of
 * a shared axis and then an area, which no mean of per-sample numbers reproduces.
 *
 * <p>Evaluation has two stages. {@link #evaluate} runs once per (input, attribution) as for any
 * {@link Metric} and returns that sample's curve (kept in the results, so nothing needs to be
 * recomputed) and a per-sample number (its own curve area); {@link #aggregate} then combines the
 * per-sample values of one method into the data-set value. Reports print both: the per-sample
 * numbers with the other metrics (mean ± std, paired tests), the aggregate in a table of its own.
 *
 * <p>Laws: {@link #aggregate} is a function of the list's curves and values only — values read
 * back from {@code results.csv}/{@code curves.csv} give the same aggregate as the in-memory ones;
 * it does not depend on the order of the list beyond float rounding; a per-sample value whose
 * {@link MetricValue#value()} is NaN (a sample the metric cannot score, e.g. an image whose
 * blurred version compresses no smaller than itself) is left out and not counted in
 * {@link DatasetValue#n()}.
 */
public interface DatasetMetric extends Metric {

  /**
   * Combines the per-sample values of one method over a data set.
   *
   * @param perSample what {@link #evaluate} returned for each sample, in any order
   * @return the data-set value, the number of samples it used and its aggregated curve
   * @throws IllegalArgumentException when a per-sample value lacks the curve this metric needs
   */
  DatasetValue aggregate(List<MetricValue> perSample);
}
