package org.igkit.experiments.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.igkit.api.data.Sample;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;

/**
 * One split of a generated benchmark stored as a NumPy {@code .npz} archive — what
 * {@code igkit build-data} writes and the {@code fashion-on-texture} and {@code block-mnist} data
 * sets read, so that they work without the files the generators need.
 *
 * <p>Arrays (N images, R reference images from the train split):
 *
 * <table>
 *   <caption>archive entries</caption>
 *   <tr><th>name</th><th>dtype, shape</th><th>content</th></tr>
 *   <tr><td>{@code images}</td><td>uint8 (N, C, H, W)</td><td>pixel values × 255, exact</td></tr>
 *   <tr><td>{@code masks}</td><td>uint8 (N, H, W)</td><td>1 on the item's silhouette, else 0</td></tr>
 *   <tr><td>{@code labels}</td><td>int32 (N)</td><td>class, an index into {@code classes}</td></tr>
 *   <tr><td>{@code boxes}</td><td>int32 (N, 4)</td><td>x0, y0, x1, y1 of the mask, half-open</td></tr>
 *   <tr><td>{@code items}</td><td>int32 (N)</td><td>the item's index in its Fashion-MNIST part</td></tr>
 *   <tr><td>{@code backgrounds}</td><td>int32 (N)</td><td>{@link CompositeSample#background()}</td></tr>
 *   <tr><td>{@code reference_images}</td><td>uint8 (R, C, H, W)</td><td>train-split images, for data-drawn baselines</td></tr>
 *   <tr><td>{@code reference_labels}</td><td>int32 (R)</td><td>their classes</td></tr>
 *   <tr><td>{@code meta}</td><td>uint8 (bytes)</td><td>UTF-8 JSON: benchmark, seed, split, classes, generator</td></tr>
 * </table>
 *
 * <p>In Python: {@code z = numpy.load(f); z["images"] / 255; json.loads(bytes(z["meta"]))}.
 */
public final class BenchmarkArchive {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode meta;
  private final Shape shape;
  private final byte[] images;
  private final byte[] masks;
  private final int[] labels;
  private final int[] boxes;
  private final int[] items;
  private final int[] backgrounds;
  private final byte[] referenceImages;
  private final int[] referenceLabels;

  private BenchmarkArchive(ObjectNode meta, Shape shape, byte[] images, byte[] masks, int[] labels, int[] boxes,
      int[] items, int[] backgrounds, byte[] referenceImages, int[] referenceLabels) {
    this.meta = meta;
    this.shape = shape;
    this.images = images;
    this.masks = masks;
    this.labels = labels;
    this.boxes = boxes;
    this.items = items;
    this.backgrounds = backgrounds;
    this.referenceImages = referenceImages;
    this.referenceLabels = referenceLabels;
  }

