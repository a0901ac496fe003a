package org.igkit.models.latent;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.model.Shape;

/**
 * The file format of a trained {@link ConvVae}: a self-describing header, then DJL's own parameter
 * format ({@link ai.djl.nn.Block#saveParameters}), so that the path plugin can rebuild the block
 * from the file alone.
 *
 * <pre>
 *   UTF "igkit-vae", int format version (1), int C, int H, int W, int latentDim, int width,
 *   then ConvVae.saveParameters(…)
 * </pre>
 *
 * All integers are big-endian ({@link DataOutputStream}).
 */
public final class VaeFile {

  /** The magic string at the start of every file. */
  public static final String MAGIC = "igkit-vae";

  /** The format version this class writes and reads. */
  public static final int FORMAT = 1;

  private VaeFile() {}

  /** What the header says. */
  public record Header(Shape shape, int latentDim, int width) {}

  /** Writes {@code vae}'s header and parameters to {@code file}, creating parent folders. */
  public static void write(ConvVae vae, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(vae.shape().channels());
        out.writeInt(vae.shape().height());
        out.writeInt(vae.shape().width());
        out.writeInt(vae.latentDim());
        out.writeInt(vae.width());
        vae.saveParameters(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write VAE parameters to " + file + ": " + e, e);
    }
  }

  /**
   * Reads a VAE written by {@link #write}: builds the block the header describes and loads its
   * parameters into arrays owned by {@code manager}.
   *
   * @throws IllegalArgumentException if the file is missing, is not a VAE file, or its parameters
   *     do not have the shapes the header's architecture needs
   */
  public static ConvVae read(Path file, NDManager manager) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      Header header = readHeader(in, file);
      ConvVae vae = new ConvVae(header.shape(), header.latentDim(), header.width());
      vae.initialize(manager, DataType.FLOAT32, vae.imageBatch(1), vae.latentBatch(1));
      List<ai.djl.ndarray.types.Shape> expected = new ArrayList<>();
      for (Pair<String, Parameter> p : vae.getParameters()) {
        expected.add(p.getValue().getArray().getShape());
      }
      vae.loadParameters(manager, in);
      int i = 0;
      for (Pair<String, Parameter> p : vae.getParameters()) {
        ai.djl.ndarray.types.Shape got = p.getValue().getArray().getShape();
        if (!got.equals(expected.get(i))) {
          throw new IllegalArgumentException(
              "VAE file " + file.toAbsolutePath() + ": parameter " + p.getKey() + " has shape " + got
                  + ", expected " + expected.get(i) + " for " + vae);
        }
        i++;
      }
      return vae;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("VAE file not found: " + file.toAbsolutePath(), e);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalArgumentException(
          "cannot read VAE parameters from " + file.toAbsolutePath() + " (written by igkit train-vae?): " + e, e);
    }
  }

  /** Reads only the header of {@code file}. */
  public static Header header(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return readHeader(in, file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("VAE file not found: " + file.toAbsolutePath(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read VAE file " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  private static Header readHeader(DataInputStream in, Path file) throws IOException {
    String magic;
    try {
      magic = in.readUTF();
    } catch (IOException e) {
      magic = null;
    }
    if (!MAGIC.equals(magic)) {
      throw new IllegalArgumentException(
          "not an igkit VAE file: " + file.toAbsolutePath() + " (it must start with '" + MAGIC
              + "'; write one with igkit train-vae)");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "VAE file " + file.toAbsolutePath() + " has format version " + format + "; this igkit reads " + FORMAT);
    }
    Shape shape = Shape.of(in.readInt(), in.readInt(), in.readInt());
    return new Header(shape, in.readInt(), in.readInt());
  }
}
