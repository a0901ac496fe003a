package org.igkit.runner.results;

import java.util.Arrays;

/**
 * An array read from a {@code .npy} file by {@link NpyReader}.
 *
 * @param descr  the NumPy type descriptor, e.g. {@code '<f4'}
 * @param shape  the extents, C order
 * @param values the values in C order, widened to double (exact for float32)
 */
public record NpyArray(String descr, int[] shape, double[] values) {

  /** Copies the arrays. */
  public NpyArray {
    shape = shape.clone();
    values = values.clone();
  }

  /** Returns a copy of the extents. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Returns a copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Returns the values narrowed to float (exact when the file held float32). */
  public float[] floats() {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a && descr.equals(a.descr) && Arrays.equals(shape, a.shape)
        && Arrays.equals(values, a.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * descr.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NpyArray[" + descr + ", shape " + Arrays.toString(shape) + "]";
  }
}
