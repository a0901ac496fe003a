package org.igkit.api.image;

/**
 * Bilinear resize with half-pixel centres ({@code align_corners = false}), edges clamped, in
 * double precision with one rounding to float per output value, so results are the same on every
 * JVM.
 *
 * <p>Output pixel (y, x) samples the source at s_y = max(0, (y + ½)·h/H − ½) and likewise s_x;
 * with y₀ = ⌊s_y⌋, y₁ = min(y₀ + 1, h − 1), f_y = s_y − y₀ (and x₀, x₁, f_x), its value is
 * (1 − f_y)·((1 − f_x)·src[y₀, x₀] + f_x·src[y₀, x₁]) + f_y·((1 − f_x)·src[y₁, x₀] + f_x·src[y₁, x₁]).
 */
public final class Bilinear {

  private Bilinear() {}

  /**
   * Resizes each of {@code channels} planes of {@code src} (channels×h×w, row-major) to
   * {@code outH}×{@code outW}. Always interpolates, also when the sizes match (where it returns the
   * values, except that −0 becomes 0 and a NaN or infinity spreads to its right and lower
   * neighbours).
   */
  public static float[] resize(float[] src, int channels, int h, int w, int outH, int outW) {
    float[] out = new float[channels * outH * outW];
    for (int c = 0; c < channels; c++) {
      int base = c * h * w;
      for (int y = 0; y < outH; y++) {
        double sy = Math.max(0, (y + 0.5) * h / outH - 0.5);
        int y0 = Math.min((int) sy, h - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fy = sy - y0;
        for (int x = 0; x < outW; x++) {
          double sx = Math.max(0, (x + 0.5) * w / outW - 0.5);
          int x0 = Math.min((int) sx, w - 1);
          int x1 = Math.min(x0 + 1, w - 1);
          double fx = sx - x0;
          double v =
              (1 - fy) * ((1 - fx) * src[base + y0 * w + x0] + fx * src[base + y0 * w + x1])
                  + fy * ((1 - fx) * src[base + y1 * w + x0] + fx * src[base + y1 * w + x1]);
          out[(c * outH + y) * outW + x] = (float) v;
        }
      }
    }
    return out;
  }
}
