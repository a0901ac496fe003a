package org.igkit.metrics.xrai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.postprocess.Postprocess;
import org.junit.jupiter.api.Test;

/** XRAI's segmentation, dilation and greedy region ranking on hand-built images, maps and masks. */
class XraiPostprocessTest {

  private static boolean[] mask(int n, int... on) {
    boolean[] m = new boolean[n];
    for (int i : on) {
      m[i] = true;
    }
    return m;
  }

  @Test
  void greedyRankingTakesTheDensestAdditionFirst() {
    double[] attr = {5, 5, 1, 1, 3, 0};
    List<boolean[]> masks = List.of(mask(6, 0, 1), mask(6, 1, 2, 3), mask(6, 3, 4), mask(6, 4, 5));
    // Order by hand: {0,1} density 5; then {3,4} adds 3,4 → 2 (beats {2,3} → 1 and {4,5} → 1.5);
    // then {1,2,3} adds 2 → 1 (beats {5} → 0); then {4,5} adds 5 → 0.
    assertThat(XraiPostprocess.rank(attr, masks, 1)).containsExactly(5, 5, 1, 2, 2, 0);
    // Needing 2 new pixels: after {0,1} and {3,4} the rest add one pixel each and are dropped;
    // the unreached pixels 2 and 5 share their mean (1 + 0)/2.
    assertThat(XraiPostprocess.rank(attr, masks, 2)).containsExactly(5, 5, 0.5, 2, 2, 0.5);
  }

  @Test
  void felzenszwalbSplitsTwoFlatHalvesUnlessTheScaleOutweighsTheEdge() {
    Shape shape = Shape.of(1, 4, 6);
    float[] image = new float[24];
    for (int y = 0; y < 4; y++) {
      for (int x = 3; x < 6; x++) {
        image[y * 6 + x] = 1f;
      }
    }
    int[] labels = FelzenszwalbSegmentation.segment(image, shape, 50, 0, 1);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        assertThat(labels[y * 6 + x]).as("pixel %d,%d", y, x).isEqualTo(x < 3 ? 0 : 1);
      }
    }
    // Across the boundary the cost is 1; the halves (12 pixels, Int 0) join when 1 < τ/12, τ = scale/255.
    assertThat(FelzenszwalbSegmentation.segment(image, shape, 12 * 255 + 1, 0, 1)).containsOnly(0);
    assertThat(FelzenszwalbSegmentation.segment(image, shape, 12 * 255 - 1, 0, 1)).contains(0, 1);
  }

  @Test
  void minSizeMergesASinglePixelIntoItsNeighbour() {
    Shape shape = Shape.of(1, 3, 3);
    float[] image = new float[9];
    image[4] = 1f;
    int[] alone = FelzenszwalbSegmentation.segment(image, shape, 10, 0, 1);
    assertThat(alone[4]).isEqualTo(1);
    assertThat(alone).containsOnly(0, 1);
    assertThat(FelzenszwalbSegmentation.segment(image, shape, 10, 0, 2)).containsOnly(0);
  }

  @Test
  void dilationGrowsByADiskOfOffsetsWithinTheRadius() {
    boolean[] dot = mask(49, 3 * 7 + 3);
    assertThat(count(XraiPostprocess.dilate(dot, 7, 7, 1))).isEqualTo(5); // centre and 4 neighbours
    assertThat(count(XraiPostprocess.dilate(dot, 7, 7, 2))).isEqualTo(13); // dy² + dx² ≤ 4
    assertThat(XraiPostprocess.dilate(dot, 7, 7, 0)).isEqualTo(dot);
  }

  @Test
  void theMapBecomesEachRegionsMeanInEveryChannel() {
    Shape shape = Shape.of(2, 4, 6);
    float[] image = new float[48];
    for (int ch = 0; ch < 2; ch++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 3; x < 6; x++) {
          image[ch * 24 + y * 6 + x] = 1f;
        }
      }
    }
    float[] attribution = new float[48];
    attribution[0] = 12f; // one hot pixel on the left, the rest of the left 0: region mean 1
    for (int y = 0; y < 4; y++) {
      for (int x = 3; x < 6; x++) {
        attribution[y * 6 + x] = 0.5f; // the right: 0.5 in channel 0, −2 in channel 1 (max: 0.5)
        attribution[24 + y * 6 + x] = -2f;
      }
    }
    Postprocess xrai = new XraiPostprocess(new XraiPostprocess.Spec(List.of(50.0), 0.0, 1, 0, 1, null));
    float[] out = xrai.apply(attribution, image, shape);
    for (int ch = 0; ch < 2; ch++) {
      for (int i = 0; i < 24; i++) {
        assertThat(out[ch * 24 + i]).isEqualTo(i % 6 < 3 ? 1f : 0.5f);
      }
    }
    // Summing channels: the right's density is 0.5 − 2 = −1.5.
    float[] summed = new XraiPostprocess(new XraiPostprocess.Spec(List.of(50.0), 0.0, 1, 0, 1, "sum"))
        .apply(attribution, image, shape);
    assertThat(summed[5]).isEqualTo(-1.5f);
    assertThat(summed[0]).isEqualTo(1f);
  }

  @Test
  void isRegisteredAndRefusesBadSettingsByKey() {
    assertThat(PluginLoader.registry().plugins(Postprocess.class)).containsKey("xrai");
    assertThatThrownBy(() -> new XraiPostprocess.Spec(List.of(), null, null, null, null, null)).hasMessageContaining("scales");
    assertThatThrownBy(() -> new XraiPostprocess.Spec(null, null, 0, null, null, null)).hasMessageContaining("minSize");
    assertThatThrownBy(() -> new XraiPostprocess.Spec(null, null, null, -1, null, null)).hasMessageContaining("dilation");
    assertThatThrownBy(() -> new XraiPostprocess.Spec(null, null, null, null, 0, null)).hasMessageContaining("minPixelDiff");
    assertThatThrownBy(() -> new XraiPostprocess.Spec(null, null, null, null, null, "mean")).hasMessageContaining("channels");
  }

  private static int count(boolean[] m) {
    int c = 0;
    for (boolean b : m) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
