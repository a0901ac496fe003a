package org.igkit.api.image;

import org.igkit.api.model.Shape;

/**
 * Builds the images of a perturbation curve: a copy of {@code base} whose first k ranked spatial
 * positions (all channels) take the values of {@code donor}. Deletion uses base = x and donor =
 * the fill; insertion uses base = the fill and donor = x. This is the one place in igkit that
 * builds such masked images (metric curves and the WG fitness search).
 */
public final class RankedComposite {

  private RankedComposite() {}

  /**
   * Returns {@code base} with positions {@code order[0..k)} copied from {@code donor} in every
   * channel.
   */
  public static float[] compose(float[] base, float[] donor, Shape shape, int[] order, int k) {
    float[] out = base.clone();
    int pixels = shape.pixels();
    for (int i = 0; i < k; i++) {
      int p = order[i];
      for (int c = 0; c < shape.channels(); c++) {
        out[c * pixels + p] = donor[c * pixels + p];
      }
    }
    return out;
  }

  /**
   * Copies positions {@code order[from..to)} from {@code donor} into {@code image}, in every
   * channel: applied to a copy of base with positions order[0..from) already taken, it gives
   * {@link #compose}(base, donor, shape, order, to), so the images of growing k can be built one
   * from the next.
   */
  public static void take(float[] image, float[] donor, int channels, int pixels, int[] order, int from, int to) {
    for (int i = from; i < to; i++) {
      int p = order[i];
      for (int c = 0, at = p; c < channels; c++, at += pixels) {
        image[at] = donor[at];
      }
    }
  }
}
