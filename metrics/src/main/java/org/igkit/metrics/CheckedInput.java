package org.igkit.metrics;

import java.util.List;
import org.igkit.api.engine.Attribution;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;

/**
 * A {@link MetricInput} whose parts have been checked against each other, with the attribution
 * widened to double precision. Every metric builds one first, so every metric rejects the same
 * bad inputs with the same messages.
 *
 * @param metric    the id of the metric asking (prefixes every message)
 * @param model     the model
 * @param shape     the model's input shape, which the image and the attribution share
 * @param image     the input x, C×H×W
 * @param map       the attribution values, C×H×W, as doubles
 * @param target    the attribution's explained class
 * @param mask      the ground-truth H×W mask, or {@code null}
 * @param batchSize maximum points per model call
 */
public record CheckedInput(
    String metric,
    ModelFunction model,
    Shape shape,
    float[] image,
    double[] map,
    int target,
    float[] mask,
    int batchSize) {

  /**
   * Checks {@code in} for metric {@code metric}: the attribution must be present, have the image's
   * shape and only finite values; when {@code needsModel}, the model must be present, take that
   * shape, know the target class, and the batch size must be ≥ 1.
   *
   * @throws MetricException naming the metric and the first problem found
   */
  public static CheckedInput of(String metric, MetricInput in, boolean needsModel) {
    if (in == null) {
      throw new MetricException(metric + ": no metric input was given");
    }
    Attribution a = in.attribution();
    if (a == null) {
      throw new MetricException(metric + ": the attribution is missing");
    }
    Shape shape = a.shape();
    if (a.values() == null || a.values().length != shape.size()) {
      throw new MetricException(
          metric + ": the attribution has " + (a.values() == null ? "no" : a.values().length)
              + " values, expected " + shape + " = " + shape.size());
    }
    ModelFunction model = in.model();
    if (needsModel) {
      if (model == null) {
        throw new MetricException(metric + ": needs the model, but none was given");
      }
      if (!model.inputShape().equals(shape)) {
        throw new MetricException(
            metric + ": the attribution's shape " + shape + " differs from the model's input shape "
                + model.inputShape());
      }
      if (a.target() < 0 || a.target() >= model.numClasses()) {
        throw new MetricException(
            metric + ": target class " + a.target() + " is outside the model's classes 0.."
                + (model.numClasses() - 1));
      }
      if (in.batchSize() < 1) {
        throw new MetricException(metric + ": batchSize must be ≥ 1, was " + in.batchSize());
      }
    }
    float[] image = in.input();
    if (needsModel && (image == null || image.length != shape.size())) {
      throw new MetricException(
          metric + ": the input image has " + (image == null ? "no" : image.length)
              + " values, expected " + shape + " = " + shape.size());
    }
    double[] map = new double[shape.size()];
    for (int i = 0; i < map.length; i++) {
      float v = a.values()[i];
      if (!Float.isFinite(v)) {
        throw new MetricException(
            metric + ": the attribution has the non-finite value " + v + " at index " + i + " (channel "
                + i / shape.pixels() + ", pixel " + i % shape.pixels() + ")");
      }
      map[i] = v;
    }
    return new CheckedInput(metric, model, shape, image, map, a.target(), in.mask(), Math.max(1, in.batchSize()));
  }

  /** Receives one checked output row of {@link #outputRows}. */
  @FunctionalInterface
  public interface OutputRow {
    /**
     * Takes the row of image {@code index}.
     *
     * @param index the image's index in the list given to {@link #outputRows}
     * @param row   the model's output row for it, of {@code numClasses} scores
     */
    void accept(int index, float[] row);
  }

  /**
   * Runs the model over {@code images} in batches of at most {@link #batchSize}, checks that each
   * batch answers one row per image and each row holds one score per class, and hands the rows to
   * {@code each} in order.
   *
   * @throws MetricException naming the metric and the first bad answer
   */
  public void outputRows(List<float[]> images, OutputRow each) {
    for (int start = 0; start < images.size(); start += batchSize) {
      int end = Math.min(images.size(), start + batchSize);
      float[][] batch = model.outputs(images.subList(start, end));
      if (batch == null || batch.length != end - start) {
        throw new MetricException(metric + ": the model answered " + (batch == null ? "no" : batch.length)
            + " rows for a batch of " + (end - start) + " images");
      }
      for (int i = 0; i < batch.length; i++) {
        if (batch[i] == null || batch[i].length != model.numClasses()) {
          throw new MetricException(metric + ": the model answered a row of "
              + (batch[i] == null ? "no" : batch[i].length) + " scores, expected " + model.numClasses()
              + " classes");
        }
        each.accept(start + i, batch[i]);
      }
    }
  }
}
