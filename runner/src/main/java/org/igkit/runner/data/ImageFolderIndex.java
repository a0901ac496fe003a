package org.igkit.runner.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.igkit.api.io.FolderListing;

/**
 * What an {@link ImageFolderDataset} knows before it decodes a pixel: the listings of its image,
 * mask and reference folders (image files only), every image's label, the class names and the
 * image size. It is made once where a run is planned (the Spark driver) and travels to the
 * machines that compute ({@link Serializable}), which build the same data set from it without
 * listing a folder or reading the label file again, and open only their own samples' files.
 *
 * @param images     the image files under {@code path}, in sample order
 * @param masks      the image files under {@code masks}, or {@code null} without masks
 * @param reference  the image files under {@code reference}, or {@code null} without reference images
 * @param labels     each image's label (−1: unknown), in sample order
 * @param classNames the class names (label i is the i-th), possibly empty
 * @param height     the image height samples are given at
 * @param width      the image width samples are given at
 */
public record ImageFolderIndex(FolderListing images, FolderListing masks, FolderListing reference, int[] labels,
    List<String> classNames, int height, int width) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks that there is one label per image and keeps copies. */
  public ImageFolderIndex {
    Objects.requireNonNull(images, "images");
    if (labels.length != images.size()) {
      throw new IllegalArgumentException(labels.length + " labels for " + images.size() + " images");
    }
    labels = labels.clone();
    classNames = List.copyOf(classNames);
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Returns the label of image {@code i}. */
  int label(int i) {
    return labels[i];
  }
}
