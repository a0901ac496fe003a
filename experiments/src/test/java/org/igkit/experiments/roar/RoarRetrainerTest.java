package org.igkit.experiments.roar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining on a benchmark built so that one map is perfect: each 1×16×16 image is noise in
 * [0.4, 0.6] with one 2×2 patch at a random place, bright (0.95) for class 0 and dark (0.05) for
 * class 1, so the class lives in those four pixels only. The perfect map marks them; removing them
 * leaves nothing to learn, while removing the same number of random pixels leaves most patches.
 */
class RoarRetrainerTest {

  private static final Shape SHAPE = new Shape(1, 16, 16);
  private static final int PIXELS = 16 * 16;

  @TempDir static Path dir;

  private static Images train;
  private static Images test;

  /** Images with their labels and the perfect and random saliencies. */
  private record Images(float[][] images, int[] labels, double[][] perfect, double[][] random) {

    TrainingSet removed(boolean perfectMap, double ratio) {
      float[] all = new float[images.length * SHAPE.size()];
      for (int i = 0; i < images.length; i++) {
        float[] out = PixelRemoval.remove(images[i], (perfectMap ? perfect : random)[i], SHAPE, ratio);
        System.arraycopy(out, 0, all, i * SHAPE.size(), SHAPE.size());
      }
      return TrainingSet.ofFloats(SHAPE, 2, all, labels);
    }
  }

  private static Images images(int n, long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    float[][] images = new float[n][PIXELS];
    int[] labels = new int[n];
    double[][] perfect = new double[n][PIXELS];
    double[][] random = new double[n][PIXELS];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int p = 0; p < PIXELS; p++) {
        images[i][p] = (float) (0.4 + 0.2 * g.nextDouble());
        random[i][p] = Math.abs(g.nextGaussian());
      }
      int y = g.nextInt(15);
      int x = g.nextInt(15);
      for (int dy = 0; dy < 2; dy++) {
        for (int dx = 0; dx < 2; dx++) {
          int p = (y + dy) * 16 + x + dx;
          images[i][p] = labels[i] == 0 ? 0.95f : 0.05f;
          perfect[i][p] = 1;
        }
      }
    }
    return new Images(images, labels, perfect, random);
  }

  @BeforeAll
  static void data() {
    train = images(384, 1);
    test = images(200, 2);
  }

  private static RoarRetrainer retrainer() {
    return new RoarRetrainer(new TrainingSpec(384, 3, 16, 0.01, 4, "small-cnn", "fixed", 0), RandomSource.of(5));
  }

  @Test
  void twoRetrainingsOnTheSameImagesGiveTheSameWeightsAndAccuracies() throws Exception {
    TrainingSet tr = train.removed(false, 0.1);
    TrainingSet te = test.removed(false, 0.1);
    RoarRetrainer.Score a = retrainer().retrain(tr, te, dir.resolve("a.params"), line -> {});
    RoarRetrainer.Score b = retrainer().retrain(tr, te, dir.resolve("b.params"), line -> {});
    assertThat(b).isEqualTo(a);
    assertThat(a.epochAccuracy()).hasSize(3);
    assertThat(Files.readAllBytes(dir.resolve("b.params"))).isEqualTo(Files.readAllBytes(dir.resolve("a.params")));
    // the score is the best epoch's accuracy, each a share of the 200 test images
    assertThat(a.accuracy()).isEqualTo(a.epochAccuracy().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    assertThat(a.epochAccuracy().get(a.bestEpoch() - 1)).isEqualTo(a.accuracy());
    for (double v : a.epochAccuracy()) {
      assertThat(v * 200).isCloseTo(Math.rint(v * 200), org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void accuracyFallsFasterForThePerfectMapThanForRandomMaps() {
    List<Double> ratios = List.of(0.1, 0.5);
    List<Double> perfect = new ArrayList<>();
    List<Double> random = new ArrayList<>();
    for (double r : ratios) {
      perfect.add(retrainer().retrain(train.removed(true, r), test.removed(true, r), dir.resolve("p.params"), l -> {}).accuracy());
      random.add(retrainer().retrain(train.removed(false, r), test.removed(false, r), dir.resolve("q.params"), l -> {}).accuracy());
    }
    // the perfect map removes every informative pixel already at r = 0.1: chance level (200 images,
    // best of 3 epochs); random removal of 10 % keeps most patches whole
    assertThat(perfect.get(0)).as("perfect map, r = 0.1: %s", perfect).isLessThan(0.65);
    assertThat(random.get(0)).as("random maps, r = 0.1: %s", random).isGreaterThan(0.85);
    assertThat(RoarCurves.area(ratios, perfect)).isLessThan(RoarCurves.area(ratios, random));
  }

  @Test
  void scoreIsTheFirstBestEpoch() {
    RoarRetrainer.Score s = RoarRetrainer.Score.of(List.of(0.5, 0.75, 0.75, 0.6));
    assertThat(s.accuracy()).isEqualTo(0.75);
    assertThat(s.bestEpoch()).isEqualTo(2);
  }
}
