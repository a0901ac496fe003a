package org.igkit.api.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An array as a NumPy {@code .npy} file holds it: the type descriptor, the extents (C order) and
 * the raw data in the descriptor's byte order. Read with {@link Npy#read}, written with
 * {@link Npy#write}; built with {@link #float32}, {@link #float64}, {@link #int32} or
 * {@link #uint8}.
 *
 * <p>Types: float32 ({@code f4}), float64 ({@code f8}), int32 ({@code i4}), uint8 ({@code u1})
 * and bool ({@code b1}); byte order {@code <} (little-endian), {@code >} (big-endian), {@code |}
 * (not applicable) or {@code =} (taken as little-endian).
 *
 * @param descr the NumPy type descriptor, e.g. {@code '<f4'}
 * @param shape the extents, C order ({@code []} for a scalar)
 * @param data  the values' bytes in C order, {@code descr}'s byte order; a writable buffer is
 *              copied, a read-only one is kept as it is
 */
public record NpyArray(String descr, int[] shape, ByteBuffer data) {

  /** Checks the type, the extents and the data length. */
  public NpyArray {
    int width = width(descr);
    if (width < 0) {
      throw new IllegalArgumentException("unsupported dtype '" + descr + "'; " + Npy.TYPES);
    }
    shape = shape.clone();
    long size = size(shape);
    if (data.remaining() != size * width) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of dtype '" + descr
          + "' needs " + size * width + " data bytes, have " + data.remaining());
    }
    if (data.isReadOnly()) {
      data = data.slice();
    } else {
      ByteBuffer copy = ByteBuffer.allocate(data.remaining());
      copy.put(data.duplicate());
      data = copy.flip().asReadOnlyBuffer();
    }
  }

  /** A float32 array ({@code '<f4'}) of the given extents; {@code data} in C order. */
  public static NpyArray float32(float[] data, int... shape) {
    checkSize(shape, data.length);
    ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    return new NpyArray("<f4", shape, buf.asReadOnlyBuffer());
  }

  /** A float64 array ({@code '<f8'}) of the given extents; {@code data} in C order. */
  public static NpyArray float64(double[] data, int... shape) {
    checkSize(shape, data.length);
    ByteBuffer buf = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(data);
    return new NpyArray("<f8", shape, buf.asReadOnlyBuffer());
  }

  /** An int32 array ({@code '<i4'}) of the given extents; {@code data} in C order. */
  public static NpyArray int32(int[] data, int... shape) {
    checkSize(shape, data.length);
    ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(data);
    return new NpyArray("<i4", shape, buf.asReadOnlyBuffer());
  }

  /** A uint8 array ({@code '|u1'}) of the given extents; {@code data} in C order. */
  public static NpyArray uint8(byte[] data, int... shape) {
    checkSize(shape, data.length);
    return new NpyArray("|u1", shape, ByteBuffer.wrap(data.clone()).asReadOnlyBuffer());
  }

  /** Returns a copy of the extents. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Returns a read-only view of the data, positioned at its start, in {@code descr}'s byte order. */
  @Override
  public ByteBuffer data() {
    return data.duplicate().order(order(descr));
  }

  /** Returns the type without its byte order: {@code f4}, {@code f8}, {@code i4}, {@code u1} or {@code b1}. */
  public String type() {
    return descr.substring(1);
  }

  /** Returns the number of values (the product of the extents). */
  public int size() {
    return (int) size(shape);
  }

  /**
   * Returns the values widened to double (exact for every type; uint8 and bool as 0…255 and 0/1).
   */
  public double[] values() {
    ByteBuffer b = data();
    double[] out = new double[size()];
    String type = type();
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (type) {
        case "f4" -> b.getFloat();
        case "f8" -> b.getDouble();
        case "i4" -> b.getInt();
        default -> b.get() & 0xFF;
      };
    }
    return out;
  }

  /** Returns the values as float: exact for float32, narrowed from double for the other types. */
  public float[] floats() {
    float[] out = new float[size()];
    if (type().equals("f4")) {
      data().asFloatBuffer().get(out);
      return out;
    }
    double[] v = values();
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /**
   * Returns the values of an integer array (int32, uint8, bool) as int.
   *
   * @throws IllegalStateException for a float array
   */
  public int[] ints() {
    int[] out = new int[size()];
    switch (type()) {
      case "i4" -> data().asIntBuffer().get(out);
      case "u1", "b1" -> {
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
          out[i] = b.get() & 0xFF;
        }
      }
      default -> throw new IllegalStateException(this + " is not an integer array");
    }
    return out;
  }

  /**
   * Returns the bytes of a uint8 or bool array.
   *
   * @throws IllegalStateException for a wider type
   */
  public byte[] bytes() {
    if (width(descr) != 1) {
      throw new IllegalStateException(this + " is not a uint8 or bool array");
    }
    byte[] out = new byte[size()];
    data().get(out);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a && descr.equals(a.descr) && Arrays.equals(shape, a.shape)
        && data.equals(a.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * descr.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
  }

  @Override
  public String toString() {
    return "NpyArray[" + descr + ", shape " + Arrays.toString(shape) + "]";
  }

  /** Bytes per value of {@code descr}, or −1 when igkit does not read that type. */
  static int width(String descr) {
    if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
      return -1;
    }
    return switch (descr.substring(1)) {
      case "f4", "i4" -> 4;
      case "f8" -> 8;
      case "u1", "b1" -> 1;
      default -> -1;
    };
  }

  /** The byte order of a supported {@code descr}. */
  static ByteOrder order(String descr) {
    return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  private static long size(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": extents must be ≥ 0");
      }
      size *= d;
    }
    return size;
  }

  private static void checkSize(int[] shape, int length) {
    long size = size(shape);
    if (size != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
          + " values but the array has " + length);
    }
  }
}
