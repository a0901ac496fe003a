package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.igkit.models.Fixtures.C;
import static org.igkit.models.Fixtures.H;
import static org.igkit.models.Fixtures.W;
import static org.igkit.models.Fixtures.assertGradientMatchesFiniteDifferences;
import static org.igkit.models.Fixtures.randomImage;
import static org.igkit.models.Fixtures.relativeError;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channel order and mean/std normalisation happen inside the model function, so gradients are
 * with respect to the raw image the user passes.
 */
class PreprocessingTest {

  private static final List<Double> MEAN = List.of(0.485, 0.456, 0.406);
  private static final List<Double> STD = List.of(0.229, 0.224, 0.225);

  private static DjlModelFunction plain;
  private static DjlModelFunction normalised;
  private static DjlModelFunction bgr;

  @BeforeAll
  static void load() {
    plain = DjlModelFunction.load(Fixtures.tinyCnn());
    normalised = DjlModelFunction.load(Fixtures.tinyCnn().toBuilder().optNormalisation(MEAN, STD).build());
    bgr = DjlModelFunction.load(Fixtures.tinyCnn().toBuilder().optChannelOrder("bgr").build());
  }

  @AfterAll
  static void close() {
    plain.close();
    normalised.close();
    bgr.close();
  }

  @Test
  void normalisedGradientMatchesFiniteDifferencesInRawImageSpace() {
    for (int seed = 1; seed <= 2; seed++) {
      assertGradientMatchesFiniteDifferences(normalised, randomImage(seed), seed);
    }
  }

  @Test
  void normalisationIsTheChainRuleOfThePlainModel() {
    // f_norm(x) = f((x − m)/s), so ∇f_norm(x) = ∇f((x − m)/s) / s, channel by channel.
    float[] x = randomImage(3);
    float[] z = new float[x.length];
    for (int c = 0; c < C; c++) {
      for (int i = c * H * W; i < (c + 1) * H * W; i++) {
        z[i] = (float) ((x[i] - MEAN.get(c)) / STD.get(c));
      }
    }
    int target = 6;
    assertThat(relativeError(normalised.outputs(List.of(x))[0], plain.outputs(List.of(z))[0]))
        .isLessThan(1e-5);
    float[] gNorm = normalised.scoresAndGradients(List.of(x), new int[] {target}).gradients().get(0);
    float[] gPlain = plain.scoresAndGradients(List.of(z), new int[] {target}).gradients().get(0);
    float[] expected = new float[x.length];
    for (int c = 0; c < C; c++) {
      for (int i = c * H * W; i < (c + 1) * H * W; i++) {
        expected[i] = (float) (gPlain[i] / STD.get(c));
      }
    }
    assertThat(relativeError(gNorm, expected)).isLessThan(1e-4);
  }

  @Test
  void bgrModelsSeeChannelsReversedAndGradientsComeBackInTheUsersOrder() {
    float[] x = randomImage(4);
    float[] reversed = reverseChannels(x);
    int target = 2;
    assertThat(relativeError(bgr.outputs(List.of(x))[0], plain.outputs(List.of(reversed))[0]))
        .isLessThan(1e-6);
    float[] gBgr = bgr.scoresAndGradients(List.of(x), new int[] {target}).gradients().get(0);
    float[] gPlain = plain.scoresAndGradients(List.of(reversed), new int[] {target}).gradients().get(0);
    assertThat(relativeError(gBgr, reverseChannels(gPlain))).isLessThan(1e-6);
    assertGradientMatchesFiniteDifferences(bgr, x, target);
  }

  private static float[] reverseChannels(float[] x) {
    float[] out = new float[x.length];
    int plane = H * W;
    for (int c = 0; c < C; c++) {
      System.arraycopy(x, c * plane, out, (C - 1 - c) * plane, plane);
    }
    return out;
  }
}
