package org.igkit.experiments.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;

/**
 * The procedural {@code shapes} benchmark as a data set: {@code count} images of one split of a
 * {@link ShapesDataset}, with exact masks, and {@code referenceCount} training images as the
 * reference distribution for data-drawn baselines. Generated from {@code seed} alone — no files.
 */
public final class ShapesBenchmark implements Dataset {

  /**
   * @param seed           the data seed (default 0; independent of the experiment seed)
   * @param split          {@code test} (default) or {@code train}
   * @param count          number of images (default 200)
   * @param referenceCount training images offered as baselines (default 16)
   * @param height         image height (default 32)
   * @param width          image width (default 32)
   */
  public record Spec(Long seed, String split, Integer count, Integer referenceCount, Integer height, Integer width) {
    /** Fills defaults and validates. */
    public Spec {
      seed = seed == null ? 0L : seed;
      split = Checks.kebab(Checks.option("split", ShapesDataset.Split.class, split, ShapesDataset.Split.TEST));
      count = Checks.atLeast("count", 1, count == null ? 200 : count);
      referenceCount = Checks.atLeast("referenceCount", 0, referenceCount == null ? 16 : referenceCount);
      height = Checks.atLeast("height", 8, height == null ? 32 : height);
      width = Checks.atLeast("width", 8, width == null ? 32 : width);
    }
  }

  /** The plugin registration. */
  public static final PluginType<Dataset> TYPE =
      PluginType.of(
          Dataset.class,
          "shapes",
          Spec.class,
          ShapesBenchmark::new,
          "procedural shapes (square, disk, triangle, cross) on textures, exact masks; no files");

  private final Spec spec;
  private final ShapesDataset shapes;
  private final ShapesDataset.Split split;

  /** Creates the benchmark. */
  public ShapesBenchmark(Spec spec) {
    this.spec = spec;
    this.shapes = new ShapesDataset(new ShapesDataset.Spec(null, spec.height(), spec.width(), null, null, null, null), spec.seed());
    this.split = Checks.option("split", ShapesDataset.Split.class, spec.split(), ShapesDataset.Split.TEST);
  }

  @Override
  public Shape shape() {
    return shapes.shape();
  }

  @Override
  public int size() {
    return spec.count();
  }

  @Override
  public String id(int index) {
    if (index < 0 || index >= spec.count()) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + spec.count());
    }
    return ShapesSample.id(split, index);
  }

  @Override
  public Sample get(int index) {
    ShapesSample s = shapes.sample(split, index);
    return new Sample(s.id(), s.image(), s.label(), s.mask());
  }

  @Override
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (ShapesDataset.ObjectClass c : ShapesDataset.ObjectClass.values()) {
      names.add(c.label());
    }
    return names;
  }

  @Override
  public List<float[]> referenceImages() {
    List<float[]> refs = new ArrayList<>(spec.referenceCount());
    for (ShapesSample s : shapes.samples(ShapesDataset.Split.TRAIN, 0, spec.referenceCount())) {
      refs.add(s.image());
    }
    return refs;
  }

  /** The SHA-256 of every image, mask and label, so that a change of the generator shows. */
  @Override
  public String fingerprint() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(spec.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < size(); i++) {
        Sample s = get(i);
        ByteBuffer b = ByteBuffer.allocate(4 * (s.image().length + s.mask().length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(s.image()).put(s.mask()).put(s.label());
        d.update(b.array());
      }
      for (float[] r : referenceImages()) {
        ByteBuffer b = ByteBuffer.allocate(4 * r.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(r);
        d.update(b.array());
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
