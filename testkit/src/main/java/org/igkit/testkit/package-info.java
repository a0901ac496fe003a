/**
 * igkit's test kit: analytic models whose Integrated Gradients are known in closed form, and
 * JUnit 5 contract interfaces that every plugin's test implements in a few lines.
 *
 * <p>Contracts ({@link org.igkit.testkit.StepRuleContract}, {@link org.igkit.testkit.PathContract},
 * {@link org.igkit.testkit.AggregatorContract}, {@link org.igkit.testkit.BaselineSamplerContract})
 * check the axioms of DESIGN.md's guarantee 3 — completeness, sensitivity, symmetry,
 * implementation invariance — and guarantee 2 (batching changes nothing) on the models of
 * {@link org.igkit.testkit.AnalyticModels}. A plugin declares what it claims (exact completeness,
 * symmetry, reproducing IG); declared claims must pass, and claims it does not make are checked
 * to be really absent, so the JUnit report reads as an axiom matrix.
 *
 * <p>The kit depends on framework-api only. It brings its own reference straight path, midpoint
 * rule, baseline samplers and equal-weights aggregator as test doubles, so that every module can
 * use the contracts without depending on another plugin module. {@link
 * org.igkit.testkit.BatchRoundingModel} wraps any model so that its gradients' last bits depend on
 * the batch, for tests of what must be the same bits whatever the batching.
 */
package org.igkit.testkit;
