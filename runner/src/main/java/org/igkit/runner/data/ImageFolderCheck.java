package org.igkit.runner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.Storage;
import org.igkit.api.io.Storages;
import org.igkit.api.model.Shape;

/**
 * Checks an {@link ImageFolderDataset} before a run, from file listings and image headers only (no
 * pixel is decoded): its folders and label file exist; no selected image, mask or reference image
 * has more than {@link ImageIo#MAX_PIXELS} pixels; its size settings match the model's input; and,
 * with {@code resize: none}, some selected image has the model's input size (an image of another
 * size is a fault of its sample at run time, but a folder where none fits is a configuration error)
 * and every reference image has it (reference images are baselines of every sample). An image whose
 * header cannot be read is left to the run, which records it as a fault of its sample. Folders and
 * files are read through the {@link Storage} {@link Storages} chooses for each location; a URI no
 * storage on the class path reads is a problem of its own, located at its key.
 */
public final class ImageFolderCheck {

  /**
   * One problem.
   *
   * @param key     the spec component it concerns ({@code path}, {@code masks}, {@code resize}, …)
   * @param message what is wrong and how to fix it
   */
  public record Problem(String key, String message) {}

  /** The most images named in one problem list before the rest are counted. */
  private static final int NAMED = 5;

  private ImageFolderCheck() {}

  /** A folder or file and the storage that reads it. */
  private record Place(Storage storage, String location) {
    String member(String path) {
      return storage.member(location, path);
    }
  }

  /**
   * Returns the problems of {@code spec} against a model taking {@code input}, reading through the
   * storages on the class path.
   *
   * @param select the selected sample indices for a data set of the given size
   */
  public static List<Problem> check(ImageFolderDataset.Spec spec, Shape input, IntFunction<int[]> select) {
    return check(spec, input, select, Storages.installed());
  }

  /**
   * Returns the problems of {@code spec} against a model taking {@code input}, reading through
   * {@code storages}.
   *
   * @param select the selected sample indices for a data set of the given size
   */
  public static List<Problem> check(
      ImageFolderDataset.Spec spec, Shape input, IntFunction<int[]> select, Storages storages) {
    List<Problem> problems = new ArrayList<>();
    sizeSettings(spec, input, problems);
    Place root = place(spec.path(), "path", Storage.Kind.FOLDER, storages, problems);
    Place masks = spec.masks() == null ? null : place(spec.masks(), "masks", Storage.Kind.FOLDER, storages, problems);
    Place reference = spec.reference() == null ? null
        : place(spec.reference(), "reference", Storage.Kind.FOLDER, storages, problems);
    if (spec.labels() != null) {
      place(spec.labels(), "labels", Storage.Kind.FILE, storages, problems);
    }
    boolean resize = spec.resizePolicy() == ImageFolderDataset.Resize.BILINEAR;
    if (root != null) {
      images(root, masks, input, resize, select, problems);
    }
    if (reference != null) {
      references(reference, input, resize, problems);
    }
    return problems;
  }

  private static void sizeSettings(ImageFolderDataset.Spec spec, Shape input, List<Problem> problems) {
    String takes = " but the model takes " + input.channels() + "×" + input.height() + "×" + input.width()
        + " inputs (model.inputShape); leave it out to use the model's";
    if (spec.channels() != input.channels()) {
      problems.add(new Problem("channels", "is " + spec.channels() + takes));
    }
    if (spec.height() != null && spec.height() != input.height()) {
      problems.add(new Problem("height", "is " + spec.height() + takes));
    }
    if (spec.width() != null && spec.width() != input.width()) {
      problems.add(new Problem("width", "is " + spec.width() + takes));
    }
  }

