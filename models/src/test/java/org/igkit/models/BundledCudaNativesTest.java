package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a CUDA libtorch jar on the class path is found and unpacked into DJL's cache layout, on a
 * small stand-in jar (a folder with the same layout and made-up library contents), and that the
 * class path of this build holds a CUDA jar exactly when its own description says so.
 */
class BundledCudaNativesTest {

  @TempDir Path tmp;

  /** A folder laid out as a libtorch jar: its description and one file per library. */
  private Path standIn(String flavor, List<String> libraries) throws IOException {
    Path root = tmp.resolve("jar-" + flavor);
    Path props = root.resolve(BundledCudaNatives.PROPERTIES);
    Files.createDirectories(props.getParent());
    Files.writeString(props, "version=9.9.9-20990101\nflavor=" + flavor
        + "\nclassifier=linux-x86_64\nlibraries=" + String.join(",", libraries) + "\n");
    for (String lib : libraries) {
      Path file = root.resolve("pytorch/" + flavor + "/linux-x86_64/" + lib);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "contents of " + lib);
    }
    return root;
  }

  private static <T> T withClassPath(Path root, Supplier<T> body) throws IOException {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      t.setContextClassLoader(loader);
      return body.get();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void aCudaJarIsFoundAndDescribed() throws IOException {
    Path root = standIn("cu124", List.of("libtorch.so", "libcaffe2_nvrtc.so"));
    BundledCudaNatives.Bundle b = withClassPath(root, BundledCudaNatives::cudaBundle);
    assertThat(b).isNotNull();
    assertThat(b.flavor()).isEqualTo("cu124");
    assertThat(b.version()).isEqualTo("9.9.9-20990101");
    assertThat(b.classifier()).isEqualTo("linux-x86_64");
    assertThat(b.libraries()).containsExactly("libtorch.so", "libcaffe2_nvrtc.so");
  }

  @Test
  void aCpuJarIsNotACudaJar() throws IOException {
    Path root = standIn("cpu", List.of("libtorch.so"));
    assertThat(withClassPath(root, BundledCudaNatives::cudaBundle)).isNull();
  }

  @Test
  void unpackingCopiesEveryLibraryButTheLeftOutOnesByteForByteAndOnlyOnce() throws IOException {
    Path root = standIn("cu124", List.of("libtorch.so", "libc10.so", "libcaffe2_nvrtc.so"));
    Path dir = tmp.resolve("cache/pytorch/9.9.9-cu124-linux-x86_64");
    withClassPath(root, () -> {
      BundledCudaNatives.unpack(BundledCudaNatives.cudaBundle(), dir, Set.of("libcaffe2_nvrtc.so"));
      return null;
    });
    Path src = root.resolve("pytorch/cu124/linux-x86_64");
    assertThat(dir.resolve("libtorch.so")).hasSameBinaryContentAs(src.resolve("libtorch.so"));
    assertThat(dir.resolve("libc10.so")).hasSameBinaryContentAs(src.resolve("libc10.so"));
    assertThat(dir.resolve("libcaffe2_nvrtc.so")).doesNotExist();
    try (var left = Files.list(dir.getParent())) {
      assertThat(left).as("no temporary folder is left behind").containsExactly(dir);
    }

    // libtorch is there: a second unpack changes nothing, even from a jar with other contents.
    Files.writeString(src.resolve("libc10.so"), "other contents");
    withClassPath(root, () -> {
      BundledCudaNatives.unpack(BundledCudaNatives.cudaBundle(), dir, Set.of());
      return null;
    });
    assertThat(Files.readString(dir.resolve("libc10.so"))).isEqualTo("contents of libc10.so");
    assertThat(dir.resolve("libcaffe2_nvrtc.so")).doesNotExist();
  }

  @Test
  void aLibraryMissingFromTheJarIsNamedAndNothingIsLeftInTheCache() throws IOException {
    Path root = standIn("cu124", List.of("libtorch.so", "libc10.so"));
    Files.delete(root.resolve("pytorch/cu124/linux-x86_64/libc10.so"));
    Path dir = tmp.resolve("cache/pytorch/9.9.9-cu124-linux-x86_64");
    assertThatThrownBy(() -> withClassPath(root, () -> {
      BundledCudaNatives.unpack(BundledCudaNatives.cudaBundle(), dir, Set.of());
      return null;
    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pytorch/cu124/linux-x86_64/libc10.so is missing from the cu124 libtorch jar");
    assertThat(dir).doesNotExist();
    try (var left = Files.list(dir.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  /**
   * This build's class path (the CPU build, or the CUDA build with -Pcuda) holds a CUDA libtorch jar
   * exactly when one of the libtorch descriptions on it names a CUDA flavour.
   */
  @Test
  void theBuildsOwnClassPathIsReadAsItsLibtorchJarDescribesItself() throws IOException {
    boolean cuda = false;
    int descriptions = 0;
    ClassLoader loader = getClass().getClassLoader();
    for (URL url : Collections.list(loader.getResources(BundledCudaNatives.PROPERTIES))) {
      Properties p = new Properties();
      try (InputStream in = url.openStream()) {
        p.load(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
      }
      descriptions++;
      cuda |= p.getProperty("flavor", "").startsWith("cu");
    }
    assertThat(descriptions).as("a libtorch jar is on the test class path").isPositive();
    assertThat(BundledCudaNatives.cudaBundle() != null).isEqualTo(cuda);
  }
}
