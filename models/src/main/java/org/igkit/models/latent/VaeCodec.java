package org.igkit.models.latent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.models.PyTorchRuntime;

/**
 * Inference with a {@link ConvVae}: posterior means of images ({@link #encode}) and decoded images
 * of latent points ({@link #decode}), batched, on DJL's PyTorch engine.
 *
 * <p>Every call stacks its inputs in a fresh sub-manager of the codec's manager, runs the block
 * with {@code training = false} under PyTorch's (thread-local) grad mode switched off — decoding
 * builds no autograd graph and needs no {@code GradientCollector} — copies the result to Java
 * arrays and closes the sub-manager with every intermediate before returning. The parameters are
 * frozen. Calls are synchronised, so one codec may serve several attribution threads (one call
 * at a time); the arrays it returns are fresh.
 *
 * <p>The codec owns its manager: {@link #close()} frees the parameters (≈ 0.5 MB for the shapes
 * VAE).
 */
public final class VaeCodec implements LatentCodec {

  private final NDManager manager;
  private final ConvVae vae;
  private final ParameterStore store;
  private boolean closed;

  private VaeCodec(NDManager manager, ConvVae vae) {
    this.manager = manager;
    this.vae = vae;
    vae.freezeParameters(true);
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Loads a VAE written by {@link VaeFile#write}.
   *
   * @throws IllegalArgumentException if the file is missing or is not a VAE file
   */
  public static VaeCodec load(Path file) {
    NDManager manager = newManager();
    try {
      return new VaeCodec(manager, VaeFile.read(file, manager));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Returns a codec over a freshly built VAE with seeded random weights
   * ({@link ConvVae#initializeSeeded}) — untrained, for tests and for checking code paths.
   */
  public static VaeCodec random(Shape shape, int latentDim, int width, long seed) {
    NDManager manager = newManager();
    try {
      ConvVae vae = new ConvVae(shape, latentDim, width);
      vae.initializeSeeded(manager, seed);
      return new VaeCodec(manager, vae);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Starts the PyTorch engine if nobody did yet, with igkit's defaults (offline, no telemetry,
   * one intra-op and one inter-op thread) unless the user set those properties; a running engine
   * keeps its settings.
   */
  private static NDManager newManager() {
    defaultProperty("ai.djl.offline", "DJL_OFFLINE", "true");
    defaultProperty("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
    defaultProperty("ai.djl.pytorch.num_threads", null, "1");
    defaultProperty("ai.djl.pytorch.num_interop_threads", null, "1");
    return Engine.getEngine(PyTorchRuntime.ENGINE).newBaseManager();
  }

  private static void defaultProperty(String property, String env, String value) {
    if (System.getProperty(property) == null && (env == null || System.getenv(env) == null)) {
      System.setProperty(property, value);
    }
  }

  /** Returns the image shape the VAE was built for. */
  @Override
  public Shape shape() {
    return vae.shape();
  }

  /** Returns the latent dimension. */
  @Override
  public int latentDim() {
    return vae.latentDim();
  }

  /** Returns the block (owned by this codec). */
  public ConvVae vae() {
    return vae;
  }

  /** Returns the posterior mean μ(x) of each image (C×H×W, values in the VAE's space). */
  @Override
  public synchronized float[][] encode(List<float[]> images) {
    requireOpen();
    Shape shape = vae.shape();
    for (int i = 0; i < images.size(); i++) {
      shape.require("image " + i, images.get(i));
    }
    if (images.isEmpty()) {
      return new float[0][];
    }
    int n = images.size();
    float[] flat;
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = sub.create(FlatRows.stack(images, shape.size()), vae.imageBatch(n));
      flat = withoutGrad(() -> vae.means(
          vae.encoder().forward(store, new NDList(x), false).singletonOrThrow()).toFloatArray());
    }
    return FlatRows.split(flat, n, vae.latentDim());
  }

  /** Returns the decoded image D(z) of each latent point (C×H×W, values in (0, 1)). */
  @Override
  public synchronized float[][] decode(List<float[]> latents) {
    requireOpen();
    int d = vae.latentDim();
    for (int i = 0; i < latents.size(); i++) {
      if (latents.get(i).length != d) {
        throw new IllegalArgumentException(
            "latent " + i + ": has " + latents.get(i).length + " values, the VAE's latent dimension is " + d);
      }
    }
    if (latents.isEmpty()) {
      return new float[0][];
    }
    int n = latents.size();
    float[] flat;
    try (NDManager sub = manager.newSubManager()) {
      NDArray z = sub.create(FlatRows.stack(latents, d), vae.latentBatch(n));
      flat = withoutGrad(() -> vae.decoder().forward(store, new NDList(z), false).singletonOrThrow().toFloatArray());
    }
    return FlatRows.split(flat, n, vae.shape().size());
  }

  /**
   * Returns J_D(z_i)ᵀ v_i: D(z) is computed with z requiring a gradient under PyTorch's
   * (thread-local) grad mode, and Σ D(z)·v is differentiated with the engine's backward call (not
   * DJL's {@code GradientCollector}, which admits one collector per JVM). The parameters are frozen,
   * so only z gets a gradient.
   */
  @Override
  public synchronized float[][] decodeVjp(List<float[]> latents, List<float[]> cotangents) {
    requireOpen();
    int d = vae.latentDim();
    int size = vae.shape().size();
    if (latents.size() != cotangents.size()) {
      throw new IllegalArgumentException(
          "decoder VJP: " + latents.size() + " latents but " + cotangents.size() + " cotangents");
    }
    for (int i = 0; i < latents.size(); i++) {
      if (latents.get(i).length != d) {
        throw new IllegalArgumentException(
            "latent " + i + ": has " + latents.get(i).length + " values, the VAE's latent dimension is " + d);
      }
      vae.shape().require("cotangent " + i, cotangents.get(i));
    }
    if (latents.isEmpty()) {
      return new float[0][];
    }
    int n = latents.size();
    float[] flat;
    try (NDManager sub = manager.newSubManager()) {
      NDArray z = sub.create(FlatRows.stack(latents, d), vae.latentBatch(n));
      NDArray v = sub.create(FlatRows.stack(cotangents, size), vae.imageBatch(n));
      flat = withGrad(() -> {
        z.setRequiresGradient(true);
        NDArray out = vae.decoder().forward(store, new NDList(z), false).singletonOrThrow();
        NDArray total = out.mul(v).sum();
        JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape()), false, false);
        return z.getGradient().toFloatArray();
      });
    }
    return FlatRows.split(flat, n, d);
  }

  /** Writes the VAE to {@code file} ({@link VaeFile#write}). */
  public synchronized void save(Path file) {
    requireOpen();
    VaeFile.write(vae, file);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("VAE codec " + vae + " is closed");
    }
  }

  /** Runs {@code body} with PyTorch's thread-local grad mode off, then restores it. */
  private static float[] withoutGrad(java.util.function.Supplier<float[]> body) {
    return PyTorchRuntime.withGradMode(false, body);
  }

  /** Runs {@code body} with PyTorch's thread-local grad mode on, then restores it. */
  private static float[] withGrad(java.util.function.Supplier<float[]> body) {
    return PyTorchRuntime.withGradMode(true, body);
  }
}
