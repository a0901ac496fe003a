package org.igkit.metrics.voc;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.api.metric.MetricInput;
import org.igkit.api.metric.MetricValue;
import org.igkit.metrics.LinearTestModel;
import org.igkit.metrics.TestInputs;
import org.igkit.metrics.information.SicMetric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The information levels of SIC/AIC's bokeh images on a real photo (the VOC image of {@link
 * VocPhoto}; skipped where apt-get cannot fetch it): restoring more of the photo into its σ = 20
 * blur must raise both the PNG-size level and MS-SSIM, from the base to exactly 1 at the photo.
 */
class VocInformationLevelTest {

  private static VocPhoto voc;

  @BeforeEach
  void fetch() throws Exception {
    voc = VocPhoto.load();
  }

  private static MetricValue levels(String information, String codec) {
    var s = voc.shape();
    var model = LinearTestModel.sigmoid(s, TestInputs.uniform(1, s.size(), -1e-4, 1e-4));
    float[] map = TestInputs.uniform(2, s.size(), 0, 1); // a random ranking
    return new SicMetric(new SicMetric.Spec(null, null, information, codec, null, null, null, null, null))
        .evaluate(new MetricInput(model, voc.image(), TestInputs.attribution(s, model.score(voc.image()), map), null, 25));
  }

  @Test
  void compressedSizeRisesFromTheBlurToThePhoto() {
    for (String codec : new String[] {"png", "deflate"}) {
      double[] l = levels("compression", codec).curveX();
      assertThat(l[0]).isEqualTo(0.0);
      assertThat(l[24]).isEqualTo(1.0);
      for (int j = 1; j < 25; j++) {
        assertThat(l[j]).as("%s level %d", codec, j).isGreaterThanOrEqualTo(l[j - 1]);
      }
    }
  }

  @Test
  void msSsimRisesFromTheBlurToThePhoto() {
    double[] l = levels("ms-ssim", null).curveX();
    assertThat(l[0]).isBetween(0.0, 0.9);
    assertThat(l[24]).isEqualTo(1.0);
    for (int j = 1; j < 25; j++) {
      assertThat(l[j]).as("level %d", j).isGreaterThan(l[j - 1]);
    }
  }
}
