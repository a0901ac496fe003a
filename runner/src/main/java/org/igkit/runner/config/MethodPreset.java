package org.igkit.runner.config;

import java.util.List;
import java.util.Map;

/**
 * A method's {@code preset:}: a path and step rule (with their settings and step count) that
 * reproduce a reference implementation, so that {@code steps: N} means N of that reference's
 * steps. The preset expands into ordinary plugin configurations: results equal the method written
 * out by hand.
 *
 * @param id           the YAML id
 * @param path         the path plugin's id
 * @param pathSettings its settings
 * @param stepRule     the step rule plugin's id (its {@code steps} come from the preset or the
 *                     method's {@code steps})
 * @param ruleSettings the step rule's other settings
 * @param steps        the reference's default step count
 * @param baselines    the baseline used when the method names none, or {@code null} for paths that
 *                     need none
 * @param reproduces   what the preset reproduces, for messages and the README
 */
record MethodPreset(
    String id,
    String path,
    Map<String, Object> pathSettings,
    String stepRule,
    Map<String, Object> ruleSettings,
    int steps,
    String baselines,
    String reproduces) {

  /** Every preset. */
  static final List<MethodPreset> ALL =
      List.of(
          new MethodPreset(
              "pair-blur-ig",
              "blur", Map.of("maxSigma", 50.0, "gradStep", 0.01, "schedule", "linear", "padding", "zero"),
              "riemann", Map.of("variant", "right"), 100, null,
              "PAIR saliency's Blur IG: sigma_max 50, grad_step 0.01, gradients at the sharper end of each of"
                  + " the 100 intervals"),
          new MethodPreset(
              "pair-guided-ig",
              "guided", Map.of("preset", "pair"),
              "path-differences", Map.of(), 200, "black",
              "PAIR saliency's Guided IG: fraction 0.25, max_dist 0.02, 200 steps, zero baseline"),
          new MethodPreset(
              "sig-guided-ig",
              "guided", Map.of("preset", "sig"),
              "path-differences", Map.of(), 199, "black",
              "the SIG repository's Guided IG: fraction 0.1, unbounded, its step targets and final jump,"
                  + " num_steps 200 (= steps 199), zero baseline"),
          new MethodPreset(
              "ma-gig-guided-ig",
              "guided", Map.of("preset", "ma-gig"),
              "path-differences", Map.of(), 199, "black",
              "MA-GIG's settings on the input-space path: fraction 0.1, max_dist 1, 200 points (= steps 199),"
                  + " zero baseline; they explain the softmax probability (model output: probability)"));

  /** Returns the preset {@code id}, or {@code null}. */
  static MethodPreset find(String id) {
    return ALL.stream().filter(p -> p.id.equals(id)).findFirst().orElse(null);
  }

  /** Returns the ids, comma-separated. */
  static String known() {
    return String.join(", ", ALL.stream().map(MethodPreset::id).toList());
  }

  /** Returns the step rule's settings with {@code n} steps. */
  Map<String, Object> ruleSettings(int n) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>(ruleSettings);
    m.put("steps", n);
    return m;
  }

  @Override
  public String toString() {
    return id + " (" + reproduces + ")";
  }
}
