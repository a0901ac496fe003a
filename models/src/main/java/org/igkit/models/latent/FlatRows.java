package org.igkit.models.latent;

import java.util.List;

/** Rows of equal length laid end to end in one flat array (a batch tensor's data), and back. */
final class FlatRows {

  private FlatRows() {}

  /** The first {@code size} values of each row, one row after the other. */
  static float[] stack(List<float[]> rows, int size) {
    float[] flat = new float[rows.size() * size];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * size, size);
    }
    return flat;
  }

  /** {@code n} rows of {@code size} values cut from {@code flat}. */
  static float[][] split(float[] flat, int n, int size) {
    float[][] out = new float[n][size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * size, out[i], 0, size);
    }
    return out;
  }
}
