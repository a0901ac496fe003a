package org.igkit.cli;

import java.nio.file.Path;
import org.igkit.experiments.data.FashionMnist;
import org.igkit.experiments.data.TextureBank;
import picocli.CommandLine.Option;

/**
 * The files the composite benchmarks are built from ({@code fashion-on-texture}, {@code block-mnist}):
 * the options {@code train} and {@code build-data} share (a picocli mixin).
 */
final class CompositeSources {

  @Option(names = "--fashion-mnist", description = "folder of Fashion-MNIST's *-ubyte.gz (default: ${DEFAULT-VALUE})",
      defaultValue = FashionMnist.DEBIAN_DIR)
  Path fashionMnist;

  @Option(names = "--textures", description = "folder of scikit-image's data (default: ${DEFAULT-VALUE})",
      defaultValue = TextureBank.DEBIAN_DIR)
  Path textures;
}
