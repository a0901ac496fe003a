package org.igkit.runner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The experiment's {@code report:} settings; none of them changes a result, so they are not part of
 * a run's fingerprint.
 *
 * @param samples               sample ids whose heat maps the report shows, in this order; empty:
 *                              the first {@code maxSamples} selected samples
 * @param maxSamples            how many samples the heat-map grid shows when {@code samples} is
 *                              empty (default {@value #DEFAULT_MAX_SAMPLES})
 * @param sign                  how heat maps show signed attributions: {@code diverging} (default:
 *                              positive red, negative blue), {@code positive} (only positive
 *                              evidence) or {@code absolute} (|A|)
 * @param completenessThreshold a method is flagged when its mean absolute completeness error
 *                              exceeds this fraction of its mean explained score f_c(x) (default
 *                              {@value #DEFAULT_COMPLETENESS_THRESHOLD})
 */
public record ReportOptions(List<String> samples, int maxSamples, String sign, double completenessThreshold) {

  /** The default number of samples in the heat-map grid. */
  public static final int DEFAULT_MAX_SAMPLES = 8;

  /** The most samples a report may show (each costs one image per cell). */
  public static final int MAX_SAMPLES = 1000;

  /** The default completeness flag threshold. */
  public static final double DEFAULT_COMPLETENESS_THRESHOLD = 0.1;

  /** The sign modes. */
  public static final List<String> SIGNS = List.of("diverging", "positive", "absolute");

  /** Every setting at its default. */
  public static final ReportOptions DEFAULTS = new ReportOptions(null, null, null, null);

  /** Fills defaults and validates. */
  public ReportOptions(List<String> samples, Integer maxSamples, String sign, Double completenessThreshold) {
    this(samples == null ? List.of() : List.copyOf(samples),
        maxSamples == null ? DEFAULT_MAX_SAMPLES : maxSamples,
        sign == null ? SIGNS.get(0) : sign.toLowerCase(Locale.ROOT),
        completenessThreshold == null ? DEFAULT_COMPLETENESS_THRESHOLD : completenessThreshold);
  }

  /** Validates. */
  public ReportOptions {
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    if (maxSamples < 0 || maxSamples > MAX_SAMPLES) {
      throw new IllegalArgumentException("report.maxSamples: must be between 0 and " + MAX_SAMPLES + ", was " + maxSamples);
    }
    if (samples.size() > MAX_SAMPLES) {
      throw new IllegalArgumentException("report.samples: at most " + MAX_SAMPLES + " samples, was " + samples.size());
    }
    if (!SIGNS.contains(sign)) {
      throw new IllegalArgumentException("report.sign: must be one of " + SIGNS + ", was '" + sign + "'");
    }
    if (!(completenessThreshold >= 0) || Double.isInfinite(completenessThreshold)) {
      throw new IllegalArgumentException("report.completenessThreshold: must be a finite number ≥ 0, was " + completenessThreshold);
    }
  }

  /** Returns the settings as YAML would write them. */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", samples);
    m.put("maxSamples", maxSamples);
    m.put("sign", sign);
    m.put("completenessThreshold", completenessThreshold);
    return m;
  }
}
