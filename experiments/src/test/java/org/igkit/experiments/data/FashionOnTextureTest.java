package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.experiments.data.ShapesDataset.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code fashion-on-texture} generator, where Debian's {@code dataset-fashion-mnist} and
 * {@code python3-skimage} are installed (skipped otherwise): determinism, exact masks, balance,
 * and the committed split rebuilt byte for byte.
 */
class FashionOnTextureTest {

  private static final Path ITEMS = Path.of(FashionMnist.DEBIAN_DIR);
  private static final Path TEXTURES = Path.of(TextureBank.DEBIAN_DIR);

  @BeforeAll
  static void debianFiles() {
    assumeTrue(FashionMnist.presentIn(ITEMS) && TextureBank.presentIn(TEXTURES),
        "needs Debian's dataset-fashion-mnist and python3-skimage");
  }

  private static FashionOnTexture generator(long seed) {
    return new FashionOnTexture(FashionOnTexture.Spec.defaults(), seed, ITEMS, TEXTURES);
  }

  @Test
  void anImageIsAFunctionOfSeedSplitAndIndexOnly() {
    CompositeSample a = generator(3).sample(Split.TRAIN, 17);
    FashionOnTexture other = generator(3);
    other.sample(Split.TEST, 4);
    other.sample(Split.TRAIN, 40);
    CompositeSample b = other.sample(Split.TRAIN, 17);
    assertThat(b.image()).containsExactly(a.image());
    assertThat(b.mask()).containsExactly(a.mask());
    assertThat(b.label()).isEqualTo(a.label());
    assertThat(b.item()).isEqualTo(a.item());
    assertThat(generator(4).sample(Split.TRAIN, 17).image()).isNotEqualTo(a.image());
    assertThat(generator(3).sample(Split.TEST, 17).image()).isNotEqualTo(a.image());
  }

  @Test
  void outsideTheMaskIsTheBackgroundAndInsideItTheItemsShadedColour() {
    FashionOnTexture g = generator(0);
    for (int i = 0; i < 40; i++) {
      CompositeSample s = g.sample(Split.TEST, i);
      FashionOnTexture.Recipe r = g.recipe(Split.TEST, i);
      float[][] background = g.background(r.background(), r.cropSide(), r.cropY(), r.cropX(), r.mirror());
      int pixels = 64 * 64;
      int inMask = 0;
      for (int p = 0; p < pixels; p++) {
        int y = p / 64;
        int x = p % 64;
        boolean inFrame = y >= r.itemY() && y < r.itemY() + r.itemSide() && x >= r.itemX() && x < r.itemX() + r.itemSide();
        if (s.mask()[p] == 0) {
          for (int c = 0; c < 3; c++) {
            assertThat(s.image()[c * pixels + p]).as("%s pixel %d", s.id(), p).isEqualTo(Resampling.quantise(background[c][p]));
          }
          continue;
        }
        inMask++;
        assertThat(inFrame).as("%s mask pixel %d lies in the item's frame", s.id(), p).isTrue();
        int strongest = 0;
        for (int c = 1; c < 3; c++) {
          strongest = r.colour()[c] > r.colour()[strongest] ? c : strongest;
        }
        // rounding to 1/255 blurs the shade by at most 0.5/255 over the strongest channel's colour
        double shade = s.image()[strongest * pixels + p] / r.colour()[strongest];
        double tolerance = 0.51 / 255 / r.colour()[strongest];
        assertThat(shade).as("%s shade at %d", s.id(), p).isBetween(0.35 - tolerance, 1.0 + tolerance);
        for (int c = 0; c < 3; c++) {
          assertThat((double) s.image()[c * pixels + p])
              .isCloseTo(r.colour()[c] * shade, org.assertj.core.api.Assertions.within(1.01 / 255));
        }
      }
      assertThat(inMask).as(s.id()).isGreaterThan(40);
      assertThat(s.box()).isEqualTo(CompositeSample.boxOf(s.mask(), 64, 64));
      assertThat(s.label()).isEqualTo(r.label());
    }
  }

  @Test
  void labelsAreBalancedAndItemsComeFromTheSplitsOwnPart() {
    FashionOnTexture g = generator(0);
    FashionMnist test = FashionMnist.read(ITEMS, Split.TEST);
    FashionMnist train = FashionMnist.read(ITEMS, Split.TRAIN);
    int[] counts = new int[10];
    for (int i = 0; i < 100; i++) {
      FashionOnTexture.Recipe r = g.recipe(Split.TEST, i);
      counts[r.label()]++;
      assertThat(test.label(r.item())).isEqualTo(r.label());
    }
    assertThat(counts).containsOnly(10);
    for (int i = 0; i < 20; i++) {
      FashionOnTexture.Recipe r = g.recipe(Split.TRAIN, i);
      assertThat(train.label(r.item())).isEqualTo(r.label());
    }
  }

  @Test
  void buildDataRebuildsTheCommittedSplitByteForByte() throws Exception {
    FashionOnTexture g = generator(0);
    List<CompositeSample> samples = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      samples.add(g.sample(Split.TEST, i));
    }
    List<CompositeSample> refs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      refs.add(g.sample(Split.TRAIN, i));
    }
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    BenchmarkArchive.of(FashionOnTexture.ID, 0, g.spec(), samples, refs).write(rebuilt);
    try (InputStream committed = getClass().getResourceAsStream(ArchivedBenchmark.bundledName(FashionOnTexture.ID))) {
      assertThat(rebuilt.toByteArray()).isEqualTo(committed.readAllBytes());
    }
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(FashionOnTexture.Spec.defaults()).isEqualTo(new FashionOnTexture.Spec(64, 0.45, 0.8, 0.3));
    assertThatThrownBy(() -> new FashionOnTexture.Spec(null, 0.6, 0.5, null))
        .hasMessage("maxScale: must be ≥ minScale (0.6), was 0.5");
    assertThatThrownBy(() -> new FashionOnTexture.Spec(16, null, null, null)).hasMessage("size: must be ≥ 32, was 16");
  }

  @Test
  void missingFilesSayWhatToInstall() {
    FashionOnTexture g = new FashionOnTexture(FashionOnTexture.Spec.defaults(), 0, Path.of("/nonexistent"), TEXTURES);
    assertThatThrownBy(() -> g.sample(Split.TEST, 0))
        .hasMessageContaining("/nonexistent/t10k-images-idx3-ubyte.gz not found")
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
    FashionOnTexture h = new FashionOnTexture(FashionOnTexture.Spec.defaults(), 0, ITEMS, Path.of("/nonexistent"));
    assertThatThrownBy(() -> h.sample(Split.TEST, 0)).hasMessageContaining("python3-skimage");
  }
}
