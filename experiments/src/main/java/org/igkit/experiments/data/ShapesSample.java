package org.igkit.experiments.data;

import org.igkit.api.model.Shape;

/**
 * One image of the {@link ShapesDataset}: a single object on a textured background, with its
 * exact ground truth.
 *
 * @param split  the split it belongs to
 * @param index  its index within the split
 * @param label  the object's class, an index into {@link ShapesDataset.ObjectClass}
 * @param shape  the image shape C×H×W
 * @param image  C×H×W values in [0, 1]
 * @param mask   H×W, 1 exactly where the object was drawn, 0 elsewhere (distractors are 0)
 * @param box    the tightest box around the mask
 * @param colour the object's colour, one value per channel; every pixel with mask 1 has it
 */
public record ShapesSample(
    ShapesDataset.Split split,
    long index,
    int label,
    Shape shape,
    float[] image,
    float[] mask,
    BoundingBox box,
    float[] colour) {

  /** Returns the object's class. */
  public ShapesDataset.ObjectClass objectClass() {
    return ShapesDataset.ObjectClass.values()[label];
  }

  /** Returns a short id such as {@code test-0007}. */
  public String id() {
    return id(split, index);
  }

  /** Returns the id of sample {@code index} of {@code split}, without drawing it. */
  public static String id(ShapesDataset.Split split, long index) {
    return split.name().toLowerCase(java.util.Locale.ROOT) + "-" + String.format(java.util.Locale.ROOT, "%04d", index);
  }
}
