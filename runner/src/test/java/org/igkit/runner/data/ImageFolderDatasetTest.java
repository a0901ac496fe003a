package org.igkit.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.igkit.api.data.Sample;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders: pixel values, labels from folders or CSV, masks, resizing, errors. */
public class ImageFolderDatasetTest {

  @TempDir Path dir;

  private static void png(Path file, int w, int h, int rgb) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void readsPixelsInRgbOrderAndLabelsFromSubFolders() throws IOException {
    png(dir.resolve("img/cat/a.png"), 4, 2, 0xFF8000);
    png(dir.resolve("img/dog/b.png"), 4, 2, 0x0000FF);
    var ds = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("img").toString(), null, null, null, null, null, null, null));
    assertThat(ds.shape()).isEqualTo(Shape.of(3, 2, 4));
    assertThat(ds.size()).isEqualTo(2);
    assertThat(ds.classNames()).containsExactly("cat", "dog");
    Sample a = ds.get(0);
    assertThat(a.id()).isEqualTo("cat/a.png");
    assertThat(a.label()).isEqualTo(0);
    assertThat(a.image()[0]).isEqualTo(1f); // red plane
    assertThat(a.image()[8]).isEqualTo(128 / 255f); // green plane starts at H·W = 8
    assertThat(a.image()[16]).isEqualTo(0f);
    assertThat(ds.get(1).label()).isEqualTo(1);
    assertThat(a.mask()).isNull();
  }

  @Test
  void labelsFromCsvMasksAndResizing() throws IOException {
    png(dir.resolve("img/x.png"), 8, 8, 0x404040);
    png(dir.resolve("img/y.jpg"), 8, 8, 0x404040);
    BufferedImage mask = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        mask.setRGB(x, y, 0xFFFFFF);
      }
    }
    Files.createDirectories(dir.resolve("masks"));
    ImageIO.write(mask, "png", dir.resolve("masks/x.png").toFile());
    ImageIO.write(mask, "png", dir.resolve("masks/y.png").toFile());
    Files.writeString(dir.resolve("labels.csv"), "file,label\nx.png,7\ny.jpg,2\n");
    var ds = new ImageFolderDataset(new ImageFolderDataset.Spec(
        dir.resolve("img").toString(), dir.resolve("masks").toString(), dir.resolve("labels.csv").toString(), null, 1, 4, 4, "bilinear"));
    assertThat(ds.shape()).isEqualTo(Shape.of(1, 4, 4));
    Sample x = ds.get(0);
    assertThat(x.label()).isEqualTo(7);
    assertThat(ds.get(1).label()).isEqualTo(2);
    float[] gray = new float[16];
    java.util.Arrays.fill(gray, 0x40 / 255f);
    assertThat(x.image()).containsExactly(gray, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(x.mask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void fingerprintDependsOnContentNotOnWhereTheFolderIs() throws IOException {
    png(dir.resolve("a/img/p.png"), 3, 3, 0x102030);
    png(dir.resolve("b/img/p.png"), 3, 3, 0x102030);
    png(dir.resolve("c/img/p.png"), 3, 3, 0x102031);
    String a = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("a/img").toString(), null, null, null, null, null, null, null)).fingerprint();
    String b = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("b/img").toString(), null, null, null, null, null, null, null)).fingerprint();
    String c = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("c/img").toString(), null, null, null, null, null, null, null)).fingerprint();
    assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void errorsNameWhatIsMissing() throws IOException {
    assertThatThrownBy(() -> new ImageFolderDataset.Spec(null, null, null, null, null, null, null, null))
        .hasMessage("path: is required (the folder of images)");
    assertThatThrownBy(() -> new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("nope").toString(), null, null, null, null, null, null, null)))
        .hasMessageStartingWith("dataset.path: folder not found: ");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("empty").toString(), null, null, null, null, null, null, null)))
        .hasMessageStartingWith("dataset.path: no images");
    png(dir.resolve("img/z.png"), 2, 2, 0);
    Files.createDirectories(dir.resolve("m"));
    var ds = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("img").toString(), dir.resolve("m").toString(), null, null, null, null, null, null));
    assertThatThrownBy(() -> ds.get(0)).hasMessageContaining("dataset.masks: no mask for z.png");
    Files.writeString(dir.resolve("img/broken.png"), "not an image");
    var broken = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("img").toString(), null, null, null, 3, 2, 2, null));
    assertThatThrownBy(() -> broken.get(0)).hasMessageContaining("broken.png");
  }

  @Test
  void withoutAResizePolicyAnImageOfAnotherSizeIsAFaultOfItsSampleNamingBothSizes() throws IOException {
    png(dir.resolve("img/a.png"), 4, 4, 0x808080);
    png(dir.resolve("img/b.png"), 6, 3, 0x808080);
    var ds = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("img").toString(), null, null, null, 3, 4, 4, null));

    assertThat(ds.get(0).image()).hasSize(3 * 4 * 4);
    SampleFaultException e = catchThrowableOfType(SampleFaultException.class, () -> ds.get(1));
    assertThat(e).as("a 6×3 image is not stretched to 4×4 unasked").isNotNull();
    assertThat(e.kind()).isEqualTo(SampleFaultException.Kind.WRONG_SHAPE);
    assertThat(e.getMessage()).contains("b.png").contains("6×3").contains("4×4").contains("resize: bilinear");
  }

  @Test
  void resizeBilinearResizesToTheGivenSize() throws IOException {
    png(dir.resolve("img/b.png"), 6, 3, 0x808080);
    var ds = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("img").toString(), null, null, null, 3, 4, 4, "bilinear"));

    assertThat(ds.get(0).image()).hasSize(3 * 4 * 4).containsOnly(128 / 255f);
    assertThatThrownBy(() -> new ImageFolderDataset.Spec(dir.toString(), null, null, null, null, null, null, "bicubic"))
        .hasMessageContaining("resize: must be one of [none, bilinear], was 'bicubic'");
  }

  @Test
  void anImageOfMoreThanFiftyMegapixelsIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
    // a 26000×26000 PNG header in front of no pixel data: decoding it would need 2.7 GB
    Path big = dir.resolve("img/huge.png");
    Files.createDirectories(big.getParent());
    Files.write(big, hugePngHeader(26_000, 26_000));

    assertThat(ImageIo.size(big)).isEqualTo(new ImageIo.Size(26_000, 26_000));
    SampleFaultException e = catchThrowableOfType(SampleFaultException.class, () -> ImageIo.read(big));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("huge.png").contains("26000×26000").contains("50 megapixels");
  }

  /** The PNG signature and an IHDR chunk (8-bit RGB) of the given size, with a valid CRC, and no image data. */
  public static byte[] hugePngHeader(int width, int height) {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    return png.array();
  }
}
