package org.igkit.runner.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.Shape;

/**
 * Checks an {@link ImageFolderDataset} before a run, from file listings and image headers only (no
 * pixel is decoded): its folders and label file exist; no selected image, mask or reference image
 * has more than {@link ImageIo#MAX_PIXELS} pixels; its size settings match the model's input; and,
 * with {@code resize: none}, some selected image has the model's input size (an image of another
 * size is a fault of its sample at run time, but a folder where none fits is a configuration error)
 * and every reference image has it (reference images are baselines of every sample). An image whose
 * header cannot be read is left to the run, which records it as a fault of its sample.
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

  /**
   * Returns the problems of {@code spec} against a model taking {@code input}.
   *
   * @param select the selected sample indices for a data set of the given size
   */
  public static List<Problem> check(ImageFolderDataset.Spec spec, Shape input, IntFunction<int[]> select) {
    List<Problem> problems = new ArrayList<>();
    sizeSettings(spec, input, problems);
    Path root = folder(spec.path(), "path", problems);
    Path masks = spec.masks() == null ? null : folder(spec.masks(), "masks", problems);
    Path reference = spec.reference() == null ? null : folder(spec.reference(), "reference", problems);
    if (spec.labels() != null && !Files.isRegularFile(Path.of(spec.labels()))) {
      problems.add(new Problem("labels", "file not found: " + Path.of(spec.labels()).toAbsolutePath().normalize()));
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

  private static Path folder(String path, String key, List<Problem> problems) {
    Path dir = Path.of(path).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      problems.add(new Problem(key, (Files.exists(dir) ? "is not a folder: " : "folder not found: ") + dir));
      return null;
    }
    return dir;
  }

  private static void images(
      Path root, Path masks, Shape input, boolean resize, IntFunction<int[]> select, List<Problem> problems) {
    List<Path> files = ImageFolderDataset.imageFiles(root);
    if (files.isEmpty()) {
      problems.add(new Problem("path", "no images (.png, .jpg, .jpeg, .bmp, .gif) under " + root));
      return;
    }
    List<String> tooLarge = new ArrayList<>();
    List<String> tooLargeMasks = new ArrayList<>();
    int readable = 0;
    int fitting = 0;
    String firstOther = null;
    for (int i : select.apply(files.size())) {
      Path file = files.get(i);
      String id = root.relativize(file).toString().replace('\\', '/');
      ImageIo.Size size = header(file);
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
      if (masks != null) {
        int dot = id.lastIndexOf('.');
        Path mask = masks.resolve((dot > 0 ? id.substring(0, dot) : id) + ".png");
        ImageIo.Size m = Files.isRegularFile(mask) ? header(mask) : null;
        String refused = m == null ? null : ImageIo.tooLarge(m);
        if (refused != null) {
          tooLargeMasks.add(masks.relativize(mask).toString().replace('\\', '/') + ": " + refused);
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

  private static void references(Path dir, Shape input, boolean resize, List<Problem> problems) {
    List<String> refused = new ArrayList<>();
    for (Path file : ImageFolderDataset.imageFiles(dir)) {
      ImageIo.Size size = header(file);
      String id = dir.relativize(file).toString().replace('\\', '/');
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

  private static ImageIo.Size header(Path file) {
    try {
      return ImageIo.size(file);
    } catch (SampleFaultException e) {
      return null; // a fault of its sample when the run reads it
    }
  }
}
