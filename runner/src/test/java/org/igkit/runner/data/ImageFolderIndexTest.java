package org.igkit.runner.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.igkit.api.data.Sample;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.LocalStorage;
import org.igkit.api.io.Storage;
import org.igkit.api.io.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image folder read through a storage of its own (here: {@code file:} URIs through a storage
 * that records what it is asked), and built again from its {@link ImageFolderIndex} after a trip
 * through Java serialisation: the second data set lists nothing, reads no label file, opens only
 * the files of the samples it is asked for, and gives the same samples, reference images and
 * fingerprint — which is that of the same folder read as a plain path.
 */
class ImageFolderIndexTest {

  @TempDir Path dir;

  /** The local storage for {@code file:} URIs, recording the calls; listing may be forbidden. */
  private static final class Recording implements Storage {
    final LocalStorage local = new LocalStorage();
    final boolean mayList;
    final List<String> listed = new ArrayList<>();
    final List<String> opened = new ArrayList<>();

    Recording(boolean mayList) {
      this.mayList = mayList;
    }

    public String name() {
      return "recording";
    }

    public boolean reads(String scheme) {
      return scheme.equals("file");
    }

    public Kind kind(String location) {
      return local.kind(location);
    }

    public FolderListing list(String folder) throws IOException {
      if (!mayList) {
        throw new AssertionError("listed " + folder + " although the index was given");
      }
      listed.add(folder);
      return local.list(folder);
    }

    public InputStream open(String file) throws IOException {
      opened.add(file);
      return local.open(file);
    }

    public String member(String folder, String relativePath) {
      return local.member(folder, relativePath);
    }
  }

  private void png(String path, int w, int h, SplittableRandom random) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void aDataSetBuiltFromAShippedIndexListsNothingAndGivesTheSameSamples() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (String id : List.of("cat/1.png", "cat/2.png", "dog/1.png", "dog/sub/3.png")) {
      png("images/" + id, 6, 4, random);
      png("masks/" + id, 6, 4, random);
    }
    png("reference/r.png", 6, 4, random);
    Files.writeString(dir.resolve("labels.csv"), "file,label\ncat/1.png,tabby\ncat/2.png,tabby\ndog/1.png,3\n3.png,hound\n");
    String[] uri = {
        dir.resolve("images").toUri().toString(), dir.resolve("masks").toUri().toString(),
        dir.resolve("labels.csv").toUri().toString(), dir.resolve("reference").toUri().toString()};
    var spec = new ImageFolderDataset.Spec(uri[0], uri[1], uri[2], uri[3], 3, null, null, null);

    Recording planning = new Recording(true);
    ImageFolderDataset listed = new ImageFolderDataset(spec, Storages.of(planning));
    assertThat(planning.listed).containsExactly(uri[0], uri[1], uri[3]);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(listed.index());
    }
    ImageFolderIndex shipped;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (ImageFolderIndex) in.readObject();
    }
    Recording computing = new Recording(false);
    ImageFolderDataset rebuilt = new ImageFolderDataset(spec, Storages.of(computing), shipped);

    Sample a = listed.get(3);
    Sample b = rebuilt.get(3);
    assertThat(computing.opened).as("only sample 3's image and mask are opened")
        .containsExactly(dir.resolve("images/dog/sub/3.png").toUri().toString(),
            dir.resolve("masks/dog/sub/3.png").toUri().toString());
    assertThat(b.id()).isEqualTo(a.id()).isEqualTo("dog/sub/3.png");
    assertThat(b.image()).isEqualTo(a.image());
    assertThat(b.mask()).isEqualTo(a.mask());
    assertThat(b.label()).isEqualTo(a.label()).isEqualTo(0); // by its file name: hound, the first class
    assertThat(rebuilt.classNames()).isEqualTo(listed.classNames()).containsExactly("hound", "tabby");
    assertThat(rebuilt.shape()).isEqualTo(listed.shape());
    for (int i = 0; i < listed.size(); i++) {
      assertThat(rebuilt.id(i)).isEqualTo(listed.id(i));
      assertThat(rebuilt.get(i).label()).isEqualTo(listed.get(i).label());
    }
    assertThat(rebuilt.referenceImages()).hasSize(1);
    assertThat(rebuilt.referenceImages().get(0)).isEqualTo(listed.referenceImages().get(0));
    assertThat(rebuilt.fingerprint()).isEqualTo(listed.fingerprint());

    var plain = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("images").toString(),
        dir.resolve("masks").toString(), dir.resolve("labels.csv").toString(), dir.resolve("reference").toString(),
        3, null, null, null));
    assertThat(listed.fingerprint()).as("a file: URI and a plain path of one folder: one data hash")
        .isEqualTo(plain.fingerprint());
    assertThat(listed.get(0).image()).isEqualTo(plain.get(0).image());
  }

  @Test
  void theDataHashIsTheSha256OfEveryImagesRelativePathThenBytesFolderByFolder() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    for (String id : List.of("b.png", "a/z.jpg", "a-b.png", "a.png")) {
      png("images/" + id, 4, 4, random);
      png("masks/" + id.substring(0, id.lastIndexOf('.')) + ".png", 4, 4, random);
    }
    png("reference/r1.png", 4, 4, random);
    Files.writeString(dir.resolve("images/notes.txt"), "not an image: not hashed");

    // The definition, written out: per folder (images, masks, reference), its image files in the
    // String order of their '/'-separated relative paths, each as its path's UTF-8 bytes then its bytes.
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    for (String folder : List.of("images", "masks", "reference")) {
      Path root = dir.resolve(folder);
      List<String> paths;
      try (var walk = Files.walk(root)) {
        paths = walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
            .filter(p -> p.endsWith(".png") || p.endsWith(".jpg")).sorted().toList();
      }
      for (String p : paths) {
        sha.update(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(root.resolve(p)));
      }
    }
    String expected = java.util.HexFormat.of().formatHex(sha.digest());

    var plain = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("images").toString(),
        dir.resolve("masks").toString(), null, dir.resolve("reference").toString(), 3, null, null, null));
    var uris = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("images").toUri().toString(),
        dir.resolve("masks").toUri().toString(), null, dir.resolve("reference").toUri().toString(), 3, null, null, null));
    assertThat(plain.fingerprint()).isEqualTo(expected);
    assertThat(uris.fingerprint()).isEqualTo(expected);
    assertThat(plain.index().images().paths()).containsExactly("a-b.png", "a.png", "a/z.jpg", "b.png");
  }
}