  /**
   * Packs generated samples.
   *
   * @param benchmark  the benchmark id
   * @param seed       the data seed they were drawn with
   * @param generator  the generator's spec, recorded in {@code meta}
   * @param samples    the images of one split, indices 0 … N − 1
   * @param references train-split images for data-drawn baselines
   */
  public static BenchmarkArchive of(String benchmark, long seed, Record generator, List<CompositeSample> samples,
      List<CompositeSample> references) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("an archive needs at least one image");
    }
    Shape shape = samples.get(0).shape();
    ObjectNode meta = JSON.createObjectNode();
    meta.put("benchmark", benchmark);
    meta.put("seed", seed);
    meta.put("split", samples.get(0).split().name().toLowerCase(Locale.ROOT));
    meta.putPOJO("classes", FashionMnist.CLASS_NAMES);
    meta.set("generator", generator == null ? JSON.createObjectNode() : JSON.valueToTree(generator));
    int n = samples.size();
    byte[] images = new byte[n * shape.size()];
    byte[] masks = new byte[n * shape.pixels()];
    int[] labels = new int[n];
    int[] boxes = new int[4 * n];
    int[] items = new int[n];
    int[] backgrounds = new int[n];
    for (int i = 0; i < n; i++) {
      CompositeSample s = samples.get(i);
      if (s.index() != i || !s.shape().equals(shape) || s.split() != samples.get(0).split()) {
        throw new IllegalArgumentException("sample " + i + " is " + s.id() + " of shape " + s.shape()
            + "; an archive holds indices 0 … N − 1 of one split and shape");
      }
      toBytes(s.image(), images, i * shape.size());
      for (int p = 0; p < shape.pixels(); p++) {
        masks[i * shape.pixels() + p] = (byte) (s.mask()[p] == 1 ? 1 : 0);
      }
      labels[i] = s.label();
      boxes[4 * i] = s.box().x0();
      boxes[4 * i + 1] = s.box().y0();
      boxes[4 * i + 2] = s.box().x1();
      boxes[4 * i + 3] = s.box().y1();
      items[i] = s.item();
      backgrounds[i] = s.background();
    }
    byte[] refs = new byte[references.size() * shape.size()];
    int[] refLabels = new int[references.size()];
    for (int i = 0; i < references.size(); i++) {
      toBytes(references.get(i).image(), refs, i * shape.size());
      refLabels[i] = references.get(i).label();
    }
    return new BenchmarkArchive(meta, shape, images, masks, labels, boxes, items, backgrounds, refs, refLabels);
  }

  private static void toBytes(float[] image, byte[] out, int offset) {
    for (int j = 0; j < image.length; j++) {
      long level = Math.round(image[j] * 255.0);
      if (level < 0 || level > 255 || Math.abs(level / 255f - image[j]) > 0) {
        throw new IllegalArgumentException("value " + image[j] + " is not a multiple of 1/255 in [0, 1]");
      }
      out[offset + j] = (byte) level;
    }
  }

  /** Writes the archive; the same content gives the same bytes. */
  public void write(OutputStream out) throws IOException {
    int n = labels.length;
    int r = referenceLabels.length;
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("images", NpyArray.uint8(images, n, shape.channels(), shape.height(), shape.width()));
    arrays.put("masks", NpyArray.uint8(masks, n, shape.height(), shape.width()));
    arrays.put("labels", NpyArray.int32(labels, n));
    arrays.put("boxes", NpyArray.int32(boxes, n, 4));
    arrays.put("items", NpyArray.int32(items, n));
    arrays.put("backgrounds", NpyArray.int32(backgrounds, n));
    arrays.put("reference_images", NpyArray.uint8(referenceImages, r, shape.channels(), shape.height(), shape.width()));
    arrays.put("reference_labels", NpyArray.int32(referenceLabels, r));
    byte[] json = meta.toString().getBytes(StandardCharsets.UTF_8);
    arrays.put("meta", NpyArray.uint8(json, json.length));
    Npz.write(out, arrays);
  }

  /** Writes the archive to {@code file}. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    }
  }

  /**
   * Reads an archive.
   *
   * @param where names the source in error messages
   * @throws IllegalArgumentException when an array is missing or the shapes disagree
   */
  public static BenchmarkArchive read(InputStream in, String where) throws IOException {
    Map<String, NpyArray> a = Npz.read(in);
    for (String name : List.of("images", "masks", "labels", "boxes", "items", "backgrounds", "reference_images",
        "reference_labels", "meta")) {
      if (!a.containsKey(name)) {
        throw new IllegalArgumentException(where + ": no array '" + name + "'; not a benchmark archive written by igkit build-data");
      }
      String type = name.endsWith("images") || name.equals("masks") || name.equals("meta") ? "u1" : "i4";
      if (!a.get(name).type().equals(type)) {
        throw new IllegalArgumentException(where + ": " + name + " must be " + (type.equals("u1") ? "uint8" : "int32")
            + ", is '" + a.get(name).descr() + "'");
      }
    }
    int[] dims = a.get("images").shape();
    if (dims.length != 4) {
      throw new IllegalArgumentException(where + ": images must be uint8 (N, C, H, W)");
    }
    Shape shape = Shape.of(dims[1], dims[2], dims[3]);
    JsonNode meta = JSON.readTree(new String(a.get("meta").bytes(), StandardCharsets.UTF_8));
    if (!(meta instanceof ObjectNode object)) {
      throw new IllegalArgumentException(where + ": meta is not a JSON object");
    }
    int n = dims[0];
    if (a.get("labels").size() != n || a.get("masks").size() != n * shape.pixels() || a.get("boxes").size() != 4 * n) {
      throw new IllegalArgumentException(where + ": labels, masks and boxes must hold " + n + " entries");
    }
    return new BenchmarkArchive(object, shape, a.get("images").bytes(), a.get("masks").bytes(),
        a.get("labels").ints(), a.get("boxes").ints(), a.get("items").ints(), a.get("backgrounds").ints(),
        a.get("reference_images").bytes(), a.get("reference_labels").ints());
  }

  /** Reads an archive file. */
  public static BenchmarkArchive read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Returns the benchmark id recorded in the archive. */
  public String benchmark() {
    return meta.path("benchmark").asText();
  }

  /** Returns the data seed recorded in the archive. */
  public long seed() {
    return meta.path("seed").asLong();
  }

  /** Returns the split recorded in the archive ({@code train} or {@code test}). */
  public String split() {
    return meta.path("split").asText();
  }

  /** Returns the metadata (benchmark, seed, split, classes, generator). */
  public JsonNode meta() {
    return meta.deepCopy();
  }

  /** Returns the class names recorded in the archive. */
  public List<String> classNames() {
    List<String> out = new ArrayList<>();
    meta.path("classes").forEach(c -> out.add(c.asText()));
    return out;
  }

  /** Returns the image shape. */
  public Shape shape() {
    return shape;
  }

  /** Returns the number of images. */
  public int size() {
    return labels.length;
  }

  /** Returns the number of reference images. */
  public int referenceCount() {
    return referenceLabels.length;
  }

  /** Returns image {@code i} as a data-set sample ({@code split-NNNN}, image, label, mask). */
  public Sample sample(int i) {
    return new Sample(id(i), image(i), labels[i], mask(i));
  }

  /** Returns the id of image {@code i}, e.g. {@code test-0007}. */
  public String id(int i) {
    return split() + "-" + String.format(Locale.ROOT, "%04d", i);
  }

  /** Returns image {@code i}, C×H×W in [0, 1]. */
  public float[] image(int i) {
    return floats(images, i * shape.size(), shape.size());
  }

  /** Returns the mask of image {@code i}, H×W in {0, 1}. */
  public float[] mask(int i) {
    return floats01(masks, i * shape.pixels(), shape.pixels());
  }

  /** Returns the label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns the box of image {@code i}. */
  public BoundingBox box(int i) {
    return new BoundingBox(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
  }

  /** Returns the Fashion-MNIST item of image {@code i}. */
  public int item(int i) {
    return items[i];
  }

  /** Returns the background of image {@code i} ({@link CompositeSample#background()}). */
  public int background(int i) {
    return backgrounds[i];
  }

  /** Returns reference image {@code i}, C×H×W in [0, 1]. */
  public float[] referenceImage(int i) {
    return floats(referenceImages, i * shape.size(), shape.size());
  }

  /** Returns the label of reference image {@code i}. */
  public int referenceLabel(int i) {
    return referenceLabels[i];
  }

  private static float[] floats(byte[] data, int offset, int length) {
    float[] out = new float[length];
    for (int j = 0; j < length; j++) {
      out[j] = (data[offset + j] & 0xFF) / 255f;
    }
    return out;
  }

  private static float[] floats01(byte[] data, int offset, int length) {
    float[] out = new float[length];
    for (int j = 0; j < length; j++) {
      out[j] = data[offset + j] == 0 ? 0f : 1f;
    }
    return out;
  }
}
