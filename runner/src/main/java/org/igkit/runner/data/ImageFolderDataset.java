package org.igkit.runner.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.Storage;
import org.igkit.api.io.Storages;
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
 *   <li>Where: {@code path}, {@code masks}, {@code labels} and {@code reference} are local paths or
 *       URIs, read through the {@link Storage} that {@link Storages} chooses for each: plain paths
 *       and {@code file:} URIs through {@code java.nio} ({@link org.igkit.api.io.LocalStorage}),
 *       {@code hdfs:}, {@code s3a:} and other Hadoop file systems where {@code runner-spark} is on
 *       the class path. The folders are listed, and the label file read, once, when the data set is
 *       built; {@link #index()} hands that on, so that a Spark executor builds the same data set
 *       without listing again and opens only its own samples' files.
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
      @FilePath(uris = true) String path,
      @FilePath(uris = true) String masks,
      @FilePath(uris = true) String labels,
      @FilePath(uris = true) String reference,
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
  private final ImageFolderIndex index;
  private final List<String> ids;
  private final String root;
  private final Storage storage;
  private final String maskRoot;
  private final Storage maskStorage;
  private final String referenceRoot;
  private final Storage referenceStorage;
  private final Resize resize;

  /** Lists the folders through the storages on the class path (images are read lazily). */
  public ImageFolderDataset(Spec spec) {
    this(spec, Storages.installed());
  }

  /**
   * Lists the folders through {@code storages}: the one that reads each location (images are read
   * lazily).
   */
  public ImageFolderDataset(Spec spec, Storages storages) {
    this(spec, storages, null);
  }

  /**
   * Builds the data set from an {@code index} made earlier, perhaps on another machine, by
   * {@link #index()} of a data set of the same spec: no folder is listed and no label file read
   * again; {@code null} lists them.
   */
  public ImageFolderDataset(Spec spec, Storages storages, ImageFolderIndex index) {
    this.root = location(spec.path());
    this.storage = storage(storages, "path", root);
    this.resize = spec.resizePolicy();
    this.maskRoot = spec.masks() == null ? null : location(spec.masks());
    this.maskStorage = maskRoot == null ? null : storage(storages, "masks", maskRoot);
    this.referenceRoot = spec.reference() == null ? null : location(spec.reference());
    this.referenceStorage = referenceRoot == null ? null : storage(storages, "reference", referenceRoot);
    this.index = index != null ? index : index(spec, storages);
    if ((this.index.masks() == null) != (maskRoot == null) || (this.index.reference() == null) != (referenceRoot == null)) {
      throw new IllegalArgumentException("dataset: the index of " + this.index.images().folder() + " was made for a spec"
          + " with other masks or reference settings than this one's (" + spec + ")");
    }
    this.ids = this.index.images().paths();
    this.shape = Shape.of(spec.channels(), this.index.height(), this.index.width());
  }

  /** Lists the folders and reads the labels: what {@link #index()} returns. */
  private ImageFolderIndex index(Spec spec, Storages storages) {
    requireFolder(storage, "path", root);
    FolderListing files = images(storage, root);
    if (files.size() == 0) {
      throw new IllegalArgumentException("dataset.path: no images (" + String.join(", ", EXTENSIONS) + ") under " + root);
    }
    int height;
    int width;
    if (spec.height() == null || spec.width() == null) {
      var first = firstReadable(storage, root, files);
      height = spec.height() == null ? first.height() : spec.height();
      width = spec.width() == null ? first.width() : spec.width();
    } else {
      height = spec.height();
      width = spec.width();
    }
    FolderListing masks = null;
    if (maskRoot != null) {
      requireFolder(maskStorage, "masks", maskRoot);
      masks = images(maskStorage, maskRoot);
    }
    List<String> names = new ArrayList<>();
    int[] labels = labelsOf(spec, storages, files.paths(), names);
    FolderListing reference = null;
    if (referenceRoot != null) {
      requireFolder(referenceStorage, "reference", referenceRoot);
      reference = images(referenceStorage, referenceRoot);
    }
    return new ImageFolderIndex(files, masks, reference, labels, names, height, width);
  }

  /**
   * Returns what this data set knows before it decodes a pixel (listings, labels, size), to build
   * the same data set elsewhere with {@link #ImageFolderDataset(Spec, Storages, ImageFolderIndex)}.
   */
  public ImageFolderIndex index() {
    return index;
  }

  /**
   * Returns a spec value as a location: a plain path absolute and normalised (as the experiment
   * loader passes it), a URI as written.
   */
  static String location(String value) {
    return Storages.scheme(value) == null ? Path.of(value).toAbsolutePath().normalize().toString() : value.strip();
  }

  private static Storage storage(Storages storages, String key, String location) {
    try {
      return storages.get(location);
    } catch (Storages.NoStorageException e) {
      throw new IllegalArgumentException("dataset." + key + ": " + e.getMessage(), e);
    }
  }

  private static void requireFolder(Storage storage, String key, String location) {
    Storage.Kind kind;
    try {
      kind = storage.kind(location);
    } catch (IOException e) {
      throw new UncheckedIOException("dataset." + key + ": cannot read " + location + ": " + e.getMessage(), e);
    }
    if (kind != Storage.Kind.FOLDER) {
      throw new IllegalArgumentException("dataset." + key + ": folder not found: " + location);
    }
  }

  /**
   * Returns the first image of {@code files} that can be read; the ones before it are corrupt and
   * become faults of their samples when read.
   */
  private static ImageIo.Size firstReadable(Storage storage, String root, FolderListing files) {
    String firstFault = null;
    SampleFaultException cause = null;
    for (String id : files.paths()) {
      String f = storage.member(root, id);
      try {
        ImageIo.Size size = ImageIo.size(storage, f);
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

  /**
   * Returns the image files ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, {@code .gif},
   * any case) under the folder {@code dir}, in the order of the samples (sorted relative paths).
   *
   * @throws UncheckedIOException when the folder cannot be listed
   */
  static FolderListing images(Storage storage, String dir) {
    try {
      return storage.list(dir).filter(ImageFolderDataset::isImage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static boolean isImage(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static int[] labelsOf(Spec spec, Storages storages, List<String> ids, List<String> names) {
    int[] out = new int[ids.size()];
    java.util.Arrays.fill(out, -1);
    if (spec.labels() != null) {
      String csv = location(spec.labels());
      Storage csvStorage = storage(storages, "labels", csv);
      Map<String, String> byFile = new HashMap<>();
      List<String> lines = new ArrayList<>();
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(csvStorage.open(csv), StandardCharsets.UTF_8.newDecoder()))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
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
      for (int i = 0; i < ids.size(); i++) {
        String v = byFile.get(ids.get(i));
        if (v == null) {
          v = byFile.get(ids.get(i).substring(ids.get(i).lastIndexOf('/') + 1));
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
    return ids.size();
  }

  @Override
  public String id(int index) {
    return ids.get(index);
  }

  @Override
  public Sample get(int index) {
    java.awt.image.BufferedImage read = ImageIo.read(storage, storage.member(root, ids.get(index)));
    if (resize == Resize.NONE && !fits(read)) {
      throw new SampleFaultException(SampleFaultException.Kind.WRONG_SHAPE, ids.get(index) + ": the image is "
          + read.getWidth() + "×" + read.getHeight() + " pixels but the model takes " + shape.width() + "×" + shape.height()
          + " (dataset.resize: none); set dataset.resize: bilinear to resize images, or resize the file");
    }
    float[] image = ImageIo.toArray(read, shape);
    float[] mask = null;
    if (maskRoot != null) {
      String id = ids.get(index);
      String maskPath = maskPath(id);
      String m = maskStorage.member(maskRoot, maskPath);
      if (!this.index.masks().contains(maskPath)) {
        throw new SampleFaultException(SampleFaultException.Kind.MASK,
            "dataset.masks: no mask for " + id + " (expected " + m + ")");
      }
      java.awt.image.BufferedImage maskImage = ImageIo.read(maskStorage, m);
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
    return new Sample(ids.get(index), image, this.index.label(index), mask);
  }

  /** Returns the mask's path for image {@code id}: {@code a/b.jpg} → {@code a/b.png}. */
  static String maskPath(String id) {
    int dot = id.lastIndexOf('.');
    return (dot > 0 ? id.substring(0, dot) : id) + ".png";
  }

  @Override
  public List<String> classNames() {
    return index.classNames();
  }

  @Override
  public List<float[]> referenceImages() {
    List<float[]> out = new ArrayList<>();
    if (referenceRoot == null) {
      return out;
    }
    for (String id : index.reference().paths()) {
      String f = referenceStorage.member(referenceRoot, id);
      java.awt.image.BufferedImage read = ImageIo.read(referenceStorage, f);
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

  @Override
  public String fingerprint() {
    try {
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      digestFolder(all, storage, root, index.images());
      if (maskRoot != null) {
        digestFolder(all, maskStorage, maskRoot, index.masks());
      }
      if (referenceRoot != null) {
        digestFolder(all, referenceStorage, referenceRoot, index.reference());
      }
      return HexFormat.of().formatHex(all.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds each file's path relative to its folder, then its bytes: moving the folder keeps the hash. */
  private static void digestFolder(MessageDigest digest, Storage storage, String dir, FolderListing members)
      throws IOException {
    for (String path : members.paths()) {
      digest.update(path.getBytes(StandardCharsets.UTF_8));
      try (InputStream in = new DigestInputStream(storage.open(storage.member(dir, path)), digest)) {
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
