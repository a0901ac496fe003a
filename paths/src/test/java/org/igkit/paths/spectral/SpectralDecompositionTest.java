package org.igkit.paths.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four decompositions of {@link SpectralPath}, each checked against its definition computed
 * here independently in double precision: components sum to Δ; SVD components are orthogonal
 * rank-one terms with strengths σ_i/σ_1 (a rank-one Δ is one component of strength 1); the DCT
 * and Haar transforms preserve energy and match the direct formulas (DCT basis images, Haar block
 * means and 2×2 differences); the Haar stopping rule; the Laplacian pyramid against a direct
 * implementation of the reference's pooling and half-pixel bilinear resizing.
 */
class SpectralDecompositionTest {

  static final List<Shape> SHAPES = List.of(Shape.of(3, 8, 8), Shape.of(3, 6, 10), Shape.of(2, 5, 7),
      Shape.of(1, 16, 4), Shape.of(2, 1, 1), Shape.of(1, 1, 6));

  static double[] random(int n, long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = g.nextDouble(-1, 1);
    }
    return out;
  }

  static SpectralComponents decompose(String mode, String channels, double[] delta, Shape shape, int levels) {
    return switch (mode) {
      case "svd" -> SvdComponents.of(delta, shape, channels.equals("joint"));
      case "dct" -> DctComponents.of(delta, shape);
      case "wavelet" -> DenseComponents.haar(delta, shape, levels);
      default -> DenseComponents.laplacian(delta, shape, levels);
    };
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"svd", "svd-joint", "dct", "wavelet", "laplacian"})
  void componentsSumToDelta(String which) {
    String mode = which.startsWith("svd") ? "svd" : which;
    for (Shape shape : SHAPES) {
      double[] delta = random(shape.size(), shape.size());
      SpectralComponents comps = decompose(mode, which.endsWith("joint") ? "joint" : "per-channel", delta, shape, 4);
      double[] sum = new double[delta.length];
      for (int k = 0; k < comps.count(); k++) {
        comps.add(k, 1, sum);
        assertThat(comps.strength(k)).isBetween(0.0, 1.0);
      }
      for (int i = 0; i < delta.length; i++) {
        assertThat(sum[i]).as("%s %s [%d]", which, shape, i).isCloseTo(delta[i], offset(1e-12));
      }
    }
  }

  /**
   * Per channel, Δ_c = Σ σ_i u_i v_iᵀ built here from orthonormal DCT vectors and chosen σ =
   * (4, 2, 1, 0.5, …): the components are σ_i u_i v_iᵀ (up to sign pairs) with strength σ_i/4.
   */
  @Test
  void svdComponentsAndStrengths() {
    Shape shape = Shape.of(2, 6, 5);
    double[][] u = cosines(6);
    double[][] v = cosines(5);
    double[] delta = new double[shape.size()];
    double[] sigma = {4, 2, 1, 0.5, 0.25};
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 5; i++) {
        double si = sigma[i] * (c + 1); // channel 1 has σ = 8, 4, 2, …: strengths are per channel
        for (int y = 0; y < 6; y++) {
          for (int x = 0; x < 5; x++) {
            delta[c * 30 + y * 5 + x] += si * u[(i + c) % 6][y] * v[i][x];
          }
        }
      }
    }
    SvdComponents comps = SvdComponents.of(delta, shape, false);
    assertThat(comps.count()).isEqualTo(10);
    for (int k = 0; k < 10; k++) {
      int c = k / 5;
      int i = k % 5;
      assertThat(comps.sigma(k)).as("σ of component %d", k).isCloseTo(sigma[i] * (c + 1), offset(1e-12));
      assertThat(comps.strength(k)).as("strength of component %d", k).isCloseTo(sigma[i] / 4, offset(1e-12));
      double[] comp = comps.component(k);
      for (int p = 0; p < shape.size(); p++) {
        int pc = p / 30;
        double expected = pc != c ? 0 : sigma[i] * (c + 1) * u[(i + c) % 6][p % 30 / 5] * v[i][p % 5];
        assertThat(comp[p]).as("component %d [%d]", k, p).isCloseTo(expected, offset(1e-12));
      }
    }
  }

  /** A rank-one Δ (per channel a·bᵀ) is one component of strength 1; the others are zero. */
  @Test
  void rankOneDeltaIsOneComponent() {
    Shape shape = Shape.of(3, 8, 8);
    double[] a = random(8, 1);
    double[] b = random(8, 2);
    double[] delta = new double[shape.size()];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < 64; p++) {
        delta[c * 64 + p] = (c + 1) * a[p / 8] * b[p % 8];
      }
    }
    for (String channels : List.of("per-channel", "joint")) {
      SvdComponents comps = SvdComponents.of(delta, shape, channels.equals("joint"));
      assertThat(comps.strength(0)).isEqualTo(1.0);
      double[] first = comps.component(0);
      for (int p = 0; p < delta.length; p++) {
        if (channels.equals("joint") || p < 64) {
          assertThat(first[p]).as("%s [%d]", channels, p).isCloseTo(p < 64 || channels.equals("joint") ? delta[p] : 0, offset(1e-12));
        }
      }
      int on = 0;
      for (int k = 0; k < comps.count(); k++) {
        on += comps.sigma(k) > 1e-12 ? 1 : 0;
        if (comps.sigma(k) <= 1e-12) {
          assertThat(comps.strength(k)).isLessThan(1e-12);
        }
      }
      // Per channel every channel is rank one (3 components, each of strength 1); jointly the
      // stacked channels (1a, 2a, 3a)·bᵀ are one rank-one matrix.
      assertThat(on).as(channels).isEqualTo(channels.equals("joint") ? 1 : 3);
    }
  }

  /** Joint SVD: the (C·H)×W matrix Σ σ_i u_i v_iᵀ with u_i spanning all channels. */
  @Test
  void jointSvdStacksChannels() {
    Shape shape = Shape.of(2, 3, 4); // a 6×4 matrix
    double[][] u = cosines(6);
    double[][] v = cosines(4);
    double[] sigma = {3, 1.5, 0.3, 0};
    double[] delta = new double[24];
    for (int i = 0; i < 4; i++) {
      for (int r = 0; r < 6; r++) {
        for (int x = 0; x < 4; x++) {
          delta[r * 4 + x] += sigma[i] * u[i][r] * v[i][x];
        }
      }
    }
    SvdComponents comps = SvdComponents.of(delta, shape, true);
    assertThat(comps.count()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(comps.sigma(i)).isCloseTo(sigma[i], offset(1e-12));
      assertThat(comps.strength(i)).isCloseTo(sigma[i] / 3, offset(1e-12));
      double[] comp = comps.component(i);
      for (int p = 0; p < 24; p++) {
        assertThat(comp[p]).isCloseTo(sigma[i] * u[i][p / 4] * v[i][p % 4], offset(1e-12));
      }
    }
  }

  /**
   * DCT: each component is Δ̂[u][v] times the basis image c_u c_v cos(π(2y+1)u/2H) cos(π(2x+1)v/2W),
   * with Δ̂ computed here by the direct double sum; Parseval holds; strengths follow the radius.
   */
  @Test
  void dctMatchesTheDirectFormula() {
    for (Shape shape : List.of(Shape.of(2, 6, 10), Shape.of(1, 5, 7), Shape.of(1, 1, 4))) {
      int h = shape.height();
      int w = shape.width();
      double[] delta = random(shape.size(), 7);
      DctComponents comps = DctComponents.of(delta, shape);
      double energy = dot(delta, delta);
      double coefficientEnergy = 0;
      for (int c = 0; c < shape.channels(); c++) {
        for (int u = 0; u < h; u++) {
          for (int v = 0; v < w; v++) {
            double coef = 0;
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                coef += delta[(c * h + y) * w + x] * basis(u, y, h) * basis(v, x, w);
              }
            }
            int k = (c * h + u) * w + v;
            assertThat(comps.coefficient(k)).as("%s coefficient (%d,%d,%d)", shape, c, u, v).isCloseTo(coef, offset(1e-12));
            coefficientEnergy += coef * coef;
            double[] comp = comps.component(k);
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                assertThat(comp[(c * h + y) * w + x]).isCloseTo(coef * basis(u, y, h) * basis(v, x, w), offset(1e-12));
              }
            }
            double fu = h > 1 ? (double) u / (h - 1) : 0;
            double fv = (double) v / (w - 1);
            double max = h > 1 ? Math.sqrt(2) : 1;
            assertThat(comps.strength(k)).isCloseTo(Math.max(0, 1 - Math.hypot(fu, fv) / max), offset(1e-12));
          }
        }
      }
      assertThat(coefficientEnergy).as("%s: Parseval", shape).isCloseTo(energy, offset(1e-12 * energy));
    }
    // The corner frequencies: DC has strength 1, (H−1, W−1) strength 0, (0, W−1) 1 − 1/√2.
    DctComponents c = DctComponents.of(random(60, 3), Shape.of(1, 6, 10));
    assertThat(c.strength(0)).isEqualTo(1.0);
    assertThat(c.strength(59)).isCloseTo(0.0, offset(1e-15));
    assertThat(c.strength(9)).isCloseTo(1 - 1 / Math.sqrt(2), offset(1e-15));
  }

  private static double basis(int u, int i, int n) {
    return Math.sqrt((u == 0 ? 1.0 : 2.0) / n) * Math.cos(Math.PI * (2 * i + 1) * u / (2.0 * n));
  }

  /** Orthonormal cosine vectors of length n (rows), from the DCT-II definition. */
  private static double[][] cosines(int n) {
    double[][] out = new double[n][n];
    for (int u = 0; u < n; u++) {
      for (int i = 0; i < n; i++) {
        out[u][i] = basis(u, i, n);
      }
    }
    return out;
  }

  /** The stopping rule: levels are taken while both sides are even and ≥ 2, at most {@code levels}. */
  @Test
  void haarStoppingRule() {
    assertThat(DenseComponents.haar(new double[3 * 64], Shape.of(3, 8, 8), 4).count()).isEqualTo(1 + 3 * 3);
    assertThat(DenseComponents.haar(new double[3 * 64], Shape.of(3, 8, 8), 2).count()).isEqualTo(1 + 3 * 2);
    assertThat(DenseComponents.haar(new double[256], Shape.of(1, 16, 16), 4).count()).isEqualTo(1 + 3 * 4);
    assertThat(DenseComponents.haar(new double[3 * 60], Shape.of(3, 6, 10), 4).count()).isEqualTo(1 + 3);
    assertThat(DenseComponents.haar(new double[2 * 35], Shape.of(2, 5, 7), 4).count()).isEqualTo(1);
    assertThat(DenseComponents.haar(new double[12], Shape.of(1, 12, 1), 4).count()).isEqualTo(1);
    // Strengths: linspace(1, 0, K).
    SpectralComponents c = DenseComponents.haar(new double[3 * 64], Shape.of(3, 8, 8), 4);
    for (int k = 0; k < 10; k++) {
      assertThat(c.strength(k)).isCloseTo(1 - k / 9.0, offset(1e-15));
    }
    assertThat(DenseComponents.haar(new double[35], Shape.of(1, 5, 7), 4).strength(0)).isEqualTo(1.0);
  }

  /**
   * Haar on 3×8×8 with 2 levels: the approximation is the 4×4 block mean; the finest LH, HL, HH
   * components are, on each 2×2 block [a b; c d], ±(a − b + c − d)/4, ±(a + b − c − d)/4 and
   * ±(a − b − c + d)/4 in the patterns [1 −1; 1 −1], [1 1; −1 −1], [1 −1; −1 1]; the level-2
   * details sum to the 2×2 block mean minus the 4×4 block mean. Bands are orthogonal, so
   * energy is preserved.
   */
  @Test
  void haarBandsMatchBlockFormulas() {
    Shape shape = Shape.of(3, 8, 8);
    double[] delta = random(shape.size(), 5);
    SpectralComponents comps = DenseComponents.haar(delta, shape, 2);
    assertThat(comps.count()).isEqualTo(7);
    double[][] c = new double[7][];
    for (int k = 0; k < 7; k++) {
      c[k] = comps.component(k);
    }
    int[][] patterns = {{1, -1, 1, -1}, {1, 1, -1, -1}, {1, -1, -1, 1}};
    for (int ch = 0; ch < 3; ch++) {
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int p = ch * 64 + y * 8 + x;
          assertThat(c[0][p]).isCloseTo(blockMean(delta, ch, y, x, 4), offset(1e-12));
          int by = y / 2 * 2;
          int bx = x / 2 * 2;
          double[] abcd = {delta[ch * 64 + by * 8 + bx], delta[ch * 64 + by * 8 + bx + 1],
              delta[ch * 64 + (by + 1) * 8 + bx], delta[ch * 64 + (by + 1) * 8 + bx + 1]};
          int corner = (y - by) * 2 + (x - bx);
          for (int band = 0; band < 3; band++) {
            double coef = 0;
            for (int q = 0; q < 4; q++) {
              coef += patterns[band][q] * abcd[q];
            }
            assertThat(c[1 + band][p]).as("band %d at %d", band, p).isCloseTo(patterns[band][corner] * coef / 4, offset(1e-12));
          }
          assertThat(c[4][p] + c[5][p] + c[6][p])
              .isCloseTo(blockMean(delta, ch, y, x, 2) - blockMean(delta, ch, y, x, 4), offset(1e-12));
        }
      }
    }
    double energy = 0;
    for (int k = 0; k < 7; k++) {
      energy += dot(c[k], c[k]);
      for (int l = 0; l < k; l++) {
        assertThat(dot(c[k], c[l])).as("⟨C_%d, C_%d⟩", k, l).isCloseTo(0, offset(1e-12));
      }
    }
    assertThat(energy).isCloseTo(dot(delta, delta), offset(1e-12));
  }

  private static double blockMean(double[] img, int ch, int y, int x, int size) {
    int by = y / size * size;
    int bx = x / size * size;
    double s = 0;
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        s += img[ch * 64 + (by + i) * 8 + bx + j];
      }
    }
    return s / (size * size);
  }

  /**
   * The Laplacian pyramid against a direct implementation: levels while min side ≥ 2 (at most
   * {@code levels}); low = 2×2 mean pool (floor); residual = cur − up(low); components the last
   * low then residuals finest first, each resized level by level with half-pixel bilinear weights.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3x8x8", "3x6x10", "2x5x7", "1x16x16", "1x3x3", "1x1x5"})
  void laplacianMatchesTheDefinition(String size) {
    String[] parts = size.split("x");
    Shape shape = Shape.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    double[] delta = random(shape.size(), 13);
    int levels = 3;
    SpectralComponents comps = DenseComponents.laplacian(delta, shape, levels);
    int h = shape.height();
    int w = shape.width();
    for (int c = 0; c < shape.channels(); c++) {
      double[] cur = new double[h * w];
      System.arraycopy(delta, c * h * w, cur, 0, h * w);
      List<double[]> residuals = new java.util.ArrayList<>();
      List<int[]> sizes = new java.util.ArrayList<>();
      sizes.add(new int[] {h, w});
      int ch = h;
      int cw = w;
      while (residuals.size() < levels && Math.min(ch, cw) >= 2) {
        int lh = ch / 2;
        int lw = cw / 2;
        double[] low = new double[lh * lw];
        for (int i = 0; i < lh; i++) {
          for (int j = 0; j < lw; j++) {
            low[i * lw + j] = 0.25 * (cur[2 * i * cw + 2 * j] + cur[2 * i * cw + 2 * j + 1]
                + cur[(2 * i + 1) * cw + 2 * j] + cur[(2 * i + 1) * cw + 2 * j + 1]);
          }
        }
        double[] back = bilinear(low, lh, lw, ch, cw);
        double[] res = new double[cur.length];
        for (int i = 0; i < res.length; i++) {
          res[i] = cur[i] - back[i];
        }
        residuals.add(res);
        sizes.add(new int[] {lh, lw});
        cur = low;
        ch = lh;
        cw = lw;
      }
      int depth = residuals.size();
      assertThat(comps.count()).as("components").isEqualTo(depth + 1);
      List<double[]> expected = new java.util.ArrayList<>();
      expected.add(upTo(cur, depth, sizes));
      for (int l = 0; l < depth; l++) {
        expected.add(upTo(residuals.get(l), l, sizes));
      }
      for (int k = 0; k <= depth; k++) {
        double[] comp = comps.component(k);
        assertThat(comps.strength(k)).isCloseTo(depth == 0 ? 1 : 1 - (double) k / depth, offset(1e-15));
        for (int p = 0; p < h * w; p++) {
          assertThat(comp[c * h * w + p]).as("%s component %d channel %d [%d]", size, k, c, p)
              .isCloseTo(expected.get(k)[p], offset(1e-12));
        }
      }
    }
  }

  private static double[] upTo(double[] img, int from, List<int[]> sizes) {
    double[] cur = img;
    for (int l = from; l >= 1; l--) {
      cur = bilinear(cur, sizes.get(l)[0], sizes.get(l)[1], sizes.get(l - 1)[0], sizes.get(l - 1)[1]);
    }
    return cur;
  }

  /** Half-pixel bilinear resize, written as a 2-D weighted sum over all source pixels. */
  private static double[] bilinear(double[] img, int ih, int iw, int oh, int ow) {
    double[] out = new double[oh * ow];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        double s = 0;
        for (int a = 0; a < ih; a++) {
          for (int b = 0; b < iw; b++) {
            s += weight(i, a, ih, oh) * weight(j, b, iw, ow) * img[a * iw + b];
          }
        }
        out[i * ow + j] = s;
      }
    }
    return out;
  }

  /** The weight of source sample a for output i: hat function around the clamped source coordinate. */
  private static double weight(int i, int a, int in, int out) {
    double src = Math.max(0, (i + 0.5) * in / out - 0.5);
    if (src >= in - 1) {
      return a == in - 1 ? 1 : 0;
    }
    return Math.max(0, 1 - Math.abs(src - a));
  }

  /** Known values: [0, 1] resized to 4 samples is 0, 0.25, 0.75, 1. */
  @Test
  void bilinearKnownValues() {
    assertThat(LaplacianPyramid.resize(new double[] {0, 1}, 1, 2, 1, 4)).containsExactly(0, 0.25, 0.75, 1);
    assertThat(LaplacianPyramid.resize(new double[] {2}, 1, 1, 3, 2)).containsExactly(2, 2, 2, 2, 2, 2);
  }
}
