package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * What the Spark tests share: a local-mode configuration on loopback and the committed model, with
 * its section of an experiment file.
 */
public final class LocalSpark {

  private LocalSpark() {}

  /**
   * Spark's local mode with two task slots, named {@code appName}, bound to 127.0.0.1 and without
   * the web UI.
   */
  public static SparkConf conf(String appName) {
    return new SparkConf()
        .setMaster("local[2]")
        .setAppName(appName)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
  }

  /** The committed quick-start model: small-cnn, width 16, 3×32×32, 4 classes. */
  public static Path quickStartModel() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path model = base.resolve("../experiments/models/shapes-small-cnn.params").toAbsolutePath().normalize();
    assertThat(model).as("the committed quick-start model").isRegularFile();
    return model;
  }

  /**
   * The {@code model:} section of an experiment file for {@link #quickStartModel()}, with
   * probabilities as its output; no line break after its last line.
   */
  public static String quickStartModelSection() {
    return """
        model:
          path: '%s'
          format: djl-block
          architecture: small-cnn
          width: 16
          inputShape: [3, 32, 32]
          numClasses: 4
          output: probability""".formatted(quickStartModel());
  }
}
