package org.igkit.models.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * igkit's VAE's decoder VJP (autograd through DJL) against central differences of its decodes:
 * (J_D(z)ᵀ v)_j = v · ∂D/∂z_j ≈ v · (D(z + h e_j) − D(z − h e_j)) / 2h, on an untrained VAE whose
 * decoder has convolution stages (3×8×8 images).
 */
class VaeCodecVjpTest {

  @Test
  void vjpMatchesCentralDifferencesOfTheDecoder() {
    try (VaeCodec codec = VaeCodec.random(Shape.of(3, 8, 8), 4, 4, 21)) {
      int d = codec.latentDim();
      int n = codec.shape().size();
      float[] z = {0.3f, -0.7f, 1.1f, 0.2f};
      float[] z2 = {-0.5f, 0.4f, 0.0f, -1.2f};
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) Math.sin(0.37 * i + 0.1);
      }
      float[][] vjp = codec.decodeVjp(List.of(z, z2), List.of(v, v));
      float[][] single = codec.decodeVjp(List.of(z2), List.of(v));
      assertThat(single[0]).as("batching").containsExactly(vjp[1], within(1e-6f));
      double h = 1e-2;
      List<float[]> stencil = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        for (int sign : new int[] {1, -1}) {
          float[] s = z.clone();
          s[j] = (float) (z[j] + sign * h);
          stencil.add(s);
        }
      }
      float[][] decoded = codec.decode(stencil);
      double scale = 0;
      for (int j = 0; j < d; j++) {
        scale = Math.max(scale, Math.abs(vjp[0][j]));
      }
      assertThat(scale).as("a non-trivial pull-back").isGreaterThan(1e-3);
      for (int j = 0; j < d; j++) {
        double fd = 0;
        for (int i = 0; i < n; i++) {
          fd += v[i] * ((double) decoded[2 * j][i] - decoded[2 * j + 1][i]);
        }
        fd /= 2 * h;
        assertThat((double) vjp[0][j]).as("(J_Dᵀ v)_%d", j).isCloseTo(fd, within(2e-3 * scale));
      }
    }
  }
}
