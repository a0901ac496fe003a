package org.igkit.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.step.AutoSteps;
import org.igkit.api.step.NestedSteps;
import org.igkit.api.step.StepRule;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.MethodConfig;
import org.igkit.runner.run.MethodFactory;
import org.igkit.runner.run.UnitComputation;

/**
 * What {@code validate} says about shared integration: which methods integrate the same baselines
 * along the same path with the same step rule (each sample's integrals computed once), and whether
 * each two-stage filter's cheap pass is a stage of its rule's integrals or a pass of its own, and
 * why.
 */
final class SharingNotes {

  private SharingNotes() {}

  /** Returns the notes for {@code experiment}'s methods, one line each, without a prefix. */
  static List<String> of(Experiment experiment, PluginRegistry registry) {
    List<String> notes = new ArrayList<>();
    Map<String, List<MethodConfig>> groups = new LinkedHashMap<>();
    for (MethodConfig m : experiment.methods()) {
      if (m.smoothing() == null) {
        groups.computeIfAbsent(MethodFactory.baselineKey(m) + "|" + UnitComputation.integralKey(m),
            k -> new ArrayList<>()).add(m);
      }
    }
    List<MethodConfig> shared = new ArrayList<>();
    for (List<MethodConfig> g : groups.values()) {
      if (g.size() > 1) {
        shared.addAll(g);
        notes.add(g.stream().map(MethodConfig::name).collect(Collectors.joining(", "))
            + " integrate the same baselines along the same path with the same step rule: each sample's integrals"
            + " are computed once and shared");
      }
    }
    for (MethodConfig m : experiment.methods()) {
      if (m.aggregator().spec() instanceof FilteredAggregator.Spec f && f.twoStage()) {
        notes.add(cheapPass(m, f.cheapSteps(), experiment.batchSize(), shared.contains(m), registry));
      }
    }
    return notes;
  }

  private static String cheapPass(MethodConfig m, int cheap, int batchSize, boolean grouped, PluginRegistry registry) {
    StepRule rule = m.stepRule().create(registry);
    String head = m.name() + "'s cheap pass (" + cheap + " steps of " + rule + ") ";
    if (rule instanceof AutoSteps) {
      return head + "is computed on its own: with steps: auto the full integral's count is chosen per baseline";
    }
    int[] stages = NestedSteps.stages(rule);
    if (stages == null) {
      return head + "is computed on its own: " + rule + " does not nest (its nodes at n steps are not among those"
          + " at 2n); a riemann rule with variant left, right or trapezoid does";
    }
    String chain = Arrays.stream(stages).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    if (Arrays.stream(stages).noneMatch(c -> c == cheap)) {
      return head + "is computed on its own: " + cheap + " is not among the rule's stages (" + chain + ")";
    }
    if (!"straight".equals(m.path().type())) {
      // a path plugin is not built here (some load models); the engine asks it
      return head + "is a stage of the full integrals only if the path '" + m.path().type() + "' is pointwise (its"
          + " point at α depends on α alone, as the straight line's); otherwise it is computed on its own";
    }
    int nodes = rule.schedule().size();
    if (nodes < batchSize) {
      return head + "is computed on its own: the rule's " + nodes + " nodes are fewer than batchSize " + batchSize
          + ", so a batch holds several baselines and the engine integrates in one pass";
    }
    return head + "is a stage of the full integrals (stages " + chain + "): its survivors add only the finer nodes"
        + (grouped ? ", and the other methods' integrals of the same baselines contain it" : "");
  }
}
