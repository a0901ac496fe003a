package org.igkit.api.data;

/**
 * One image of a data set, in the user's image space (C×H×W, values usually in [0, 1]).
 *
 * @param id    a stable identifier, unique within the data set (a file name, or an index)
 * @param image the C×H×W values
 * @param label the class label, or −1 when unknown
 * @param mask  the H×W ground-truth mask (1 inside the object, 0 outside), or {@code null}
 */
public record Sample(String id, float[] image, int label, float[] mask) {

  /** Returns whether the sample has a ground-truth mask. */
  public boolean hasMask() {
    return mask != null;
  }
}
