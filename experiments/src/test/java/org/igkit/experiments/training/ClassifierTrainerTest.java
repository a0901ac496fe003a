package org.igkit.experiments.training;

import org.igkit.models.training.ClassifierTrainer;
import org.igkit.models.training.TrainingSet;
import org.igkit.models.training.TrainingSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.api.random.RandomSource;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.models.BlockParameters;
import org.igkit.models.DjlModelFunction;
import org.igkit.models.PyTorchRuntime;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.api.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training every architecture at toy size: reproducible files that load back as models. */
class ClassifierTrainerTest {

  @TempDir Path dir;

  /** The first 48 images of the committed block-mnist split: 1×56×28, ten classes. */
  private static TrainingSet toyData() {
    var data = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, 48, 0));
    int size = data.shape().size();
    float[] images = new float[data.size() * size];
    int[] labels = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      System.arraycopy(data.get(i).image(), 0, images, i * size, size);
      labels[i] = data.get(i).label();
    }
    return TrainingSet.ofFloats(data.shape(), 10, images, labels);
  }

  private ClassifierTrainer.Result train(TrainingSpec spec, String name, List<String> progress) {
    RandomSource random = RandomSource.of(3);
    ClassifierTrainer.startEngine(random);
    return new ClassifierTrainer(spec).train(toyData(), random, dir.resolve(name), System.nanoTime(), progress::add);
  }

  @ParameterizedTest
  @ValueSource(strings = {"small-cnn", "resnet", "vgg", "mobilenetv2"})
  void eachArchitectureTrainsReproduciblyAndLoadsBack(String architecture) throws Exception {
    TrainingSpec spec = new TrainingSpec(48, 1, 16, 0.002, 4, architecture, "cosine", 2);
    List<String> progress = new ArrayList<>();
    ClassifierTrainer.Result a = train(spec, "a.params", progress);
    ClassifierTrainer.Result b = train(spec, "b.params", new ArrayList<>());
    assertThat(a.steps()).isEqualTo(3);
    assertThat(progress).hasSize(2).last().asString().startsWith("batch norm statistics re-estimated on 2 batches");
    assertThat(Files.readAllBytes(b.file())).isEqualTo(Files.readAllBytes(a.file()));
    ModelSpec model = new ModelSpec(a.file().toString(), ModelSpec.DJL_BLOCK, architecture, 4, List.of(1, 56, 28), 10,
        null, null, null, null, null, null, null);
    try (DjlModelFunction f = DjlModelFunction.load(model)) {
      var data = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, 20, 0));
      assertThat(ClassifierTrainer.accuracy(f, data, 20, 8)).isBetween(0.0, 1.0);
    }
  }

  /**
   * Re-estimating batch norm ({@code bnBatches = 3}) after the same training as a run without it
   * leaves every trainable parameter (convolution and linear weights, biases, γ, β) bit-identical
   * and moves only the running statistics. Those of the stem's batch norm, whose input is the
   * stem convolution of the raw images, are checked against their definition, computed here in
   * double precision independently of the engine: each of the 3 batches (48 images, i.e.
   * min(256, n), drawn uniformly with replacement from {@code random.derive("batch-norm")}, the
   * documented stream) moves the running mean 10 % of the way to the batch's per-channel mean
   * (DJL momentum 0.9) and the running variance 10 % of the way to the batch's unbiased variance
   * (PyTorch's rule), starting from the statistics the plain run ended with.
   */
  @Test
  void reestimatingBatchNormChangesOnlyTheRunningStatistics() throws Exception {
    int batches = 3;
    ClassifierTrainer.Result plain = train(new TrainingSpec(48, 1, 16, null, 4, "resnet", null, 0), "p.params", new ArrayList<>());
    ClassifierTrainer.Result bn = train(new TrainingSpec(48, 1, 16, null, 4, "resnet", null, batches), "q.params", new ArrayList<>());
    assertThat(bn.finalLoss()).isEqualTo(plain.finalLoss());
    TrainingSet data = toyData();
    Map<String, Parameter.Type> types = new LinkedHashMap<>();
    Map<String, float[]> before = parameters(plain.file(), data.shape(), types);
    Map<String, float[]> after = parameters(bn.file(), data.shape(), new LinkedHashMap<>());
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());

    int trainable = 0;
    int statistics = 0;
    for (String name : before.keySet()) {
      Parameter.Type type = types.get(name);
      if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
        statistics++;
        assertThat(after.get(name)).as("running statistic %s is re-estimated", name).isNotEqualTo(before.get(name));
      } else {
        trainable++;
        int[] a = bits(before.get(name));
        int[] b = bits(after.get(name));
        assertThat(b).as("trainable parameter %s (%s) is bit-identical", name, type).isEqualTo(a);
      }
    }
    // resnet: stem + 3 basic blocks (2 BN each) + 2 projection shortcuts = 9 batch norms
    assertThat(statistics).isEqualTo(2 * 9);
    assertThat(trainable).isGreaterThan(statistics);

    // the stem: conv3×3 (4 filters, no bias, "same" padding, stride 1) → batch norm
    String conv = firstOfType(types, Parameter.Type.WEIGHT);
    String mean = firstOfType(types, Parameter.Type.RUNNING_MEAN);
    String var = firstOfType(types, Parameter.Type.RUNNING_VAR);
    float[] w = before.get(conv);
    int channels = 4;
    int h = data.shape().height();
    int wd = data.shape().width();
    assertThat(w).hasSize(channels * 9);
    int n = data.size();
    SplittableRandom r = RandomSource.of(3).derive("batch-norm").generator();
    double[] expectedMean = toDouble(before.get(mean));
    double[] expectedVar = toDouble(before.get(var));
    float[] image = new float[data.shape().size()];
    for (int b = 0; b < batches; b++) {
      double[] sum = new double[channels];
      double[] sumSq = new double[channels];
      for (int i = 0; i < n; i++) {
        data.copyImage(r.nextInt(n), image, 0);
        for (int c = 0; c < channels; c++) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
              double v = 0;
              for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                  int yy = y + dy;
                  int xx = x + dx;
                  if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                    v += (double) w[c * 9 + (dy + 1) * 3 + (dx + 1)] * image[yy * wd + xx];
                  }
                }
              }
              sum[c] += v;
              sumSq[c] += v * v;
            }
          }
        }
      }
      double count = (double) n * h * wd;
      for (int c = 0; c < channels; c++) {
        double m = sum[c] / count;
        double unbiased = (sumSq[c] - count * m * m) / (count - 1);
        expectedMean[c] = 0.9 * expectedMean[c] + 0.1 * m;
        expectedVar[c] = 0.9 * expectedVar[c] + 0.1 * unbiased;
      }
    }
    float[] gotMean = after.get(mean);
    float[] gotVar = after.get(var);
    for (int c = 0; c < channels; c++) {
      assertThat((double) gotMean[c]).as("stem running mean, channel %d", c)
          .isCloseTo(expectedMean[c], within(1e-5 * Math.max(1, Math.abs(expectedMean[c]))));
      assertThat((double) gotVar[c]).as("stem running variance, channel %d", c)
          .isCloseTo(expectedVar[c], within(1e-5 * Math.max(1, Math.abs(expectedVar[c]))));
    }
  }

  /** Reads a resnet parameter file of width 4 and ten classes into name → values (and name → type). */
  private static Map<String, float[]> parameters(Path file, org.igkit.api.model.Shape shape,
      Map<String, Parameter.Type> types) {
    Block block = BlockArchitectures.of("resnet").build(10, 4, shape);
    Map<String, float[]> values = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager(PyTorchRuntime.ENGINE)) {
      block.initialize(manager, DataType.FLOAT32, BlockParameters.batchShape(shape));
      BlockParameters.load(block, manager, file, "resnet");
      for (Pair<String, Parameter> e : block.getParameters()) {
        values.put(e.getKey(), e.getValue().getArray().toFloatArray());
        types.put(e.getKey(), e.getValue().getType());
      }
    }
    return values;
  }

  private static String firstOfType(Map<String, Parameter.Type> types, Parameter.Type type) {
    return types.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey();
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  @Test
  void specDefaultsAndValidation() {
    assertThat(TrainingSpec.defaults())
        .isEqualTo(new TrainingSpec(12000, 5, 32, 0.002, 16, "small-cnn", "fixed", 0))
        .isEqualTo(new TrainingSpec(null, null, null, null, null));
    assertThatThrownBy(() -> new TrainingSpec(null, null, null, null, null, "alexnet", null, null))
        .hasMessageStartingWith("architecture: unknown 'alexnet' (known: small-cnn, resnet, vgg, mobilenetv2)");
    assertThatThrownBy(() -> new TrainingSpec(null, null, null, null, null, null, "step", null))
        .hasMessageContaining("schedule")
        .hasMessageContaining("step");
    assertThatThrownBy(() -> TrainingSet.ofBytes(org.igkit.api.model.Shape.of(1, 2, 2), 3, new byte[4], new int[] {3}))
        .hasMessage("label of image 0: must be in [0, 3), was 3");
  }
}
