package org.igkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Files of this checkout that the command-line tests run against. */
public final class Checkout {

  private Checkout() {}

  /** The {@code experiments} module, where the committed models and experiment files live. */
  public static Path experiments() {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path dir = module.resolve("../experiments").toAbsolutePath().normalize();
    assertThat(dir.resolve("models")).as("the experiments module beside cli").isDirectory();
    return dir;
  }

  /** The committed quick-start model: djl-block small-cnn, width 16, 3×32×32, 4 classes. */
  public static Path quickStartModel() {
    Path model = experiments().resolve("models/shapes-small-cnn.params");
    assertThat(model).as("the committed quick-start model").isRegularFile();
    return model;
  }
}
