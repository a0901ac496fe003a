package org.igkit.runner.html;

/**
 * Colour maps for attribution heat maps. Signed maps use a diverging blue–white–red map (the 11
 * anchor colours of ColorBrewer's RdBu, linearly interpolated, symmetric around 0); magnitudes
 * ({@code positive}, {@code absolute}) a sequential map from near-white to dark red (RdBu's red
 * half). Values are clipped to [−1, 1] (signed) or [0, 1].
 */
final class ColourMaps {

  private ColourMaps() {}

  // RdBu 11-class anchor colours, from −1 (blue) to +1 (red).
  private static final int[] RDBU = {
    0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F
  };

  /** Returns the RGB of a signed value in [−1, 1]. */
  static int diverging(double v) {
    double t = (Math.max(-1, Math.min(1, v)) + 1) / 2 * (RDBU.length - 1);
    int i = Math.min((int) Math.floor(t), RDBU.length - 2);
    return mix(RDBU[i], RDBU[i + 1], t - i);
  }

  /** Returns the RGB of a magnitude in [0, 1] (RdBu's white-to-red half). */
  static int sequential(double v) {
    return diverging(Math.max(0, Math.min(1, v)));
  }

  /** Returns the RGB of {@code v} in the colour map of {@code sign} (see {@link HeatMaps}). */
  static int of(String sign, double v) {
    return "diverging".equals(sign) ? diverging(v) : sequential(v);
  }

  /** Returns {@code #rrggbb}. */
  static String hex(int rgb) {
    return String.format(java.util.Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
  }

  /** Linear mix of two RGB colours. */
  static int mix(int a, int b, double t) {
    int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
    int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
    int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    return (r << 16) | (g << 8) | bl;
  }
}
