package org.igkit.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local storage against {@code java.nio} itself: every regular file under a folder, by its
 * '/'-separated relative path in {@link String#compareTo} order, with its size; the same listing
 * through a {@code file:} URI; members open to their bytes; and missing places say so.
 */
class LocalStorageTest {

  @TempDir Path dir;

  private final LocalStorage storage = new LocalStorage();

  /** Writes {@code size} bytes (a pattern of the path) to {@code dir/path}. */
  private byte[] write(String path, int size) throws IOException {
    Path file = dir.resolve("root").resolve(path);
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (path.hashCode() * 31 + i);
    }
    Files.write(file, bytes);
    return bytes;
  }

  @Test
  void listsEveryFileRecursivelyInStringOrderOfRelativePathsWithSizes() throws IOException {
    // '-' (0x2D) < '.' (0x2E) < '/' (0x2F) < 'A' < 'a': an order a walk of the tree does not give
    Map<String, Integer> expected = new TreeMap<>(Map.of(
        "a.png", 5, "a-b.png", 0, "a/b.png", 17, "a/c/d.txt", 3, "A.png", 11, "b/a.png", 1));
    for (var e : expected.entrySet()) {
      write(e.getKey(), e.getValue());
    }
    Files.createDirectories(dir.resolve("root/empty/folder"));

    String root = dir.resolve("root").toString();
    FolderListing listing = storage.list(root);

    List<FolderListing.Entry> want = new ArrayList<>();
    expected.forEach((path, size) -> want.add(new FolderListing.Entry(path, size)));
    assertThat(listing.folder()).isEqualTo(root);
    assertThat(listing.files()).containsExactlyElementsOf(want);
    assertThat(listing.paths()).containsExactly("A.png", "a-b.png", "a.png", "a/b.png", "a/c/d.txt", "b/a.png");
    assertThat(storage.list(dir.resolve("root").toUri().toString()).files())
        .as("the same folder as a file: URI").containsExactlyElementsOf(want);
  }

  @Test
  void membersOpenToTheirBytesAndAreNamedAsTheFolderWas() throws IOException {
    byte[] bytes = write("x/y.bin", 300);
    String plain = dir.resolve("root").toString();
    String uri = dir.resolve("root").toUri().toString();

    assertThat(storage.member(plain, "x/y.bin")).isEqualTo(dir.resolve("root/x/y.bin").toString());
    assertThat(storage.member(uri, "x/y.bin")).isEqualTo(dir.resolve("root/x/y.bin").toUri().toString());
    for (String folder : List.of(plain, uri)) {
      try (InputStream in = storage.open(storage.member(folder, "x/y.bin"))) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(storage.localPath(storage.member(folder, "x/y.bin"))).contains(dir.resolve("root/x/y.bin"));
    }
    assertThat(storage.kind(plain)).isEqualTo(Storage.Kind.FOLDER);
    assertThat(storage.kind(storage.member(uri, "x/y.bin"))).isEqualTo(Storage.Kind.FILE);
    assertThat(storage.kind(plain + "/nothing")).isEqualTo(Storage.Kind.MISSING);
  }

  @Test
  void aMissingFolderIsANoSuchFileExceptionNamingIt() {
    Path missing = dir.resolve("no-such-folder");
    assertThatThrownBy(() -> storage.list(missing.toString()))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> storage.open(missing.resolve("a.png").toString()))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.resolve("a.png").toString());
  }

  @Test
  void aFileUriWithoutAnAbsolutePathIsRefusedSayingWhatToWrite() {
    assertThatThrownBy(() -> storage.kind("file:images"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("file:images: not a file: URI of an absolute path")
        .hasMessageContaining("write file:///data/images");
  }

  @Test
  void storagesChoosePlainPathsLocallyAndUrisByScheme() {
    Storages storages = Storages.of();
    assertThat(Storages.scheme("/data/images")).isNull();
    assertThat(Storages.scheme("C:\\data")).isNull();
    assertThat(Storages.scheme("HDFS://nn/data")).isEqualTo("hdfs");
    assertThat(Storages.scheme("file:/data")).isEqualTo("file");
    assertThat(storages.get("/data")).isInstanceOf(LocalStorage.class);
    assertThat(storages.get("file:///data")).isInstanceOf(LocalStorage.class);
    assertThatThrownBy(() -> storages.get("hdfs://nn/data"))
        .isInstanceOfSatisfying(Storages.NoStorageException.class, e -> assertThat(e.scheme()).isEqualTo("hdfs"))
        .hasMessage("hdfs://nn/data: no storage on the class path reads hdfs: URIs (storages here: local)");

    Storage other = new Storage() {
      public String name() {
        return "other";
      }

      public boolean reads(String scheme) {
        return scheme.equals("file") || scheme.equals("hdfs");
      }

      public Kind kind(String location) {
        return Kind.MISSING;
      }

      public FolderListing list(String folder) {
        return new FolderListing(folder, List.of());
      }

      public InputStream open(String file) throws IOException {
        throw new IOException("none");
      }

      public String member(String folder, String relativePath) {
        return folder + "/" + relativePath;
      }
    };
    Storages with = storages.with(other);
    assertThat(with.get("hdfs://nn/data")).isSameAs(other);
    assertThat(with.get("file:///data")).as("the preferred storage reads file: too").isSameAs(other);
    assertThat(with.get("/data")).as("plain paths stay local").isInstanceOf(LocalStorage.class);
  }

  @Test
  void aListingMustBeSortedAndFindsItsPaths() {
    FolderListing listing = FolderListing.sorted("f", List.of(
        new FolderListing.Entry("b", 1), new FolderListing.Entry("a/c", 2), new FolderListing.Entry("a", 3)));
    assertThat(listing.paths()).containsExactly("a", "a/c", "b");
    assertThat(listing.contains("a/c")).isTrue();
    assertThat(listing.contains("a/b")).isFalse();
    assertThatThrownBy(() -> new FolderListing("f", List.of(new FolderListing.Entry("b", 1), new FolderListing.Entry("a", 1))))
        .hasMessageContaining("not sorted by path");
  }
}
