package org.igkit.metrics.information;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.igkit.api.model.Shape;
import org.igkit.metrics.TestInputs;
import org.junit.jupiter.api.Test;

/** 8-bit quantisation, the codecs and MS-SSIM against hand-computed values. */
class CodecAndMsSsimTest {

  @Test
  void quantisationRoundsHalfUpClampsAndInterleavesChannels() {
    // 2×1×3: channel 0 = −0.1, 0.5, 1/510; channel 1 = 1, 2, 0
    Shape s = Shape.of(2, 1, 3);
    float[] image = {-0.1f, 0.5f, 1f / 510, 1f, 2f, 0f};
    byte[] q = Codec.quantise(image, s, 0, 1);
    // 255·0.5 + 0.5 = 128; 255/510 + 0.5 = 1
    assertThat(toInts(q)).containsExactly(0, 255, 128, 255, 1, 0);
    // another range: [−1, 1] maps 0 to 127.5 + 0.5 → 128
    assertThat(toInts(Codec.quantise(new float[] {0f}, Shape.of(1, 1, 1), -1, 1))).containsExactly(128);
  }

  @Test
  void noiseCompressesWorseThanAFlatImageInBothCodecs() {
    Shape s = Shape.of(3, 16, 16);
    float[] flat = new float[s.size()];
    Arrays.fill(flat, 0.3f);
    float[] noise = TestInputs.uniform(5, s.size(), 0, 1);
    for (Codec c : Codec.values()) {
      long f = c.size(Codec.quantise(flat, s, 0, 1), s);
      long n = c.size(Codec.quantise(noise, s, 0, 1), s);
      assertThat(n).as("%s", c).isGreaterThan(f);
      assertThat(c.size(Codec.quantise(noise, s, 0, 1), s)).as("deterministic").isEqualTo(n);
    }
    // channel counts other than 1 and 3 are encoded channel by channel
    Shape two = Shape.of(2, 16, 16);
    float[] twoNoise = Arrays.copyOf(noise, two.size());
    assertThat(Codec.PNG.size(Codec.quantise(twoNoise, two, 0, 1), two)).isGreaterThan(0);
  }

  @Test
  void scalesFollowTheImageSize() {
    assertThat(MsSsim.scales(10, 100)).isZero();
    assertThat(MsSsim.scales(11, 11)).isEqualTo(1);
    assertThat(MsSsim.scales(21, 40)).isEqualTo(1); // 21 → 10
    assertThat(MsSsim.scales(22, 22)).isEqualTo(2);
    assertThat(MsSsim.scales(32, 32)).isEqualTo(2);
    assertThat(MsSsim.scales(176, 176)).isEqualTo(5); // 176, 88, 44, 22, 11
    assertThat(MsSsim.scales(375, 500)).isEqualTo(5);
  }

  @Test
  void identicalImagesScoreOne() {
    Shape s = Shape.of(3, 40, 30);
    float[] x = TestInputs.uniform(9, s.size(), 0, 1);
    assertThat(MsSsim.of(x, x, s, 0, 1)).isEqualTo(1.0);
  }

  @Test
  void constantImagesScoreTheLuminanceTermToTheLastWeight() {
    // a = 0.2, b = 0.6 everywhere: σ = 0, so cs = 1 at every scale and l = (2ab + C1)/(a² + b² + C1)
    double a = 0.2f;
    double b = 0.6f;
    double l = (2 * a * b + 1e-4) / (a * a + b * b + 1e-4);
    Shape one = Shape.of(1, 11, 11); // one scale: weight 1
    assertThat(MsSsim.of(filled(one, 0.2f), filled(one, 0.6f), one, 0, 1)).isCloseTo(l, within(1e-12));
    Shape two = Shape.of(3, 32, 32); // two scales: the second weight, 0.2856/(0.0448 + 0.2856)
    assertThat(MsSsim.of(filled(two, 0.2f), filled(two, 0.6f), two, 0, 1))
        .isCloseTo(Math.pow(l, 0.2856 / 0.3304), within(1e-12));
    Shape five = Shape.of(1, 176, 176); // five scales: the fifth weight, 0.1333
    assertThat(MsSsim.of(filled(five, 0.2f), filled(five, 0.6f), five, 0, 1))
        .isCloseTo(Math.pow(l, 0.1333), within(1e-12));
  }

  @Test
  void singleScaleMatchesAnIndependentNumpyComputation() {
    // SSIM of two 1×16×16 images (one scale): the values below were computed with numpy from
    // an explicit 11×11 Gaussian window (σ 1.5) over every valid position, C1 = 1e-4, C2 = 9e-4.
    Shape s = Shape.of(1, 16, 16);
    float[] a = new float[s.size()];
    float[] b = new float[s.size()];
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        a[y * 16 + x] = (x + y) / 30f;
        b[y * 16 + x] = ((x * 7 + y * 3) % 16) / 15f;
      }
    }
    assertThat(MsSsim.of(a, b, s, 0, 1)).isCloseTo(NUMPY_SSIM, within(1e-12));
  }

  /** See {@link #singleScaleMatchesAnIndependentNumpyComputation}. */
  private static final double NUMPY_SSIM = 0.010242745926216427;

  @Test
  void tooSmallImagesAreRejected() {
    Shape s = Shape.of(1, 10, 20);
    assertThatThrownBy(() -> MsSsim.of(new float[200], new float[200], s, 0, 1))
        .hasMessage("MS-SSIM needs images of at least 11×11 pixels, the images are 10×20");
  }

  private static float[] filled(Shape s, float v) {
    float[] a = new float[s.size()];
    Arrays.fill(a, v);
    return a;
  }

  private static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xFF;
    }
    return out;
  }
}
