package org.igkit.models.latent;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.igkit.api.model.Shape;
import org.igkit.models.PyTorchRuntime;

/**
 * A user's VAE as two TorchScript files (for example a Stable Diffusion VAE's encoder and decoder
 * exported with {@code torch.jit.trace}): the encoder maps a batch of images [n, C, H, W] to their
 * posterior means, of any shape [n, …] (e.g. [n, 4, 32, 32]); the decoder maps latents of that
 * shape back to images [n, C, H, W]. Images are passed as the path sees them (igkit's [0, 1] image
 * space): any scaling the VAE expects (the SD VAEs take 2x − 1 and return values in [−1, 1]) belongs
 * inside the exported modules.
 *
 * <p>The files are loaded when the path plugin is built (a missing or non-TorchScript file fails
 * then, naming {@code encoder:} or {@code decoder:}). Shapes are checked on the first image shape
 * the path meets: the encoder runs on one black image and must return one floating-point latent,
 * the decoder runs on it and must return exactly one image of that shape, and the flattened latent
 * must have {@code latentDim} values when that is given; otherwise the attribution fails with what
 * was expected and what came back. Both modules run in eval mode, with PyTorch's thread-local grad
 * mode off for encoding and decoding and on for {@link #decodeVjp}, which differentiates
 * Σ D(z)·v with the engine's backward call. Calls are synchronised; arrays returned are fresh.
 */
final class TorchScriptCodec implements LatentCodec {

  private final NDManager manager;
  private final PtSymbolBlock encoder;
  private final PtSymbolBlock decoder;
  private final Shape shape;
  private final long[] latentShape;
  private final int latentDim;

  private TorchScriptCodec(NDManager manager, PtSymbolBlock encoder, PtSymbolBlock decoder, Shape shape,
      long[] latentShape) {
    this.manager = manager;
    this.encoder = encoder;
    this.decoder = decoder;
    this.shape = shape;
    this.latentShape = latentShape;
    this.latentDim = Math.toIntExact(Arrays.stream(latentShape).reduce(1, (a, b) -> a * b));
  }

  /**
   * Loads {@code spec.encoder()} and {@code spec.decoder()} now and returns the codec for each
   * image shape, checked on first use (one codec per shape, owned by the returned function's
   * modules, which live as long as the path).
   */
  static Function<Shape, LatentCodec> loader(LatentPath.Spec spec) {
    ZooModel<NDList, NDList> enc = load("encoder", Path.of(spec.encoder()));
    ZooModel<NDList, NDList> dec;
    try {
      dec = load("decoder", Path.of(spec.decoder()));
    } catch (RuntimeException e) {
      enc.close();
      throw e;
    }
    Map<Shape, LatentCodec> codecs = new HashMap<>();
    return shape -> {
      synchronized (codecs) {
        LatentCodec c = codecs.get(shape);
        if (c == null) {
          c = probe(spec, enc, dec, shape);
          codecs.put(shape, c);
        }
        return c;
      }
    };
  }

