package org.igkit.models.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.igkit.api.model.Shape;
import org.igkit.api.step.StepResult;
import org.igkit.paths.step.IdgiStepRule;
import org.igkit.testkit.AnalyticCase;
import org.igkit.testkit.AnalyticModels;
import org.igkit.testkit.Attributions;
import org.igkit.testkit.IG;
import org.igkit.testkit.Tolerances;
import org.igkit.testkit.TorchScriptFixtures;
import org.junit.jupiter.api.Test;

/**
 * A user's VAE as TorchScript files ({@code encoder:}, {@code decoder:}), on the fixtures of
 * testkit's {@code make_tiny_vae.py}: 2×2×2 images, 3 latent values, E(x) = Px + q and
 * D(z) = sigmoid(Wz + c) with the weights given by the script's formulas, recomputed here.
 */
class TorchScriptCodecTest {

  private static final Shape SHAPE = Shape.of(2, 2, 2);
  private static final int N = 8;
  private static final int D = 3;

  private static String fixture(String name) {
    return TorchScriptFixtures.path(name).toString();
  }

  private static LatentPath.Spec spec(String encoder, String decoder, Integer latentDim, String preset) {
    return new LatentPath.Spec(null, latentDim, null, null, null, null, null, encoder, decoder, preset, null, null,
        null, null, null, null);
  }

  private static double p(int j, int i) {
    return 0.1 * Math.sin(1 + j + 0.7 * i);
  }

  private static double w(int i, int j) {
    return 0.3 * Math.cos(0.5 + 0.9 * i - 0.4 * j);
  }

  private static double[] decodeExact(float[] z) {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      double s = 0.1 * Math.sin(i);
      for (int j = 0; j < D; j++) {
        s += w(i, j) * z[j];
      }
      x[i] = 1 / (1 + Math.exp(-s));
    }
    return x;
  }

  @Test
  void encodesDecodesAndPullsBackAsTheClosedForms() {
    Function<Shape, LatentCodec> codecs =
        TorchScriptCodec.loader(spec(fixture("tiny_vae_encoder.pt"), fixture("tiny_vae_decoder.pt"), 3, null));
    LatentCodec codec = codecs.apply(SHAPE);
    assertThat(codec.latentDim()).isEqualTo(D);
    assertThat(codec.shape()).isEqualTo(SHAPE);
    List<float[]> images = List.of(ramp(0.1f), ramp(0.5f), ramp(-0.2f));
    float[][] z = codec.encode(images);
    for (int k = 0; k < images.size(); k++) {
      for (int j = 0; j < D; j++) {
        double e = 0.05 * j;
        for (int i = 0; i < N; i++) {
          e += p(j, i) * images.get(k)[i];
        }
        assertThat((double) z[k][j]).as("E(x_%d)_%d", k, j).isCloseTo(e, within(1e-6));
      }
    }
    float[][] x = codec.decode(List.of(z));
    float[] v = {0.3f, -1.2f, 0.7f, 2.0f, -0.4f, 0.1f, 1.5f, -0.9f};
    float[][] vjp = codec.decodeVjp(List.of(z), List.of(v, v, v));
    for (int k = 0; k < z.length; k++) {
      double[] expected = decodeExact(z[k]);
      for (int i = 0; i < N; i++) {
        assertThat((double) x[k][i]).as("D(z_%d)_%d", k, i).isCloseTo(expected[i], within(1e-6));
      }
      for (int j = 0; j < D; j++) {
        double g = 0;
        for (int i = 0; i < N; i++) {
          g += expected[i] * (1 - expected[i]) * w(i, j) * v[i]; // J_ij = s_i(1 − s_i) W_ij
        }
        assertThat((double) vjp[k][j]).as("(J_Dᵀ v)_%d at z_%d", j, k).isCloseTo(g, within(1e-6));
      }
    }
  }

  /** The whole path on the user's VAE: MA-GIG's preset on a 2×2×2 ReLU network, IDGI exactly complete. */
  @Test
  void aLatentPathRunsOnTheUsersVae() {
    LatentPath path = new LatentPath(spec(fixture("tiny_vae_encoder.pt"), fixture("tiny_vae_decoder.pt"), null, "ma-gig"));
    AnalyticCase c = AnalyticModels.reluNetwork();
    assertThat(c.model().inputShape()).isEqualTo(SHAPE);
    StepResult r = IG.compute(c, path, new IdgiStepRule(10), 3);
    assertThat(r.skippedSteps()).isZero();
    assertThat(Attributions.sum(r.attribution()))
        .isCloseTo(c.scoreChange(), within(Tolerances.EXACT_COMPLETENESS * Math.abs(c.scoreChange())));
  }

  @Test
  void badFilesAndShapesFailNamingTheKey() {
    String enc = fixture("tiny_vae_encoder.pt");
    String dec = fixture("tiny_vae_decoder.pt");
    assertThatThrownBy(() -> new LatentPath(spec("missing-encoder.pt", dec, null, null)))
        .hasMessageStartingWith("encoder: no file");
    assertThatThrownBy(() -> new LatentPath(spec(enc, fixture("tiny_cnn.json"), null, null)))
        .hasMessageStartingWith("decoder: cannot load");
    assertThatThrownBy(() -> TorchScriptCodec.loader(spec(enc, dec, 4, null)).apply(SHAPE))
        .hasMessageStartingWith("latentDim: is 4 but the encoder").hasMessageContaining("[3]");
    assertThatThrownBy(() -> TorchScriptCodec.loader(spec(enc, fixture("tiny_vae_decoder_flat.pt"), null, null))
        .apply(SHAPE))
        .hasMessageStartingWith("decoder: ").hasMessageContaining("returns [1, 8]")
        .hasMessageContaining("expected one image [1, 2, 2, 2]");
    assertThatThrownBy(() -> TorchScriptCodec.loader(spec(enc, dec, null, null)).apply(Shape.of(3, 2, 2)))
        .hasMessageStartingWith("encoder: ").hasMessageContaining("[1, 3, 2, 2]");
  }

  private static float[] ramp(float offset) {
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = offset + 0.1f * i;
    }
    return x;
  }
}
