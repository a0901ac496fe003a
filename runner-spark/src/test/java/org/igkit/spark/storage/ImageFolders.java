package org.igkit.spark.storage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small image folders of random pixels for the storage tests, the same for the same seed. */
final class ImageFolders {

  /** Image paths under the folder: two class sub-folders, one nested, names whose order is tricky. */
  static final List<String> IMAGES = List.of("cat/a-1.png", "cat/a.png", "cat/a/b.png", "dog/x.jpg", "dog/y.png");

  private ImageFolders() {}

  /**
   * Writes {@code images/…} ({@code size}×{@code size}), {@code masks/…} (one per image, as
   * {@code .png}) and {@code reference/r.png} under {@code dir} and a non-image file beside them.
   */
  static void write(Path dir, int size, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    for (String id : IMAGES) {
      png(dir.resolve("images").resolve(id), size, random, id.endsWith(".jpg") ? "jpg" : "png");
      png(dir.resolve("masks").resolve(id.substring(0, id.lastIndexOf('.')) + ".png"), size, random, "png");
    }
    png(dir.resolve("reference/r.png"), size, random, "png");
    Files.writeString(dir.resolve("images/README.txt"), "not an image");
  }

  private static void png(Path file, int size, SplittableRandom random, String format) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ImageIO.write(img, format, file.toFile());
  }
}
