package org.igkit.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.igkit.api.model.Shape;
import org.igkit.models.PyTorchRuntime;
import org.igkit.models.latent.ConvVae;
import org.junit.jupiter.api.Test;

/**
 * The VAE's training objective (reparameterisation and {@link VaeLoss}) keeps no constant the JVM
 * may free for its backward pass: a garbage collection between the forward and the backward pass
 * changes no gradient, bit for bit.
 */
class VaeLossGarbageCollectionTest {

  private static final Shape SHAPE = Shape.of(1, 16, 16);
  private static final int LATENT = 4;

  @Test
  void aCollectionBetweenForwardAndBackwardChangesNoGradient() {
    PyTorchRuntime.start(1, 1);
    ConvVae vae = new ConvVae(SHAPE, LATENT, 4);
    try (Model model = Model.newInstance("conv-vae", PyTorchRuntime.ENGINE)) {
      model.setBlock(vae);
      vae.initializeSeeded(model.getNDManager(), 5);
      vae.freezeParameters(true);
      ParameterStore store = new ParameterStore(model.getNDManager(), false);
      VaeLoss loss = new VaeLoss(0.1);
      float[] reference = gradient(model, vae, store, loss, false);
      assertThat(norm(reference)).isGreaterThan(0);
      for (int round = 0; round < 3; round++) {
        float[] collected = gradient(model, vae, store, loss, true);
        assertThat(Arrays.equals(collected, reference))
            .as("round %d: gradient after a collection has norm %g, without %g", round, norm(collected), norm(reference))
            .isTrue();
      }
    }
  }

  /** The gradient of the batch loss with respect to the images and the noise, concatenated. */
  private static float[] gradient(Model model, ConvVae vae, ParameterStore store, VaeLoss loss, boolean collect) {
    SplittableRandom random = new SplittableRandom(7);
    float[] images = new float[3 * SHAPE.size()];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    float[] noise = new float[3 * LATENT];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (random.nextDouble() - 0.5);
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray x = sub.create(images, vae.imageBatch(3));
      NDArray eps = sub.create(noise, vae.latentBatch(3));
      x.setRequiresGradient(true);
      eps.setRequiresGradient(true);
      return PyTorchRuntime.withGradMode(true, () -> {
        long buffers = directBuffers();
        NDList predictions = vae.forward(store, new NDList(x, eps), true);
        NDArray[] parts = loss.parts(new NDList(x), predictions);
        NDArray total = parts[0].add(parts[1]).mean();
        if (collect) {
          // until every direct buffer the forward pass allocated and dropped is freed (bounded)
          for (int i = 0; i < 200 && directBuffers() > buffers; i++) {
            System.gc();
            Thread.yield();
          }
        }
        JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape()), false, false);
        float[] gx = x.getGradient().toFloatArray();
        float[] ge = eps.getGradient().toFloatArray();
        float[] g = Arrays.copyOf(gx, gx.length + ge.length);
        System.arraycopy(ge, 0, g, gx.length, ge.length);
        return g;
      });
    }
  }

  private static double norm(float[] a) {
    double s = 0;
    for (float v : a) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
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
