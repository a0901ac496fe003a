package org.igkit.runner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code saveAttributions} writes beside each (sample, cell)'s map when it is on. The
 * boolean form {@code saveAttributions: true} writes everything ({@link #ALL}); the mapping form
 * {@code saveAttributions: {baselines: false, curves: true}} turns saving on and chooses the
 * optional files (an omitted key is {@code true}).
 *
 * <p>Always written: {@code <cell>.npy} (the map), {@code <cell>.weights.npy} and, for aggregators
 * that score baselines, {@code <cell>.fitness.npy}.
 *
 * @param baselines write {@code <cell>.baselines.npy}: every baseline's own map A_k (n×C×H×W)
 * @param curves    write {@code <cell>.dalpha.csv}: the deletion curve behind each baseline's
 *                  fitness (WG's D_α search: {@code baseline,k,score,chosen})
 */
public record SaveAttributions(boolean baselines, boolean curves) {

  /** Every optional file. */
  public static final SaveAttributions ALL = new SaveAttributions(true, true);

  /** The keys of the mapping form. */
  public static final List<String> KEYS = List.of("baselines", "curves");

  /** Returns the mapping form, for the resolved configuration. */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baselines", baselines);
    m.put("curves", curves);
    return java.util.Collections.unmodifiableMap(m);
  }
}
