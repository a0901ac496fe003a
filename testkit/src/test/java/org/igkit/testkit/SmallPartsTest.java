package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.igkit.api.engine.Attribution;
import org.igkit.api.model.Shape;
import org.igkit.api.step.StepResult;
import org.junit.jupiter.api.Test;

/** Simpson's rule, the comparison helpers, the linear and product models, and IG's engine route. */
class SmallPartsTest {

  @Test
  void simpsonIsExactForCubicsAndWantsEvenIntervals() {
    double[] r = SimpsonRule.integrate(2, 2, t -> new double[] {t * t * t, 1 - t});
    assertThat(r).containsExactly(new double[] {0.25, 0.5}, offset(1e-15));
    assertThatThrownBy(() -> SimpsonRule.integrate(1, 3, t -> new double[] {t}))
        .hasMessage("intervals: must be even and ≥ 2, was 3");
  }

  @Test
  void relativeMaxDifference() {
    assertThat(Attributions.relativeMaxDifference(new double[] {0, 0}, new double[] {0, 0})).isZero();
    assertThat(Attributions.relativeMaxDifference(new double[] {1, 2}, new double[] {1, 4})).isEqualTo(0.5);
    assertThat(Attributions.relativeMaxDifference(new double[] {Double.NaN}, new double[] {1})).isNaN();
    assertThatThrownBy(() -> Attributions.relativeMaxDifference(new double[1], new double[2]))
        .hasMessage("maps differ in size: 1 and 2");
  }

  @Test
  void linearModelDummiesAndImageSize() {
    LinearModel m = new LinearModel(Shape.of(1, 2, 2), 4).withDummyFeatures(1, 3);
    assertThat(m.dummyFeatures()).containsExactly(1, 3);
    assertThat(m.weights()[0]).isEqualTo((float) m.weights()[0]); // float-representable
    assertThat(LinearModel.imageSized(1).inputShape()).isEqualTo(Shape.of(3, 224, 224));
    assertThatThrownBy(() -> new LinearModel(Shape.of(1, 1, 2), new double[3], 0))
        .hasMessage("weights: has 3 values, expected 2 for shape 1×1×2");
  }

  /** The 3×224×224 linear model runs through the engine in small batches and matches its closed form. */
  @Test
  void imageSizedLinearThroughTheEngine() {
    AnalyticCase c = AnalyticModels.imageSizedLinear();
    Attribution a =
        IG.attribute(c.model(), new ReferenceStraightPath(), new ReferenceMidpointStepRule(8), c.input(),
            c.baseline(), 0, 3);
    assertThat(Attributions.relativeMaxDifference(a.values(), c.expectedAttribution()))
        .isLessThanOrEqualTo(Tolerances.CLOSED_FORM);
    assertThat(a.gradientPoints()).isEqualTo(8);
    assertThat(a.completenessGap()).isLessThanOrEqualTo(1e-5 * Math.abs(a.expectedSum()));
  }

  @Test
  void productModelNeedsTwoDifferentFeatures() {
    assertThatThrownBy(() -> new ProductModel(Shape.of(2, 1, 1), 1, 1))
        .hasMessage("features: must be two different indices in [0, 1], were 1 and 1");
    ProductModel m = new ProductModel(Shape.of(1, 2, 2), 3, 0);
    float[] x = {2, 9, 9, 3};
    float[] b = {1, 9, 9, 1};
    assertThat(m.integratedGradients(x, b, 0)).containsExactly(1 * (1 + 2 / 2.0), 0, 0, 2 * (1 + 1 / 2.0));
  }

  @Test
  void integratorAndEngineRoutesAgree() {
    AnalyticCase c = AnalyticModels.softmaxLinear();
    StepResult direct = IG.compute(c, new ReferenceStraightPath(), new ReferenceMidpointStepRule(20), 6);
    Attribution engine =
        IG.attribute(c.model(), new ReferenceStraightPath(), new ReferenceMidpointStepRule(20), c.input(),
            c.baseline(), c.target(), 6);
    assertThat(Attributions.relativeMaxDifference(engine.values(), direct.attribution())).isLessThan(1e-6);
    assertThat(engine.baselineNames()).containsExactly("given#0");
    assertThat(engine.weights()).containsExactly(1.0);
  }
}
