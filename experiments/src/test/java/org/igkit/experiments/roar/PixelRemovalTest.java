package org.igkit.experiments.roar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

/** The removal step on hand-built maps: which pixels go, the fill value, ties, counts, bad input. */
class PixelRemovalTest {

  /** 2 channels, 2×3 pixels. */
  private static final Shape SHAPE = new Shape(2, 2, 3);

  private static final float[] ATTRIBUTION = {
      1, -2, 0.5f, 0, 3, -1, // channel 0
      1, 0, -0.5f, 2, 0, 1}; // channel 1: per-pixel Σ|A| = 2, 2, 1, 2, 3, 2

  private static final float[] IMAGE = {
      0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,
      0.7f, 0.8f, 0.9f, 1.0f, 0.0f, 0.2f};

  @Test
  void saliencySumsAbsoluteValuesOverChannels() {
    assertThat(PixelRemoval.saliency(ATTRIBUTION, SHAPE)).containsExactly(2, 2, 1, 2, 3, 2);
  }

  @Test
  void tiesGoInIncreasingPixelOrder() {
    // 3 first; the four pixels of saliency 2 by index; 1 last
    assertThat(PixelRemoval.ranking(new double[] {2, 2, 1, 2, 3, 2})).containsExactly(4, 0, 1, 3, 5, 2);
  }

  @Test
  void halfOfTheSixPixelsGetTheMeanOfTheKeptValuesInEveryChannel() {
    float[] out = PixelRemoval.remove(IMAGE, PixelRemoval.saliency(ATTRIBUTION, SHAPE), SHAPE, 0.5);
    // removed: pixel 4 (saliency 3), then the tied pixels 0 and 1; kept: 2, 3, 5 in both channels
    double mean = (0.3 + 0.4 + 0.6 + 0.9 + 1.0 + 0.2) / 6; // 0.5666…
    float m = (float) mean;
    assertThat(out).containsExactly(
        m, m, 0.3f, 0.4f, m, 0.6f,
        m, m, 0.9f, 1.0f, m, 0.2f);
    assertThat((double) out[0]).isCloseTo(0.5666666, within(1e-6));
    assertThat(IMAGE[0]).as("the input is not changed").isEqualTo(0.1f);
  }

  @Test
  void removedCountTruncatesAsPythonInt() {
    assertThat(PixelRemoval.removedCount(6, 0.4)).isEqualTo(2); // 2.4
    assertThat(PixelRemoval.removedCount(6, 0.1)).isZero(); // 0.6: nothing removed
    assertThat(PixelRemoval.removedCount(1024, 0.3)).isEqualTo(307); // 307.2
    assertThat(PixelRemoval.removedCount(1024, 0.7)).isEqualTo(716); // 716.8
    assertThat(PixelRemoval.removedCount(1024, 0.9)).isEqualTo(921); // 921.6
    float[] out = PixelRemoval.remove(IMAGE, PixelRemoval.saliency(ATTRIBUTION, SHAPE), SHAPE, 0.1);
    assertThat(out).containsExactly(IMAGE);
  }

  @Test
  void atLeastOnePixelIsAlwaysKept() {
    // two pixels with r = 0.5: the salient one takes the other's value
    Shape one = new Shape(1, 1, 2);
    assertThat(PixelRemoval.remove(new float[] {0.25f, 0.75f}, new double[] {0, 1}, one, 0.5)).containsExactly(0.25f, 0.25f);
    // one pixel with r = 0.99: ⌊0.99⌋ = 0 removed
    assertThat(PixelRemoval.remove(new float[] {0.5f}, new double[] {1}, new Shape(1, 1, 1), 0.99)).containsExactly(0.5f);
  }

  @Test
  void theRemovedSetGrowsWithTheRatioAndKeepsTheOrder() {
    double[] s = {0.3, 0.9, 0.1, 0.9, 0.5, 0.0, 0.7, 0.2, 0.9, 0.4};
    Shape shape = new Shape(1, 2, 5);
    float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // k = 3 at r = 0.3: the three 0.9 pixels (1, 3, 8); kept values sum 1+3+5+6+7+8+10 = 40 over 7
    float fill = (float) (40.0 / 7);
    assertThat(PixelRemoval.remove(image, s, shape, 0.3)).containsExactly(1, fill, 3, fill, 5, 6, 7, 8, fill, 10);
    // k = 5 at r = 0.5: and 6 (0.7), 4 (0.5); kept 1+3+6+8+10 = 28 over 5
    float fill5 = 28f / 5;
    assertThat(PixelRemoval.remove(image, s, shape, 0.5)).containsExactly(1, fill5, 3, fill5, fill5, 6, fill5, 8, fill5, 10);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    double[] s = PixelRemoval.saliency(ATTRIBUTION, SHAPE);
    for (double r : new double[] {0, 1, -0.1, Double.NaN}) {
      assertThatThrownBy(() -> PixelRemoval.remove(IMAGE, s, SHAPE, r))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratio: must be in (0, 1)");
    }
    float[] nan = ATTRIBUTION.clone();
    nan[7] = Float.NaN;
    assertThatThrownBy(() -> PixelRemoval.saliency(nan, SHAPE))
        .hasMessageContaining("channel 1, pixel 1 is not finite");
    assertThatThrownBy(() -> PixelRemoval.saliency(new float[5], SHAPE)).hasMessageContaining("5 values");
    assertThatThrownBy(() -> PixelRemoval.remove(new float[3], s, SHAPE, 0.5)).hasMessageContaining("needs 12 and 6");
  }

  @Test
  void areaIsTheTrapezoidOverTheRatios() {
    // 0.2·(0.9+0.7)/2 + 0.2·(0.7+0.4)/2 = 0.16 + 0.11
    assertThat(RoarCurves.area(List.of(0.1, 0.3, 0.5), List.of(0.9, 0.7, 0.4))).isCloseTo(0.27, within(1e-12));
    assertThat(RoarCurves.area(List.of(0.5), List.of(0.9))).isZero();
    assertThatThrownBy(() -> RoarCurves.area(List.of(0.3, 0.1), List.of(1.0, 1.0)))
        .hasMessageContaining("must increase strictly, but 0.1 follows 0.3 (position 2)");
    assertThatThrownBy(() -> RoarCurves.area(List.of(0.1), List.of(1.0, 1.0))).hasMessageContaining("1 ratios but 2");
  }
}