  /**
   * Returns the folder (or file) at {@code value} with its storage, or {@code null} after adding a
   * problem when no storage reads it or it is not what {@code want} says.
   */
  private static Place place(String value, String key, Storage.Kind want, Storages storages, List<Problem> problems) {
    String location = ImageFolderDataset.location(value);
    Storage storage;
    try {
      storage = storages.get(location);
    } catch (Storages.NoStorageException e) {
      problems.add(new Problem(key, noStorage(e.scheme())));
      return null;
    }
    Storage.Kind kind;
    try {
      kind = storage.kind(location);
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem(key, "cannot read " + location + " (" + storage.name() + " storage): " + e.getMessage()));
      return null;
    }
    if (kind != want) {
      String what = want == Storage.Kind.FOLDER ? "folder" : "file";
      problems.add(new Problem(key, (kind == Storage.Kind.MISSING ? what + " not found: " : "is not a " + what + ": ")
          + location));
      return null;
    }
    return new Place(storage, location);
  }

  /**
   * Returns why a URI of {@code scheme} cannot be read here: no storage on the class path reads it;
   * Hadoop's file systems are read by {@code runner-spark}.
   */
  public static String noStorage(String scheme) {
    return "is a " + scheme + ": URI, and no storage on this class path reads " + scheme + ": URIs; igkit reads"
        + " hdfs:, s3a: (with hadoop-aws) and other Hadoop file systems on Spark (runner-spark), and local files"
        + " everywhere: give a path on this machine, relative to the experiment file (data/images) or absolute"
        + " (/data/images), or a file: URI";
  }

  private static FolderListing listing(Place place, String key, List<Problem> problems) {
    try {
      return ImageFolderDataset.images(place.storage(), place.location());
    } catch (UncheckedIOException e) {
      problems.add(new Problem(key, "cannot list " + place.location() + ": " + e.getCause().getMessage()));
      return null;
    }
  }

  private static void images(
      Place root, Place masks, Shape input, boolean resize, IntFunction<int[]> select, List<Problem> problems) {
    FolderListing listing = listing(root, "path", problems);
    if (listing == null) {
      return;
    }
    List<String> files = listing.paths();
    if (files.isEmpty()) {
      problems.add(new Problem("path", "no images (.png, .jpg, .jpeg, .bmp, .gif) under " + root.location()));
      return;
    }
    FolderListing maskFiles = masks == null ? null : listing(masks, "masks", problems);
    List<String> tooLarge = new ArrayList<>();
    List<String> tooLargeMasks = new ArrayList<>();
    int readable = 0;
    int fitting = 0;
    String firstOther = null;
    for (int i : select.apply(files.size())) {
      String id = files.get(i);
      ImageIo.Size size = header(root.storage(), root.member(id));
      if (size != null) {
        readable++;
        String refused = ImageIo.tooLarge(size);
        if (refused != null) {
          tooLarge.add(id + ": " + refused);
        } else if (size.width() == input.width() && size.height() == input.height()) {
          fitting++;
        } else if (firstOther == null) {
          firstOther = id + " is " + size;
        }
      }
      if (maskFiles != null) {
        String mask = ImageFolderDataset.maskPath(id);
        ImageIo.Size m = maskFiles.contains(mask) ? header(masks.storage(), masks.member(mask)) : null;
        String refused = m == null ? null : ImageIo.tooLarge(m);
        if (refused != null) {
          tooLargeMasks.add(mask + ": " + refused);
        }
      }
    }
    named("path", tooLarge, problems);
    named("masks", tooLargeMasks, problems);
    if (!resize && readable > tooLarge.size() && fitting == 0) {
      problems.add(new Problem("resize", "is none, but no selected image has the model's input size " + input.width()
          + "×" + input.height() + " (" + firstOther + "), so every sample would fail; set resize: bilinear to resize"
          + " them, or change model.inputShape"));
    }
  }

  private static void references(Place dir, Shape input, boolean resize, List<Problem> problems) {
    FolderListing listing = listing(dir, "reference", problems);
    if (listing == null) {
      return;
    }
    List<String> refused = new ArrayList<>();
    for (String id : listing.paths()) {
      ImageIo.Size size = header(dir.storage(), dir.member(id));
      if (size == null) {
        refused.add(id + ": not a readable image");
      } else if (ImageIo.tooLarge(size) != null) {
        refused.add(id + ": " + ImageIo.tooLarge(size));
      } else if (!resize && (size.width() != input.width() || size.height() != input.height())) {
        refused.add(id + ": is " + size + " pixels but the model takes " + input.width() + "×" + input.height()
            + "; reference images are baselines of every sample: set resize: bilinear to resize them");
      }
    }
    named("reference", refused, problems);
  }

  /** Adds one problem per named file, up to {@link #NAMED}, then one counting the rest. */
  private static void named(String key, List<String> messages, List<Problem> problems) {
    for (int i = 0; i < Math.min(NAMED, messages.size()); i++) {
      problems.add(new Problem(key, messages.get(i)));
    }
    if (messages.size() > NAMED) {
      problems.add(new Problem(key, "and " + (messages.size() - NAMED) + " more images like these"));
    }
  }

  private static ImageIo.Size header(Storage storage, String file) {
    try {
      return ImageIo.size(storage, file);
    } catch (SampleFaultException e) {
      return null; // a fault of its sample when the run reads it
    }
  }
}
