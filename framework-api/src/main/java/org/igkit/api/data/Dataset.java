package org.igkit.api.data;

import java.util.List;
import org.igkit.api.model.Shape;

/**
 * A finite, ordered collection of samples to attribute — an image folder, a generated benchmark —
 * plus optional reference (training-set) images for baselines drawn from data.
 *
 * <p>Laws: {@link #size()} and the order of samples are fixed; {@link #get(int)} returns equal
 * samples for equal indices (generated sets derive each sample from their seed and its index);
 * every image has {@link #shape()}.
 */
public interface Dataset {

  /** Returns the shape of every image. */
  Shape shape();

  /** Returns the number of samples. */
  int size();

  /** Returns sample {@code index}, 0 ≤ index &lt; size(). */
  Sample get(int index);

  /**
   * Returns the id of sample {@code index}; the default reads the sample. Data sets that read
   * files override it to answer without decoding the image, so a run can name a sample whose
   * file is corrupt, and skip finished samples without reading them.
   */
  default String id(int index) {
    return get(index).id();
  }

  /** Returns the class names, by label, or an empty list when unknown. */
  default List<String> classNames() {
    return List.of();
  }

  /** Returns reference images for data-drawn baselines; default none. */
  default List<float[]> referenceImages() {
    return List.of();
  }

  /** Returns a SHA-256 (hex) that identifies the data's content, for provenance. */
  String fingerprint();
}
