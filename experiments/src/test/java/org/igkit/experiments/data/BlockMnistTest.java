package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
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
 * The {@code block-mnist} generator, where Debian's {@code dataset-fashion-mnist} is installed
 * (skipped otherwise): determinism, exact masks, balance, and the committed split rebuilt byte
 * for byte.
 */
class BlockMnistTest {

  private static final Path ITEMS = Path.of(FashionMnist.DEBIAN_DIR);

  @BeforeAll
  static void debianFiles() {
    assumeTrue(FashionMnist.presentIn(ITEMS), "needs Debian's dataset-fashion-mnist");
  }

  @Test
  void anImageIsAFunctionOfSeedSplitAndIndexOnly() {
    CompositeSample a = new BlockMnist(5, ITEMS).sample(Split.TEST, 33);
    BlockMnist other = new BlockMnist(5, ITEMS);
    other.sample(Split.TRAIN, 2);
    CompositeSample b = other.sample(Split.TEST, 33);
    assertThat(b.image()).containsExactly(a.image());
    assertThat(b.mask()).containsExactly(a.mask());
    assertThat(new BlockMnist(6, ITEMS).sample(Split.TEST, 33).image()).isNotEqualTo(a.image());
  }

  @Test
  void theItemHalfHoldsTheItemExactlyOnItsMask() {
    BlockMnist g = new BlockMnist(0, ITEMS);
    FashionMnist test = FashionMnist.read(ITEMS, Split.TEST);
    int half = 28 * 28;
    int[] counts = new int[10];
    for (int i = 0; i < 60; i++) {
      CompositeSample s = g.sample(Split.TEST, i);
      counts[s.label()]++;
      assertThat(test.label(s.item())).isEqualTo(s.label());
      float[] item = test.image(s.item());
      int offset = s.background() == 0 ? 0 : half;
      for (int p = 0; p < half; p++) {
        boolean bright = item[p] >= Silhouette.THRESHOLD;
        if (bright) {
          assertThat(s.mask()[offset + p]).as("%s pixel %d", s.id(), p).isEqualTo(1f);
        }
        assertThat(s.image()[offset + p]).isEqualTo(s.mask()[offset + p] == 1 ? item[p] : 0f);
      }
    }
    assertThat(counts).containsOnly(6);
  }

  @Test
  void buildDataRebuildsTheCommittedSplitByteForByte() throws Exception {
    BlockMnist g = new BlockMnist(0, ITEMS);
    List<CompositeSample> samples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      samples.add(g.sample(Split.TEST, i));
    }
    List<CompositeSample> refs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      refs.add(g.sample(Split.TRAIN, i));
    }
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    BenchmarkArchive.of(BlockMnist.ID, 0, null, samples, refs).write(rebuilt);
    try (InputStream committed = getClass().getResourceAsStream(ArchivedBenchmark.bundledName(BlockMnist.ID))) {
      assertThat(rebuilt.toByteArray()).isEqualTo(committed.readAllBytes());
    }
  }
}
