package org.igkit.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.experiments.roar.RoarStudy;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.AtomicFiles;

/**
 * What an executor needs to rebuild a ROAR study ({@link RoarStudy}) of {@link SparkRoar}: the
 * experiment's resolved configuration, the model's path, the result folder and the settings; and
 * the format of the saliency files the first stage writes for the second.
 */
final class RoarJob implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The folder, inside the result folder, of the saliency files; removed when the study finishes. */
  static final String MAPS_FOLDER = "roar-maps";

  private final String configYaml;
  private final String source;
  private final String modelPath;
  private final String out;
  private final double[] ratios;
  private final int epochs;
  private final int trainImages;
  private final Integer testImages;
  private final int batchSize;
  private final double learningRate;

  RoarJob(String configYaml, String source, String modelPath, Path out, RoarStudy.Settings settings) {
    this.configYaml = configYaml;
    this.source = source;
    this.modelPath = modelPath;
    this.out = out.toAbsolutePath().toString();
    this.ratios = settings.ratios().stream().mapToDouble(Double::doubleValue).toArray();
    this.epochs = settings.epochs();
    this.trainImages = settings.trainImages();
    this.testImages = settings.testImages();
    this.batchSize = settings.batchSize();
    this.learningRate = settings.learningRate();
  }

  /** The result folder (absolute). */
  Path out() {
    return Path.of(out);
  }

  /** The study, as the driver built it, with the model path this executor can read. */
  RoarStudy study(PluginRegistry registry) throws IOException {
    Experiment experiment = new ExperimentLoader(registry).parse(PartitionTask.localConfig(configYaml, modelPath),
        Path.of(source));
    List<Double> r = new ArrayList<>();
    for (double v : ratios) {
      r.add(v);
    }
    return new RoarStudy(registry, experiment, new RoarStudy.Settings(r, epochs, trainImages, testImages, batchSize,
        learningRate));
  }

  /** The saliency file of the method at {@code index} of the study's methods. */
  Path mapsFile(int index) {
    return out().resolve(MAPS_FOLDER).resolve("method-" + index + ".maps");
  }

  /** Writes the training and test saliencies of one method (atomically: a file is complete or absent). */
  static void writeMaps(Path file, double[][] train, double[][] test) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(bytes)) {
      for (double[][] maps : List.of(train, test)) {
        data.writeInt(maps.length);
        data.writeInt(maps.length == 0 ? 0 : maps[0].length);
        for (double[] map : maps) {
          for (double v : map) {
            data.writeDouble(v);
          }
        }
      }
    }
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /**
   * Reads the saliencies {@link #writeMaps} wrote: {train, test}, each image × pixel.
   *
   * @throws IllegalStateException when the file holds other counts than {@code trainImages} and
   *                               {@code testImages} images of {@code pixels} pixels
   */
  static double[][][] readMaps(Path file, int trainImages, int testImages, int pixels) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException("saliency file " + file + " is not on this executor: the ROAR result folder must be "
          + "on storage every executor mounts at the driver's path");
    }
    double[][][] out = new double[2][][];
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        DataInputStream data = new DataInputStream(in)) {
      int[] expected = {trainImages, testImages};
      for (int part = 0; part < 2; part++) {
        int n = data.readInt();
        int p = data.readInt();
        if (n != expected[part] || (n > 0 && p != pixels)) {
          throw new IllegalStateException(file + " holds " + n + " maps of " + p + " pixels, expected " + expected[part]
              + " of " + pixels);
        }
        out[part] = new double[n][p];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < p; j++) {
            out[part][i][j] = data.readDouble();
          }
        }
      }
    }
    return out;
  }
}
