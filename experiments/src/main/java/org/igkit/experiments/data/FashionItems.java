package org.igkit.experiments.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.igkit.api.random.RandomSource;

/**
 * The Fashion-MNIST items a generator pastes: each split's part read on first use (train split →
 * {@code train}, test split → {@code t10k}, so no test image reuses a training item), and each
 * class's items in the order {@link BalancedDraws#itemOrder} draws. Not thread-safe.
 */
final class FashionItems {

  private final Path dir;
  private final Map<ShapesDataset.Split, FashionMnist> parts = new EnumMap<>(ShapesDataset.Split.class);
  private final Map<ShapesDataset.Split, int[][]> orders = new EnumMap<>(ShapesDataset.Split.class);

  FashionItems(Path dir) {
    this.dir = dir;
  }

  /** Returns the part of {@code split}. */
  FashionMnist part(ShapesDataset.Split split) {
    return parts.computeIfAbsent(split, s -> FashionMnist.read(dir, s));
  }

  /** Returns the item index of the {@code j}-th image of class {@code label} of {@code split}. */
  int item(ShapesDataset.Split split, RandomSource stream, int label, long j) {
    int[][] byClass = orders.computeIfAbsent(split, s -> new int[FashionMnist.CLASS_NAMES.size()][]);
    if (byClass[label] == null) {
      byClass[label] = BalancedDraws.itemOrder(stream, label, part(split).indicesOf(label));
    }
    int[] order = byClass[label];
    return order[(int) (j % order.length)];
  }
}
