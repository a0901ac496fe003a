package org.igkit.experiments.data;

import java.util.Locale;
import org.igkit.api.model.Shape;

/**
 * One image of a benchmark built from Fashion-MNIST items ({@link FashionOnTexture},
 * {@link BlockMnist}), with its exact ground truth and where it came from.
 *
 * @param split      the split it belongs to
 * @param index      its index within the split
 * @param label      the item's class, an index into {@link FashionMnist#CLASS_NAMES}
 * @param shape      the image shape C×H×W
 * @param image      C×H×W values in [0, 1], multiples of 1/255 (what an 8-bit file stores)
 * @param mask       H×W, 1 exactly on the item's silhouette, 0 elsewhere
 * @param box        the tightest box around the mask
 * @param item       the item's index within its Fashion-MNIST part ({@code train} for the train
 *                   split, {@code t10k} for test)
 * @param background the background's index in {@link TextureBank#FILES}, or for
 *                   {@link BlockMnist} 0 when the item is in the top half and 1 when in the bottom
 */
public record CompositeSample(
    ShapesDataset.Split split,
    long index,
    int label,
    Shape shape,
    float[] image,
    float[] mask,
    BoundingBox box,
    int item,
    int background) {

  /** Returns a short id such as {@code test-0007}. */
  public String id() {
    return split.name().toLowerCase(Locale.ROOT) + "-" + String.format(Locale.ROOT, "%04d", index);
  }

  /** Returns the tightest box around the 1s of an h×w mask. */
  static BoundingBox boxOf(float[] mask, int h, int w) {
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] == 1) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) {
      throw new IllegalStateException("empty mask");
    }
    return new BoundingBox(x0, y0, x1 + 1, y1 + 1);
  }
}
