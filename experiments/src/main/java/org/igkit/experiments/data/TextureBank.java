package org.igkit.experiments.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The backgrounds of {@link FashionOnTexture}: CC0 and public-domain textures and photographs
 * that scikit-image ships and Debian's {@code python3-skimage} installs under
 * {@value #DEBIAN_DIR} — three CC0 textures (brick, grass, gravel; from cc0textures.com) and four
 * photographs (astronaut, NASA, public domain; camera, CC0; chelsea the cat, CC0; coffee, CC0).
 *
 * <p>Each PNG is read as 8-bit RGB (grey images copied to all three channels; the raster's raw
 * samples, no colour-space conversion) and shrunk by 2 with a 2×2 box filter, so that crops need
 * at most a 4× reduction to 64 pixels. PNG decoding is lossless, so the bank is the same on every
 * JVM.
 */
public final class TextureBank {

  /** Where Debian's {@code python3-skimage} puts scikit-image's data. */
  public static final String DEBIAN_DIR = "/usr/lib/python3/dist-packages/skimage/data";

  /** The files, in bank order (a sample records its background by this index). */
  public static final List<String> FILES =
      List.of("brick.png", "grass.png", "gravel.png", "astronaut.png", "camera.png", "chelsea.png", "coffee.png");

  /** One background: three row-major planes of {@code height}×{@code width} values in [0, 1]. */
  public record Texture(String name, int height, int width, float[][] planes) {}

  private final List<Texture> textures;

  private TextureBank(List<Texture> textures) {
    this.textures = List.copyOf(textures);
  }

  /**
   * Reads every file of {@link #FILES} from {@code dir}.
   *
   * @throws IllegalArgumentException naming the missing file and how to get it
   */
  public static TextureBank read(Path dir) {
    List<Texture> out = new ArrayList<>();
    for (String name : FILES) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "background " + file + " not found; install Debian's package (apt-get install python3-skimage, or "
                + "apt-get download python3-skimage && dpkg-deb -x python3-skimage_*.deb DIR and pass "
                + "--textures DIR/usr/lib/python3/dist-packages/skimage/data)");
      }
      BufferedImage img;
      try {
        img = ImageIO.read(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (img == null) {
        throw new IllegalArgumentException(file + ": not a PNG Java can read");
      }
      out.add(halve(name.replace(".png", ""), img.getRaster()));
    }
    return new TextureBank(out);
  }

  /** Returns whether {@code dir} holds every file of the bank. */
  public static boolean presentIn(Path dir) {
    return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  private static Texture halve(String name, Raster raster) {
    int h = raster.getHeight() / 2;
    int w = raster.getWidth() / 2;
    int bands = raster.getNumBands();
    if (raster.getSampleModel().getSampleSize(0) != 8) {
      throw new IllegalArgumentException(name + ": expected 8-bit samples");
    }
    float[][] planes = new float[3][h * w];
    for (int c = 0; c < 3; c++) {
      int band = bands >= 3 ? c : 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int sum = raster.getSample(2 * x, 2 * y, band) + raster.getSample(2 * x + 1, 2 * y, band)
              + raster.getSample(2 * x, 2 * y + 1, band) + raster.getSample(2 * x + 1, 2 * y + 1, band);
          planes[c][y * w + x] = sum / (4 * 255f);
        }
      }
    }
    return new Texture(name, h, w, planes);
  }

  /** Returns the number of backgrounds. */
  public int size() {
    return textures.size();
  }

  /** Returns background {@code i}. */
  public Texture get(int i) {
    return textures.get(i);
  }
}
