package org.igkit.metrics.localisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Shape;
import org.igkit.metrics.MetricException;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

/** ROC-AUC, best F1 and MAE of a 4×4 map against a 2×2 object, worked out by hand. */
class LocalizationMetricTest {

  private static final Shape S44 = Shape.of(1, 4, 4);

  /**
   * Positives (top-left 2×2, positions 0, 1, 4, 5) score 4, 3, 3, 2; the twelve negatives score
   * one 2, two 1s and nine 0s.
   */
  private static final float[] MAP = {
    4, 3, 0, 1,
    3, 2, 0, 0,
    1, 0, 0, 0,
    0, 0, 0, 2
  };

  private static float[] mask(int... positions) {
    float[] m = new float[16];
    for (int p : positions) {
      m[p] = 1;
    }
    return m;
  }

  private static double value(String id, String groundTruth, String ranking, Shape s, float[] map, float[] mask) {
    LocalizationMetric.Spec spec = new LocalizationMetric.Spec(groundTruth, ranking);
    LocalizationMetric.Measure measure = switch (id) {
      case "localization" -> LocalizationMetric.Measure.ROC_AUC;
      case "localization-f1" -> LocalizationMetric.Measure.F1;
      default -> LocalizationMetric.Measure.MAE;
    };
    return new LocalizationMetric(spec, measure)
        .evaluate(new MetricInput(null, null, TestInputs.attribution(s, 0, map), mask, 1)).value();
  }

  @Test
  void rocAucCountsPairsWithTiesAsHalf() {
    // s+ = 4: beats 12; s+ = 3 (twice): beats 12 each; s+ = 2: beats 11, ties 1 → 47.5 of 48 pairs
    assertThat(value("localization", null, null, S44, MAP, mask(0, 1, 4, 5))).isEqualTo(47.5 / 48);
  }

  @Test
  void bestF1OverThresholds() {
    // t = 4: 2·1/(1 + 0 + 4) = 0.4; t = 3: 6/7; t = 2: TP 4, FP 1 → 8/9; t = 1: 8/11; t = 0: 0.4
    assertThat(value("localization-f1", null, null, S44, MAP, mask(0, 1, 4, 5))).isCloseTo(8.0 / 9, within(1e-15));
  }

  @Test
  void maeOfTheMinMaxNormalisedMap() {
    // ŝ = s/4. Positives: 0 + 0.25 + 0.25 + 0.5; negatives: 0.5 + 0.25 + 0.25 → 2/16
    assertThat(value("localization-mae", null, null, S44, MAP, mask(0, 1, 4, 5))).isEqualTo(0.125);
    // a constant map normalises to 0: the MAE is the positives' share
    float[] flat = new float[16];
    Arrays.fill(flat, 3);
    assertThat(value("localization-mae", null, null, S44, flat, mask(0, 1, 4, 5))).isEqualTo(0.25);
  }

  @Test
  void boxGroundTruthFillsTheTightestBox() {
    // mask {0, 5}: its box is rows 0–1, columns 0–1 = {0, 1, 4, 5}
    assertThat(value("localization", "box", null, S44, MAP, mask(0, 5))).isEqualTo(47.5 / 48);
    // as a mask: positives 4 and 2 against 14 negatives (3, 3, 2, 1, 1, nine 0s): 14 + 11.5 of 28
    assertThat(value("localization", "mask", null, S44, MAP, mask(0, 5))).isEqualTo(25.5 / 28);
  }

  @Test
  void channelsAreSummedOfAbsoluteValuesByDefaultOrSigned() {
    // 2×1×4: channel 0 = 3, −2, 0, 0; channel 1 = −3, 1, 0, 0 → Σ|A| = 6, 3, 0, 0; Σ A = 0, −1, 0, 0
    Shape s = Shape.of(2, 1, 4);
    float[] map = {3, -2, 0, 0, -3, 1, 0, 0};
    float[] object = {1, 0, 0, 0};
    assertThat(value("localization", null, null, s, map, object)).isEqualTo(1.0);
    // signed: position 0 (0) beats −1 and ties two 0s: (1 + 0.5 + 0.5)/3
    assertThat(value("localization", null, "signed", s, map, object)).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void perfectAndInvertedMaps() {
    float[] object = mask(0, 1, 4, 5);
    float[] inverse = new float[16];
    for (int p = 0; p < 16; p++) {
      inverse[p] = 1 - object[p];
    }
    assertThat(value("localization", null, null, S44, object, object)).isEqualTo(1.0);
    assertThat(value("localization-f1", null, null, S44, object, object)).isEqualTo(1.0);
    assertThat(value("localization-mae", null, null, S44, object, object)).isEqualTo(0.0);
    assertThat(value("localization", null, null, S44, inverse, object)).isEqualTo(0.0);
    assertThat(value("localization-mae", null, null, S44, inverse, object)).isEqualTo(1.0);
  }

  @Test
  void errorsAndDirections() {
    float[] all = new float[16];
    Arrays.fill(all, 1);
    assertThatThrownBy(() -> value("localization", null, null, S44, MAP, all))
        .isInstanceOf(MetricException.class)
        .hasMessage("localization: the ground truth (mask) covers every pixel, so there are no negatives and ROC-AUC is undefined");
    assertThatThrownBy(() -> value("localization-f1", null, null, S44, MAP, null))
        .hasMessageStartingWith("localization-f1: needs a ground-truth H×W object mask");
    assertThatThrownBy(() -> value("localization-mae", null, null, S44, MAP, new float[16]))
        .hasMessage("localization-mae: the mask is empty (no value > 0.5), so localisation is undefined");
    assertThatThrownBy(() -> value("localization", null, null, S44, MAP, new float[9]))
        .hasMessage("localization: the mask has 9 values, expected H×W = 4×4 = 16");
    assertThatThrownBy(() -> new LocalizationMetric.Spec("bbox", null))
        .hasMessageContaining("groundTruth: must be one of [mask, box], was 'bbox'");
    assertThat(LocalizationMetric.Spec.defaults()).isEqualTo(new LocalizationMetric.Spec("mask", "absolute"));
    assertThat(LocalizationMetric.TYPE.createDefault().higherIsBetter()).isTrue();
    assertThat(LocalizationMetric.F1_TYPE.createDefault().higherIsBetter()).isTrue();
    assertThat(LocalizationMetric.MAE_TYPE.createDefault().higherIsBetter()).isFalse();
  }

  @Test
  void rocAucMatchesPairCountingOnRandomScoresWithTies() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    double[] score = new double[300];
    boolean[] positive = new boolean[300];
    for (int i = 0; i < score.length; i++) {
      score[i] = r.nextInt(10); // many ties
      positive[i] = r.nextDouble() < 0.3;
    }
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < score.length; i++) {
      for (int j = 0; j < score.length; j++) {
        if (positive[i] && !positive[j]) {
          pairs++;
          wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(LocalizationMeasures.rocAuc(score, positive)).isCloseTo(wins / pairs, within(1e-12));
  }
}
