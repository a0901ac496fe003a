package org.igkit.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.FilePath;

/**
 * Images from a folder, with optional ground-truth masks and labels.
 *
 * <ul>
 *   <li>Images: every {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif}
 *       under {@code path}, in sorted order of their relative paths. Sample ids are those paths.
 *   <li>Labels: from {@code labels}, a CSV of {@code file,label} lines (label a class index or a
 *       class name; a header line is allowed), or else from the first-level sub-folder names
 *       (sorted: the i-th folder is class i), or else unknown (−1).
 *   <li>Masks: from {@code masks}, a folder holding, for image {@code a/b.jpg}, the file
 *       {@code a/b.png} (white = object), of any resolution but the image's aspect ratio (±2 %);
 *       a missing or misshapen mask is a fault of that sample (a {@link SampleFaultException}
 *       naming the file). Unreadable images are faults of their sample too.
 *   <li>Size: {@code height}×{@code width} (the model's input size, filled in by the runner), in
 *       RGB (or luminance for one channel), values in [0, 1]. {@code resize} says what happens to
 *       an image of another size: {@code none} (default) makes it a fault of its sample (a
 *       {@link SampleFaultException} naming both sizes); {@code bilinear} resizes it bilinearly.
 *       An image of more than {@link ImageIo#MAX_PIXELS} pixels is never decoded. A missing
 *       height or width is that of the first image whose header can be read and is within that
 *       limit (a corrupt first image is a fault of its sample, not of the data set).
 *   <li>Reference images (for {@code dataset} baselines): the images under {@code reference}, or
 *       none.
 * </ul>
 */
public final class ImageFolderDataset implements Dataset {

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

  /**
   * @param path      the image folder (required)
   * @param masks     the mask folder, or none
   * @param labels    a CSV file of {@code file,label}, or none
   * @param reference a folder of reference images for data-drawn baselines, or none
   * @param channels  channels per image (default 3)
   * @param height    image height (default: the model's; without a model, the first image's)
   * @param width     image width (default: the model's; without a model, the first image's)
   * @param resize    {@code none} (default: an image of another size is a fault of its sample) or
   *                  {@code bilinear} (resized to height×width)
   */
  public record Spec(
      @FilePath String path,
      @FilePath String masks,
      @FilePath String labels,
      @FilePath String reference,
      Integer channels,
      Integer height,
      Integer width,
      String resize) {
    /** Fills defaults and validates. */
    public Spec {
      if (path == null || path.isBlank()) {
        throw new IllegalArgumentException("path: is required (the folder of images)");
      }
      channels = Checks.atLeast("channels", 1, channels == null ? 3 : channels);
      height = height == null ? null : Checks.atLeast("height", 1, height);
      width = width == null ? null : Checks.atLeast("width", 1, width);
      resize = Checks.kebab(Checks.option("resize", Resize.class, resize, Resize.NONE));
    }

    /** Returns the resize policy. */
    public Resize resizePolicy() {
      return Checks.option("resize", Resize.class, resize, Resize.NONE);
    }
  }

  /** What happens to an image whose size differs from the data set's height × width. */
  public enum Resize {
    /** Nothing: the image is a fault of its sample. */
    NONE,
    /** It is resized bilinearly (half-pixel centres). */
    BILINEAR
  }

  /** The plugin registration. */
  public static final PluginType<Dataset> TYPE =
      PluginType.of(
          Dataset.class,
          "image-folder",
          Spec.class,
          ImageFolderDataset::new,
          "images from a folder, labels from a CSV or sub-folders, optional mask folder");

  private final Shape shape;
  private final List<Path> files;
  private final List<String> ids;
  private final int[] labels;
  private final List<String> classNames;
  private final Path maskDir;
  private final List<Path> referenceFiles;
  private final Path referenceRoot;
  private final Path root;
  private final Resize resize;

