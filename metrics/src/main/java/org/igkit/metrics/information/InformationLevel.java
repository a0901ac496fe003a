package org.igkit.metrics.information;

/** How the information level of a bokeh image is measured. */
public enum InformationLevel {
  /**
   * XRAI's normalised entropy: with s(·) the {@link Codec} size of the 8-bit image,
   * L = (s(bokeh) − s(base)) / (s(x) − s(base)) clamped to [0, 1], so the blurred base is 0 and
   * the input 1. A sample whose input compresses no larger than its blurred base cannot be
   * scored.
   */
  COMPRESSION,
  /** The IDGI paper's variant (§4.5): L = {@link MsSsim}(bokeh, x) clamped to [0, 1]. */
  MS_SSIM
}
