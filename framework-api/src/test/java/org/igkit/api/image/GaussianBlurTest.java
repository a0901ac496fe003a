package org.igkit.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

  /** The definition, one output at a time: s = Σ_t k_t·x(at + t), taps in order, in double. */
  private static float[] reference(float[] image, Shape shape, double sigma, GaussianBlur.Padding padding) {
    double[] kernel = GaussianBlur.kernel(sigma);
    int r = kernel.length / 2;
    int h = shape.height();
    int w = shape.width();
    float[] tmp = new float[image.length];
    float[] out = new float[image.length];
    for (int c = 0; c < shape.channels(); c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          tmp[base + y * w + x] = (float) tap(image, base + y * w, 1, w, x, kernel, r, padding);
        }
      }
      for (int x = 0; x < w; x++) {
        for (int y = 0; y < h; y++) {
          out[base + y * w + x] = (float) tap(tmp, base + x, w, h, y, kernel, r, padding);
        }
      }
    }
    return out;
  }

  private static double tap(float[] v, int start, int stride, int n, int at, double[] kernel, int r,
      GaussianBlur.Padding padding) {
    double s = 0;
    for (int k = -r; k <= r; k++) {
      int i = at + k;
      if (i < 0 || i >= n) {
        if (padding == GaussianBlur.Padding.ZERO) {
          continue;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        i = m < n ? m : period - 1 - m;
      }
      s += kernel[k + r] * v[start + i * stride];
    }
    return s;
  }

  @Test
  void equalsTheOutputByOutputDefinitionBitForBit() {
    SplittableRandom random = new SplittableRandom(5);
    int[][] shapes = {{3, 32, 32}, {1, 5, 7}, {2, 3, 40}, {1, 1, 1}, {3, 17, 9}, {1, 64, 8}};
    double[] sigmas = {0.5, 1.5, 2, 10, 50};
    for (int[] dims : shapes) {
      Shape shape = Shape.of(dims[0], dims[1], dims[2]);
      float[] x = new float[shape.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextDouble() * 2 - 1) * (i % 7 == 0 ? 1000 : 1);
      }
      x[0] = -0f;
      for (double sigma : sigmas) {
        for (GaussianBlur.Padding padding : GaussianBlur.Padding.values()) {
          float[] got = GaussianBlur.blur(x, shape, sigma, padding);
          float[] want = reference(x, shape, sigma, padding);
          for (int i = 0; i < want.length; i++) {
            assertThat(Float.floatToRawIntBits(got[i]))
                .as("%s σ=%s %s at %d", shape, sigma, padding, i)
                .isEqualTo(Float.floatToRawIntBits(want[i]));
          }
        }
      }
    }
  }

  @Test
  void sigmaZeroCopiesAndBlurKeepsConstantImagesWithReflection() {
    Shape shape = Shape.of(1, 6, 6);
    float[] x = new float[shape.size()];
    java.util.Arrays.fill(x, 0.25f);
    assertThat(GaussianBlur.blur(x, shape, 0, GaussianBlur.Padding.REFLECT)).isEqualTo(x).isNotSameAs(x);
    for (float v : GaussianBlur.blur(x, shape, 3, GaussianBlur.Padding.REFLECT)) {
      assertThat(v).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
    }
  }
}
