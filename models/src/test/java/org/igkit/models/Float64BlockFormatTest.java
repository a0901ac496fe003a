package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.models.block.SmallCnn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format {@code djl-block} with {@code precision: float64}: a saved small CNN loaded in double. */
class Float64BlockFormatTest {

  private static final Shape SHAPE = Shape.of(3, 32, 32);
  private static final int CLASSES = 10;
  private static final int WIDTH = 8;

  @TempDir static Path dir;
  private static Path file;

  @BeforeAll
  static void save() {
    PyTorchRuntime.start(1, 1);
    file = dir.resolve("small-cnn.params");
    Block block = SmallCnn.build(CLASSES, WIDTH);
    try (Model model = Model.newInstance("small-cnn", PyTorchRuntime.ENGINE)) {
      model.setBlock(block);
      SmallCnn.initialize(block, model.getNDManager(), SHAPE, 3);
      BlockParameters.save(block, file);
    }
  }

  private static DjlModelFunction load(String precision) {
    ModelSpec spec = ModelSpec.builder().setPath(file.toString()).setInputShape(3, 32, 32)
        .optBlock(SmallCnn.TYPE, WIDTH).optNumClasses(CLASSES).optPrecision(precision).build();
    return (DjlModelFunction) new DjlBlockFormat().load(spec);
  }

  /** Points on the straight line from black to a random image. */
  private static List<float[]> path(int n) {
    float[] x = Fixtures.randomImage(5);
    List<float[]> points = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      float a = (j + 0.5f) / n;
      float[] p = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        p[i] = a * x[i];
      }
      points.add(p);
    }
    return points;
  }

  @Test
  void loadsTheSavedParametersInDoubleAndAgreesWithFloat32() {
    List<float[]> points = path(4);
    try (DjlModelFunction f64 = load(ModelSpec.FLOAT64); DjlModelFunction f32 = load(null)) {
      f64.model().getBlock().getParameters().forEach(p ->
          assertThat(p.getValue().getArray().getDataType()).as(p.getKey()).isEqualTo(DataType.FLOAT64));
      f32.model().getBlock().getParameters().forEach(p ->
          assertThat(p.getValue().getArray().getDataType()).as(p.getKey()).isEqualTo(DataType.FLOAT32));
      float[][] a = f64.outputs(points);
      float[][] b = f32.outputs(points);
      for (int j = 0; j < a.length; j++) {
        for (int k = 0; k < CLASSES; k++) {
          assertThat(a[j][k]).isCloseTo(b[j][k], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  /**
   * The same 12 points in one batch and one at a time: in float64 the gradients rounded to float32
   * are bit-identical, and the double gradients agree to 1e-13 (they differ in their last bits:
   * the engine sums in another order for another batch size). In float32 the same comparison
   * differs in about 30 000 of the 36 864 gradient elements (up to 4e-9) with libtorch 2.7.1 on
   * x86-64 — which is what flips max-pooling near-ties along Guided IG and Blur IG paths.
   */
  @Test
  void batchesOfOneAndOfTwelveGiveBitIdenticalGradientsInFloat64() {
    List<float[]> points = path(12);
    int[] targets = new int[12];
    java.util.Arrays.fill(targets, 7);
    try (DjlModelFunction f = load(ModelSpec.FLOAT64)) {
      ScoresAndGradients all = f.scoresAndGradients(points, targets);
      List<double[]> wide = points.stream().map(Float64PrecisionTest::widen).toList();
      DoubleScoresAndGradients allDouble = f.scoresAndGradientsInDouble(wide, targets);
      for (int j = 0; j < points.size(); j++) {
        ScoresAndGradients one = f.scoresAndGradients(List.of(points.get(j)), new int[] {7});
        assertThat(one.gradients().get(0)).as("point %d", j).isEqualTo(all.gradients().get(j));
        assertThat(one.scores()[0]).isEqualTo(all.scores()[j]);
        double[] oneDouble = f.scoresAndGradientsInDouble(List.of(wide.get(j)), new int[] {7}).gradients().get(0);
        assertThat(Float64PrecisionTest.maxRelativeError(oneDouble, allDouble.gradients().get(j)))
            .isLessThan(1e-13);
      }
    }
  }
}
