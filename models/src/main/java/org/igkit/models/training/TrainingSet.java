package org.igkit.models.training;

import org.igkit.api.model.Shape;

/**
 * Labelled images held in memory for training: as floats (any values), or as bytes for images
 * whose values are multiples of 1/255 (a quarter of the memory; 12 000 images of 3×64×64 take
 * 147 MB).
 */
public final class TrainingSet {

  private final Shape shape;
  private final int numClasses;
  private final int[] labels;
  private final float[] floats;
  private final byte[] bytes;

  private TrainingSet(Shape shape, int numClasses, int[] labels, float[] floats, byte[] bytes) {
    this.shape = shape;
    this.numClasses = numClasses;
    this.labels = labels;
    this.floats = floats;
    this.bytes = bytes;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label of image " + i + ": must be in [0, " + numClasses + "), was " + labels[i]);
      }
    }
  }

  /** Images stored as floats, image i at {@code images[i·size …]}. */
  public static TrainingSet ofFloats(Shape shape, int numClasses, float[] images, int[] labels) {
    if (images.length != (long) labels.length * shape.size()) {
      throw new IllegalArgumentException(labels.length + " labels but " + images.length + " values for shape " + shape);
    }
    return new TrainingSet(shape, numClasses, labels, images, null);
  }

  /** Images stored as bytes, value = byte / 255, image i at {@code images[i·size …]}. */
  public static TrainingSet ofBytes(Shape shape, int numClasses, byte[] images, int[] labels) {
    if (images.length != (long) labels.length * shape.size()) {
      throw new IllegalArgumentException(labels.length + " labels but " + images.length + " values for shape " + shape);
    }
    return new TrainingSet(shape, numClasses, labels, null, images);
  }

  /** Returns the image shape. */
  public Shape shape() {
    return shape;
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** Returns the number of images. */
  public int size() {
    return labels.length;
  }

  /** Returns the label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Copies image {@code i} into {@code dst} at {@code offset}. */
  public void copyImage(int i, float[] dst, int offset) {
    int size = shape.size();
    if (floats != null) {
      System.arraycopy(floats, i * size, dst, offset, size);
    } else {
      int base = i * size;
      for (int j = 0; j < size; j++) {
        dst[offset + j] = (bytes[base + j] & 0xFF) / 255f;
      }
    }
  }
}
