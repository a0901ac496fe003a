package org.igkit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small TorchScript models that tests load through the PyTorch engine, made by the Python
 * scripts beside them in {@code fixtures/} ({@code make_tiny_cnn.py}: a 3×32×32 CNN with 10
 * classes and its PyTorch reference outputs and gradients in {@code tiny_cnn.json};
 * {@code make_tiny_cnn_224.py}: the same at 224×224; {@code make_tiny_cnn_f64.py}: a 3×8×8 CNN with 4
 * classes exported in double, with float64 reference values in {@code tiny_cnn_f64.json}).
 */
public final class TorchScriptFixtures {

  private TorchScriptFixtures() {}

  /**
   * Returns fixture {@code name} (e.g. {@code tiny_cnn.pt}) as a file: the resource itself when the
   * class path holds it as a file, otherwise a copy in a temporary folder deleted at exit.
   */
  public static Path path(String name) {
    URL url = TorchScriptFixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test fixture " + name + " in testkit's fixtures/");
    }
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI());
      }
      Path dir = Files.createTempDirectory("igkit-fixture-");
      Path file = dir.resolve(name);
      try (InputStream in = url.openStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy test fixture " + name, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