  /** Loads one TorchScript module in eval mode, or says which key names a bad file. */
  static ZooModel<NDList, NDList> load(String key, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(key + ": no file " + file.toAbsolutePath()
          + " (the VAE's " + key + " as a TorchScript file, saved by torch.jit.trace(...).save)");
    }
    PyTorchRuntime.start(1, 1);
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(file)
        .optEngine(PyTorchRuntime.ENGINE)
        // Without trainParam the module's tensors are inference tensors: no backward through them.
        .optOption("trainParam", "true")
        .build();
    ZooModel<NDList, NDList> zoo;
    try {
      zoo = criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new IllegalArgumentException(key + ": cannot load " + file.toAbsolutePath()
          + " as TorchScript (expected a file saved by torch.jit.trace(...).save or torch.jit.save): "
          + e.getMessage(), e);
    }
    if (!(zoo.getBlock() instanceof PtSymbolBlock scripted)) {
      zoo.close();
      throw new IllegalArgumentException(key + ": " + file.toAbsolutePath() + " is not a TorchScript module");
    }
    JniUtils.enableInferenceMode(scripted);
    return zoo;
  }

  private static LatentCodec probe(
      LatentPath.Spec spec, ZooModel<NDList, NDList> enc, ZooModel<NDList, NDList> dec, Shape shape) {
    PtSymbolBlock e = (PtSymbolBlock) enc.getBlock();
    PtSymbolBlock d = (PtSymbolBlock) dec.getBlock();
    NDManager manager = Engine.getEngine(PyTorchRuntime.ENGINE).newBaseManager();
    try (NDManager sub = manager.newSubManager()) {
      long[] image = {1, shape.channels(), shape.height(), shape.width()};
      NDList out = run(e, sub.zeros(new ai.djl.ndarray.types.Shape(image)), false, "encoder", spec.encoder(), image);
      NDArray z = single(out, "encoder", spec.encoder(), image);
      long[] zDims = z.getShape().getShape();
      if (zDims.length < 2 || zDims[0] != 1) {
        throw new IllegalArgumentException("encoder: " + spec.encoder() + " returns " + Arrays.toString(zDims)
            + " for one image " + Arrays.toString(image) + "; expected a batch of latents [1, …]");
      }
      long[] latentShape = Arrays.copyOfRange(zDims, 1, zDims.length);
      long dim = Arrays.stream(latentShape).reduce(1, (a, b) -> a * b);
      if (spec.latentDim() != null && spec.latentDim() != dim) {
        throw new IllegalArgumentException("latentDim: is " + spec.latentDim() + " but the encoder "
            + spec.encoder() + " returns latents of shape " + Arrays.toString(latentShape) + " (" + dim
            + " values)");
      }
      NDArray decoded = single(run(d, z, false, "decoder", spec.decoder(), zDims), "decoder", spec.decoder(), zDims);
      long[] dDims = decoded.getShape().getShape();
      if (!Arrays.equals(dDims, image)) {
        throw new IllegalArgumentException("decoder: " + spec.decoder() + " returns " + Arrays.toString(dDims)
            + " for the encoder's latent " + Arrays.toString(zDims) + "; expected one image "
            + Arrays.toString(image) + " (the model's input shape)");
      }
      return new TorchScriptCodec(manager, e, d, shape, latentShape);
    } catch (RuntimeException ex) {
      manager.close();
      throw ex;
    }
  }

  private static NDList run(PtSymbolBlock block, NDArray in, boolean grad, String key, String file, long[] dims) {
    try {
      return IValueUtils.forward(block, new NDList(in), grad);
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException(key + ": " + file + " fails on an input of shape "
          + Arrays.toString(dims) + ": " + ex.getMessage(), ex);
    }
  }

  private static NDArray single(NDList out, String key, String file, long[] dims) {
    if (out.size() != 1 || !out.singletonOrThrow().getDataType().isFloating()) {
      throw new IllegalArgumentException(key + ": " + file + " returns " + out.size() + " outputs for an input "
          + Arrays.toString(dims) + "; expected one floating-point tensor");
    }
    return out.singletonOrThrow();
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  @Override
  public synchronized float[][] encode(List<float[]> images) {
    for (int i = 0; i < images.size(); i++) {
      shape.require("image " + i, images.get(i));
    }
    if (images.isEmpty()) {
      return new float[0][];
    }
    int n = images.size();
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = sub.create(FlatRows.stack(images, shape.size()), batch(n, shape.channels(), shape.height(), shape.width()));
      float[] flat = PyTorchRuntime.withGradMode(false, () -> IValueUtils.forward(encoder, new NDList(x), false)
          .singletonOrThrow().toType(DataType.FLOAT32, false).toFloatArray());
      return FlatRows.split(flat, n, latentDim);
    }
  }

  @Override
  public synchronized float[][] decode(List<float[]> latents) {
    checkLatents(latents);
    if (latents.isEmpty()) {
      return new float[0][];
    }
    int n = latents.size();
    try (NDManager sub = manager.newSubManager()) {
      NDArray z = sub.create(FlatRows.stack(latents, latentDim), latentBatch(n));
      float[] flat = PyTorchRuntime.withGradMode(false, () -> IValueUtils.forward(decoder, new NDList(z), false)
          .singletonOrThrow().toType(DataType.FLOAT32, false).toFloatArray());
      return FlatRows.split(flat, n, shape.size());
    }
  }

  @Override
  public synchronized float[][] decodeVjp(List<float[]> latents, List<float[]> cotangents) {
    checkLatents(latents);
    if (latents.size() != cotangents.size()) {
      throw new IllegalArgumentException(
          "decoder VJP: " + latents.size() + " latents but " + cotangents.size() + " cotangents");
    }
    for (int i = 0; i < cotangents.size(); i++) {
      shape.require("cotangent " + i, cotangents.get(i));
    }
    if (latents.isEmpty()) {
      return new float[0][];
    }
    int n = latents.size();
    try (NDManager sub = manager.newSubManager()) {
      NDArray z = sub.create(FlatRows.stack(latents, latentDim), latentBatch(n));
      NDArray v = sub.create(FlatRows.stack(cotangents, shape.size()), batch(n, shape.channels(), shape.height(), shape.width()));
      float[] flat = PyTorchRuntime.withGradMode(true, () -> {
        z.setRequiresGradient(true);
        NDArray out = IValueUtils.forward(decoder, new NDList(z), true).singletonOrThrow();
        NDArray total = out.mul(v.toType(out.getDataType(), false)).sum();
        JniUtils.backward((PtNDArray) total, (PtNDArray) sub.ones(total.getShape(), total.getDataType()), false, false);
        return z.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
      });
      return FlatRows.split(flat, n, latentDim);
    }
  }

  @Override
  public synchronized void close() {
    manager.close();
  }

  private void checkLatents(List<float[]> latents) {
    for (int i = 0; i < latents.size(); i++) {
      if (latents.get(i).length != latentDim) {
        throw new IllegalArgumentException(
            "latent " + i + ": has " + latents.get(i).length + " values, the encoder's latents have " + latentDim);
      }
    }
  }

  private ai.djl.ndarray.types.Shape latentBatch(int n) {
    long[] dims = new long[latentShape.length + 1];
    dims[0] = n;
    System.arraycopy(latentShape, 0, dims, 1, latentShape.length);
    return new ai.djl.ndarray.types.Shape(dims);
  }

  private static ai.djl.ndarray.types.Shape batch(long... dims) {
    return new ai.djl.ndarray.types.Shape(dims);
  }
}
