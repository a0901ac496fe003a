package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation splits committed under {@code experiments/data/} and shipped in the jar, read by
 * the {@code fashion-on-texture} and {@code block-mnist} data sets with their defaults: no files
 * needed. These run on any machine; {@link FashionOnTextureTest} and {@link BlockMnistTest}
 * rebuild them from the Debian files where those are installed.
 */
class CommittedSplitsTest {

  @TempDir Path dir;

  private static final FashionOnTextureBenchmark FASHION = new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(null, null, null));
  private static final BlockMnistBenchmark BLOCK = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, null, null));

  @Test
  void bothDataSetsAreRegisteredAndBuildWithTheirDefaults() {
    PluginRegistry registry = PluginLoader.registry();
    assertThat(registry.plugins(Dataset.class)).containsKeys("shapes", "fashion-on-texture", "block-mnist");
    Dataset fashion = registry.get(Dataset.class, "fashion-on-texture").createDefault();
    Dataset block = registry.get(Dataset.class, "block-mnist").createDefault();
    assertThat(fashion.size()).isEqualTo(250);
    assertThat(block.size()).isEqualTo(300);
    assertThat(fashion.fingerprint()).isEqualTo(FASHION.fingerprint());
  }

  @Test
  void idsAreAnsweredWithoutReadingAndEqualTheSamplesIds() {
    Dataset shapes = new ShapesBenchmark(new ShapesBenchmark.Spec(3L, "test", 12, 0, null, null));
    for (Dataset d : List.of(FASHION, BLOCK, shapes)) {
      for (int i : new int[] {0, 1, d.size() - 1}) {
        assertThat(d.id(i)).as("%s sample %d", d.getClass().getSimpleName(), i).isEqualTo(d.get(i).id());
      }
    }
  }

  @Test
  void shapesSizesClassesAndReferences() {
    assertThat(FASHION.shape()).isEqualTo(Shape.of(3, 64, 64));
    assertThat(BLOCK.shape()).isEqualTo(Shape.of(1, 56, 28));
    for (Dataset d : List.of(FASHION, BLOCK)) {
      assertThat(d.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
      assertThat(d.referenceImages()).hasSize(16).allSatisfy(r -> assertThat(r).hasSize(d.shape().size()));
      assertThat(d.get(7).id()).isEqualTo("test-0007");
    }
    assertThat(FASHION.archive().meta().path("seed").asLong()).isZero();
    assertThat(FASHION.archive().meta().path("generator").path("size").asInt()).isEqualTo(64);
  }

  @Test
  void classesAreExactlyBalancedInBlocksOfTen() {
    for (Dataset d : List.of(FASHION, BLOCK)) {
      for (int block = 0; block < d.size() / 10; block++) {
        boolean[] seen = new boolean[10];
        for (int i = 10 * block; i < 10 * block + 10; i++) {
          int label = d.get(i).label();
          assertThat(seen[label]).as("label %d twice in block %d", label, block).isFalse();
          seen[label] = true;
        }
      }
    }
  }

  @Test
  void masksAreBinaryNonEmptyAndBoxedExactly() {
    for (Dataset d : List.of(FASHION, BLOCK)) {
      BenchmarkArchive a = d == FASHION ? FASHION.archive() : BLOCK.archive();
      Shape s = d.shape();
      for (int i = 0; i < d.size(); i++) {
        Sample x = d.get(i);
        int inMask = 0;
        for (float m : x.mask()) {
          assertThat(m).isIn(0f, 1f);
          inMask += (int) m;
        }
        assertThat(inMask).as(x.id()).isGreaterThan(40);
        assertThat(a.box(i)).as(x.id()).isEqualTo(CompositeSample.boxOf(x.mask(), s.height(), s.width()));
        for (float v : x.image()) {
          assertThat(Math.round(v * 255) / 255f).isEqualTo(v);
        }
      }
    }
  }

  @Test
  void blockMnistHasTheNullPatchInOneHalfAndNothingButTheItemInTheOther() {
    float[] patch = BlockMnist.nullPatch();
    int half = 28 * 28;
    int top = 0;
    for (int i = 0; i < BLOCK.size(); i++) {
      Sample x = BLOCK.get(i);
      boolean itemOnTop = BLOCK.archive().background(i) == 0;
      top += itemOnTop ? 1 : 0;
      int itemOffset = itemOnTop ? 0 : half;
      int patchOffset = itemOnTop ? half : 0;
      for (int p = 0; p < half; p++) {
        assertThat(x.image()[patchOffset + p]).isEqualTo(patch[p]);
        assertThat(x.mask()[patchOffset + p]).isZero();
        if (x.mask()[itemOffset + p] == 0) {
          assertThat(x.image()[itemOffset + p]).as("%s outside the mask", x.id()).isZero();
        }
      }
    }
    assertThat(top).isBetween(120, 180);
  }

  @Test
  void fashionItemsAreNeverReusedWithinTheSplitAndSitOnSeveralBackgrounds() {
    BenchmarkArchive a = FASHION.archive();
    java.util.Set<Integer> items = new java.util.HashSet<>();
    int[] perBackground = new int[TextureBank.FILES.size()];
    for (int i = 0; i < a.size(); i++) {
      assertThat(items.add(a.item(i))).as("item %d reused", a.item(i)).isTrue();
      perBackground[a.background(i)]++;
    }
    assertThat(java.util.Arrays.stream(perBackground).min().getAsInt()).isGreaterThan(15);
  }

  @Test
  void selectionsAndErrors() throws Exception {
    FashionOnTextureBenchmark ten = new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(null, 10, 2));
    assertThat(ten.size()).isEqualTo(10);
    assertThat(ten.referenceImages()).hasSize(2);
    assertThat(ten.get(3).image()).containsExactly(FASHION.get(3).image());
    assertThat(ten.fingerprint()).isNotEqualTo(FASHION.fingerprint());
    assertThatThrownBy(() -> new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(null, 251, null)))
        .hasMessageStartingWith("count: the shipped fashion-on-texture split")
        .hasMessageContaining("holds 250 images, asked for 251");
    assertThatThrownBy(() -> new FashionOnTextureBenchmark.Spec(null, 0, null)).hasMessage("count: must be ≥ 1, was 0");
    Path copy = dir.resolve("block.npz");
    try (var in = getClass().getResourceAsStream(ArchivedBenchmark.bundledName(BlockMnist.ID))) {
      Files.copy(in, copy);
    }
    assertThat(new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(copy.toString(), null, null)).fingerprint())
        .isEqualTo(BLOCK.fingerprint());
    assertThatThrownBy(() -> new FashionOnTextureBenchmark(new FashionOnTextureBenchmark.Spec(copy.toString(), null, null)))
        .hasMessageContaining("holds the 'block-mnist' benchmark, not 'fashion-on-texture'");
    assertThatThrownBy(() -> new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(dir.resolve("none.npz").toString(), null, null)))
        .hasMessageContaining("file not found")
        .hasMessageContaining("igkit build-data --dataset block-mnist");
  }

  @Test
  void theCommittedFilesAreSmallAndCarryANotice() throws Exception {
    Path data = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "data");
    long total = 0;
    try (var files = Files.list(data)) {
      for (Path f : files.toList()) {
        total += Files.size(f);
      }
    }
    assertThat(total).as("committed data bytes").isLessThan(3_000_000);
    String notice = Files.readString(data.resolve("NOTICE"));
    assertThat(notice).contains("Fashion-MNIST", "MIT", "CC0", "public domain", "python3-skimage", "dataset-fashion-mnist");
  }
}
