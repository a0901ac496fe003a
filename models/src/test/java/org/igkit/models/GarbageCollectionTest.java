package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.igkit.models.Fixtures.randomImage;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.models.block.BlockArchitectures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A garbage collection between the forward and the backward pass changes no gradient: nothing the
 * backward pass reads lives in memory the JVM frees (see {@link EngineScalars}).
 *
 * <p>The forward pass runs with autograd; then the JVM collects garbage until the direct buffers
 * allocated during the forward pass (the scalars DJL wraps numbers in) are freed again; then the
 * backward pass runs. Its input gradient must equal, bit for bit, that of a pass without the
 * collection. When a network keeps such a scalar for its backward pass, the freed memory no longer
 * holds the number (the allocator writes its own bookkeeping there) and the gradient changes.
 */
class GarbageCollectionTest {

  private static final Shape SHAPE = Shape.of(3, 32, 32);
  private static final int CLASSES = 5;
  private static final int WIDTH = 4;

  @ParameterizedTest
  @ValueSource(strings = {"small-cnn", "resnet", "vgg", "mobilenetv2"})
  void aCollectionBetweenForwardAndBackwardChangesNoGradient(String architecture) {
    PyTorchRuntime.start(1, 1);
    try (Model model = Model.newInstance(architecture, PyTorchRuntime.ENGINE)) {
      Block block = BlockArchitectures.of(architecture).build(CLASSES, WIDTH, SHAPE);
      model.setBlock(block);
      BlockParameters.initialize(block, model.getNDManager(), SHAPE, 3);
      block.freezeParameters(true);
      ParameterStore store = new ParameterStore(model.getNDManager(), false);
      List<float[]> points = List.of(randomImage(1), randomImage(2));
      float[] reference = gradient(model, block, store, points, false);
      assertThat(Fixtures.norm(reference)).isGreaterThan(0);
      for (int round = 0; round < 3; round++) {
        float[] collected = gradient(model, block, store, points, true);
        assertThat(Arrays.equals(collected, reference))
            .as("%s, round %d: gradient after a collection has norm %g, max |difference| %g, without %g",
                architecture, round, Fixtures.norm(collected), maxDifference(collected, reference),
                Fixtures.norm(reference))
            .isTrue();
      }
    }
  }

  @Test
  void engineScalarsHaveTheTypeOfTheirArray() {
    PyTorchRuntime.start(1, 1);
    try (NDManager manager = ai.djl.engine.Engine.getEngine(PyTorchRuntime.ENGINE).newBaseManager()) {
      NDArray x = manager.create(new double[] {-1, 0.5, 7});
      NDArray six = EngineScalars.of(x, 6);
      assertThat(six.getDataType()).isEqualTo(DataType.FLOAT64);
      assertThat(six.getShape().dimension()).isZero();
      assertThat(six.getDouble()).isEqualTo(6.0);
      assertThat(EngineScalars.relu6(x).toDoubleArray()).containsExactly(0, 0.5, 6);
    }
  }

  /**
   * The gradient of the sum of all logits with respect to the stacked {@code points}; with
   * {@code collect}, garbage is collected between the forward and the backward pass.
   */
  private static float[] gradient(Model model, Block block, ParameterStore store, List<float[]> points, boolean collect) {
    try (NDManager sub = model.getNDManager().newSubManager()) {
      float[] flat = new float[points.size() * SHAPE.size()];
      for (int i = 0; i < points.size(); i++) {
        System.arraycopy(points.get(i), 0, flat, i * SHAPE.size(), SHAPE.size());
      }
      NDArray x = sub.create(flat, new ai.djl.ndarray.types.Shape(points.size(), 3, 32, 32));
      x.setRequiresGradient(true);
      return PyTorchRuntime.withGradMode(true, () -> {
        long buffers = directBuffers();
        NDArray total = block.forward(store, new NDList(x), false).singletonOrThrow().sum();
        if (collect) {
          // until every direct buffer the forward pass allocated and dropped is freed (bounded)
          for (int i = 0; i < 200 && directBuffers() > buffers; i++) {
            System.gc();
            Thread.yield();
          }
        }
        JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape()), false, false);
        return x.getGradient().toFloatArray();
      });
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static long directBuffers() {
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getCount();
      }
    }
    throw new IllegalStateException("no direct buffer pool");
  }
}
