package org.igkit.models;

import ai.djl.util.Platform;
import ai.djl.util.Utils;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets DJL use a CUDA libtorch jar on the class path (the {@code -Pcuda} build, README "GPUs") on
 * every machine, offline, also where DJL itself would not take it.
 *
 * <p>DJL takes a bundled libtorch jar only when it "matches the system": a jar of flavor
 * {@code cu124} only when DJL finds a CUDA runtime library ({@code libcudart.so}) of version 12.4 or
 * newer on the library path and at least one GPU. Otherwise it ignores the jar and tries to
 * download the CPU libtorch, which offline mode forbids. DJL also takes a libtorch that it finds
 * already unpacked in its cache folder ({@code <cache>/pytorch/<version>-<flavor>-<classifier>})
 * when the flavor is named by {@code PYTORCH_FLAVOR} (system property or environment variable).
 *
 * <p>{@link #prepare()} does just that when DJL would not take the jar: it unpacks the jar's
 * libraries into that cache folder once (as DJL would, through a temporary folder and a move) and
 * sets the system property {@code PYTORCH_FLAVOR}. The CUDA libtorch then runs on the CPU when
 * there is no GPU. One library is left out where the NVIDIA driver ({@code libcuda.so.1}, looked
 * up through JNA, which DJL brings) is missing: {@code libcaffe2_nvrtc.so}, PyTorch's binding to
 * NVRTC (the run-time CUDA compiler), is the only one that cannot load without the driver, DJL
 * loads every library in the folder, and without a driver there is nothing to compile for. With a
 * CPU libtorch jar on the class path (the default build), or where DJL takes the CUDA jar itself,
 * or where the user set {@code PYTORCH_FLAVOR} to another flavor, it does nothing.
 */
public final class BundledCudaNatives {

  /** Where libtorch jars describe themselves (flavor, version, classifier, library names). */
  static final String PROPERTIES = "native/lib/pytorch.properties";

  /** DJL's setting that names the libtorch flavor to use from its cache. */
  static final String FLAVOR_SETTING = "PYTORCH_FLAVOR";

  private static final Logger LOG = LoggerFactory.getLogger(BundledCudaNatives.class);

  private static boolean prepared;

  private BundledCudaNatives() {}

  /**
   * Makes a CUDA libtorch jar on the class path usable by DJL (see the class comment); call before
   * the PyTorch engine first starts. Does the work once per JVM (again after a failure).
   *
   * @throws UncheckedIOException when the libraries cannot be unpacked into DJL's cache folder
   * @throws IllegalStateException when a library the jar names is missing from it
   */
  public static synchronized void prepare() {
    if (prepared) {
      return;
    }
    Bundle bundle = cudaBundle();
    String requested = Utils.getEnvOrSystemProperty(FLAVOR_SETTING);
    if (bundle == null
        || (requested != null && !requested.isEmpty() && !requested.equals(bundle.flavor))) {
      prepared = true;
      return;
    }
    Platform platform = Platform.detectPlatform("pytorch");
    if (!platform.isPlaceholder()) {
      prepared = true;
      return; // DJL takes a bundled jar that matches this machine itself
    }
    Path dir = Utils.getEngineCacheDir("pytorch")
        .resolve(platform.getVersion() + '-' + bundle.flavor + '-' + bundle.classifier);
    unpack(bundle, dir, hasNvidiaDriver() ? Set.of() : Set.of(NVRTC));
    if (requested == null || requested.isEmpty()) {
      System.setProperty(FLAVOR_SETTING, bundle.flavor);
    }
    prepared = true; // only now: a failed unpack is tried again, and reported again, on the next start
    LOG.info("PyTorch: the bundled {} libtorch {} from {} (no matching CUDA runtime found by DJL)",
        bundle.flavor, bundle.version, dir);
  }

  /** One libtorch jar's self-description. */
  record Bundle(URL properties, String flavor, String version, String classifier, List<String> libraries) {}

  /** The library that links the NVIDIA driver: the run-time CUDA compiler's binding. */
  static final String NVRTC = System.mapLibraryName("caffe2_nvrtc");

  /** Whether the NVIDIA driver's library {@code libcuda.so.1} loads on this machine. */
  static boolean hasNvidiaDriver() {
    try {
      NativeLibrary.getInstance("libcuda.so.1");
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  /** Returns the CUDA libtorch jar on the class path, or null when there is none. */
  static Bundle cudaBundle() {
    try {
      Enumeration<URL> urls = loader().getResources(PROPERTIES);
      while (urls.hasMoreElements()) {
        Bundle b = read(urls.nextElement());
        if (b.flavor.startsWith("cu")) {
          return b;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("PyTorch: cannot list " + PROPERTIES + " on the class path", e);
    }
  }

  /** The class loader DJL reads its libtorch jar from: the thread's, else this class's. */
  private static ClassLoader loader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : BundledCudaNatives.class.getClassLoader();
  }

  private static Bundle read(URL url) throws IOException {
    Properties p = new Properties();
    try (InputStream in = url.openStream()) {
      p.load(in);
    }
    List<String> libraries = new ArrayList<>();
    for (String name : p.getProperty("libraries", "").split(",")) {
      if (!name.isBlank()) {
        libraries.add(name.trim());
      }
    }
    return new Bundle(url, p.getProperty("flavor", ""), p.getProperty("version", ""),
        p.getProperty("classifier", ""), libraries);
  }

  /**
   * Unpacks the bundle's libraries, except those named in {@code leaveOut}, into {@code dir} unless
   * libtorch is already there.
   */
  static void unpack(Bundle bundle, Path dir, Set<String> leaveOut) {
    if (Files.exists(dir.resolve(System.mapLibraryName("torch")))) {
      return;
    }
    if (bundle.libraries.isEmpty()) {
      throw new IllegalStateException("PyTorch: " + bundle.properties + " names no libraries");
    }
    ClassLoader loader = loader();
    Path tmp = null;
    try {
      Files.createDirectories(dir.getParent());
      tmp = Files.createTempDirectory(dir.getParent(), "tmp");
      for (String name : bundle.libraries) {
        if (leaveOut.contains(name)) {
          continue;
        }
        String resource = "pytorch/" + bundle.flavor + '/' + bundle.classifier + '/' + name;
        try (InputStream in = loader.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("PyTorch: " + resource + " is missing from the "
                + bundle.flavor + " libtorch jar that " + bundle.properties + " describes");
          }
          Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (IOException e) {
        if (!Files.exists(dir.resolve(System.mapLibraryName("torch")))) {
          throw e; // not a concurrent unpack that finished first
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PyTorch: cannot unpack the " + bundle.flavor + " libtorch into " + dir, e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  private static void deleteQuietly(Path tree) {
    try (Stream<Path> paths = Files.walk(tree)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a leftover temporary folder in DJL's cache, harmless
        }
      });
    } catch (IOException ignored) {
      // same
    }
  }
}