  /** Scans the folder (images are read lazily). */
  public ImageFolderDataset(Spec spec) {
    this.root = Path.of(spec.path()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("dataset.path: folder not found: " + root);
    }
    this.files = imagesUnder(root);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("dataset.path: no images (" + String.join(", ", EXTENSIONS) + ") under " + root);
    }
    this.ids = files.stream().map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
    this.resize = spec.resizePolicy();
    if (spec.height() == null || spec.width() == null) {
      var first = firstReadable(files, root);
      this.shape = Shape.of(spec.channels(), spec.height() == null ? first.height() : spec.height(), spec.width() == null ? first.width() : spec.width());
    } else {
      this.shape = Shape.of(spec.channels(), spec.height(), spec.width());
    }
    this.maskDir = spec.masks() == null ? null : Path.of(spec.masks()).toAbsolutePath().normalize();
    if (maskDir != null && !Files.isDirectory(maskDir)) {
      throw new IllegalArgumentException("dataset.masks: folder not found: " + maskDir);
    }
    List<String> names = new ArrayList<>();
    this.labels = labelsOf(spec, names);
    this.classNames = List.copyOf(names);
    if (spec.reference() == null) {
      this.referenceRoot = null;
      this.referenceFiles = List.of();
    } else {
      this.referenceRoot = Path.of(spec.reference()).toAbsolutePath().normalize();
      if (!Files.isDirectory(referenceRoot)) {
        throw new IllegalArgumentException("dataset.reference: folder not found: " + referenceRoot);
      }
      this.referenceFiles = imagesUnder(referenceRoot);
    }
  }

  /**
   * Returns the first image of {@code files} that can be read; the ones before it are corrupt and
   * become faults of their samples when read.
   */
  private static ImageIo.Size firstReadable(List<Path> files, Path root) {
    String firstFault = null;
    SampleFaultException cause = null;
    for (Path f : files) {
      try {
        ImageIo.Size size = ImageIo.size(f);
        String refused = ImageIo.tooLarge(size);
        if (refused == null) {
          return size;
        }
        firstFault = firstFault == null ? f + ": " + refused : firstFault;
      } catch (SampleFaultException e) {
        cause = cause == null ? e : cause;
        firstFault = firstFault == null ? e.getMessage() : firstFault;
      }
    }
    throw new IllegalArgumentException("dataset.path: none of the " + files.size() + " images under " + root
        + " can be read, so the image size is unknown (the first: " + firstFault + ")", cause);
  }

  private static List<Path> imagesUnder(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> EXTENSIONS.stream().anyMatch(e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
          .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private int[] labelsOf(Spec spec, List<String> names) {
    int[] out = new int[files.size()];
    java.util.Arrays.fill(out, -1);
    if (spec.labels() != null) {
      Path csv = Path.of(spec.labels()).toAbsolutePath().normalize();
      Map<String, String> byFile = new HashMap<>();
      List<String> lines;
      try {
        lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("dataset.labels: cannot read " + csv + ": " + e.getMessage(), e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("file,"))) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        if (comma < 0) {
          throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected 'file,label', was '" + line + "'");
        }
        byFile.put(line.substring(0, comma).strip(), line.substring(comma + 1).strip());
      }
      TreeMap<String, Integer> named = new TreeMap<>();
      byFile.values().stream().filter(v -> !v.matches("-?\\d+")).forEach(v -> named.putIfAbsent(v, 0));
      int next = 0;
      for (var e : named.entrySet()) {
        e.setValue(next++);
        names.add(e.getKey());
      }
      for (int i = 0; i < files.size(); i++) {
        String v = byFile.get(ids.get(i));
        if (v == null) {
          v = byFile.get(files.get(i).getFileName().toString());
        }
        if (v == null) {
          throw new IllegalArgumentException("dataset.labels: " + csv + " has no label for " + ids.get(i));
        }
        out[i] = v.matches("-?\\d+") ? Integer.parseInt(v) : named.get(v);
      }
      return out;
    }
    TreeMap<String, Integer> folders = new TreeMap<>();
    for (String id : ids) {
      int slash = id.indexOf('/');
      if (slash > 0) {
        folders.putIfAbsent(id.substring(0, slash), 0);
      }
    }
    if (folders.isEmpty()) {
      return out;
    }
    int next = 0;
    for (var e : folders.entrySet()) {
      e.setValue(next++);
      names.add(e.getKey());
    }
    for (int i = 0; i < ids.size(); i++) {
      int slash = ids.get(i).indexOf('/');
      out[i] = slash > 0 ? folders.get(ids.get(i).substring(0, slash)) : -1;
    }
    return out;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public String id(int index) {
    return ids.get(index);
  }

  @Override
  public Sample get(int index) {
    java.awt.image.BufferedImage read = ImageIo.read(files.get(index));
    if (resize == Resize.NONE && !fits(read)) {
      throw new SampleFaultException(SampleFaultException.Kind.WRONG_SHAPE, ids.get(index) + ": the image is "
          + read.getWidth() + "×" + read.getHeight() + " pixels but the model takes " + shape.width() + "×" + shape.height()
          + " (dataset.resize: none); set dataset.resize: bilinear to resize images, or resize the file");
    }
    float[] image = ImageIo.toArray(read, shape);
    float[] mask = null;
    if (maskDir != null) {
      String id = ids.get(index);
      int dot = id.lastIndexOf('.');
      Path m = maskDir.resolve((dot > 0 ? id.substring(0, dot) : id) + ".png");
      if (!Files.isRegularFile(m)) {
        throw new SampleFaultException(SampleFaultException.Kind.MASK,
            "dataset.masks: no mask for " + id + " (expected " + m + ")");
      }
      java.awt.image.BufferedImage maskImage = ImageIo.read(m);
      // A mask may have another resolution than its image (both are resampled to the model's
      // size), but not another aspect ratio: then it cannot outline the same object.
      double maskAspect = (double) maskImage.getWidth() / maskImage.getHeight();
      double imageAspect = (double) read.getWidth() / read.getHeight();
      if (Math.abs(maskAspect / imageAspect - 1) > 0.02) {
        throw new SampleFaultException(SampleFaultException.Kind.MASK, "dataset.masks: the mask of " + id + " is "
            + maskImage.getWidth() + "×" + maskImage.getHeight() + " pixels but the image is " + read.getWidth() + "×"
            + read.getHeight() + ": another aspect ratio (" + m + ")");
      }
      mask = ImageIo.toMask(maskImage, shape.height(), shape.width());
    }
    return new Sample(ids.get(index), image, labels[index], mask);
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public List<float[]> referenceImages() {
    List<float[]> out = new ArrayList<>();
    for (Path f : referenceFiles) {
      java.awt.image.BufferedImage read = ImageIo.read(f);
      if (resize == Resize.NONE && !fits(read)) {
        throw new IllegalArgumentException("dataset.reference: " + f + " is " + read.getWidth() + "×" + read.getHeight()
            + " pixels but the model takes " + shape.width() + "×" + shape.height()
            + " (dataset.resize: none); set dataset.resize: bilinear to resize images, or resize the file");
      }
      out.add(ImageIo.toArray(read, shape));
    }
    return out;
  }

  private boolean fits(java.awt.image.BufferedImage image) {
    return image.getWidth() == shape.width() && image.getHeight() == shape.height();
  }

  /** Returns the image files under {@code dir}, in the order of the samples (sorted relative paths). */
  static List<Path> imageFiles(Path dir) {
    return imagesUnder(dir);
  }

  @Override
  public String fingerprint() {
    try {
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      digestFolder(all, root, files);
      if (maskDir != null) {
        digestFolder(all, maskDir, imagesUnder(maskDir));
      }
      if (referenceRoot != null) {
        digestFolder(all, referenceRoot, referenceFiles);
      }
      return HexFormat.of().formatHex(all.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds each file's path relative to its folder, then its bytes: moving the folder keeps the hash. */
  private static void digestFolder(MessageDigest digest, Path dir, List<Path> members) throws IOException {
    for (Path f : members) {
      digest.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
        in.transferTo(OutputStreamSink.INSTANCE);
      }
    }
  }

  /** Discards bytes (the digest stream sees them on the way). */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
