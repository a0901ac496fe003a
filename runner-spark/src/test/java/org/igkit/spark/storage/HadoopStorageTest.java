package org.igkit.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.igkit.api.data.Sample;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.LocalStorage;
import org.igkit.api.io.Storage;
import org.igkit.api.io.Storages;
import org.igkit.runner.data.ImageFolderDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hadoop storage with {@code file://} URIs, through Hadoop's {@code LocalFileSystem}, against
 * the local storage ({@code java.nio}) on the same folders: the same listing (paths, order, sizes),
 * the same bytes, and an image-folder data set with the same samples and the same data
 * fingerprint as the one read from the plain path.
 */
class HadoopStorageTest {

  @TempDir Path dir;

  private final HadoopStorage hadoop = new HadoopStorage(new Configuration());

  @Test
  void aFileUriListsAndReadsAsTheLocalStorageDoes() throws Exception {
    ImageFolders.write(dir, 8, 1);
    String uri = dir.resolve("images").toUri().toString(); // file:///…/images/
    FolderListing viaHadoop = hadoop.list(uri);
    FolderListing viaNio = new LocalStorage().list(dir.resolve("images").toString());

    assertThat(viaHadoop.files()).isEqualTo(viaNio.files());
    assertThat(viaHadoop.paths()).containsExactly(
        "README.txt", "cat/a-1.png", "cat/a.png", "cat/a/b.png", "dog/x.jpg", "dog/y.png");
    for (FolderListing.Entry e : viaHadoop.files()) {
      try (InputStream in = hadoop.open(hadoop.member(uri, e.path()))) {
        assertThat(in.readAllBytes()).as(e.path()).isEqualTo(Files.readAllBytes(dir.resolve("images").resolve(e.path())));
      }
    }
    assertThat(hadoop.kind(uri)).isEqualTo(Storage.Kind.FOLDER);
    assertThat(hadoop.kind(hadoop.member(uri, "cat/a.png"))).isEqualTo(Storage.Kind.FILE);
    assertThat(hadoop.kind(hadoop.member(uri, "nothing.png"))).isEqualTo(Storage.Kind.MISSING);
    assertThatThrownBy(() -> hadoop.list(dir.resolve("no-such").toUri().toString()))
        .isInstanceOf(FileNotFoundException.class).hasMessageContaining("no-such");
  }

  @Test
  void anImageFolderThroughHadoopHasTheSamplesAndDataHashOfThePlainPath() throws Exception {
    ImageFolders.write(dir, 8, 2);
    var plain = new ImageFolderDataset(new ImageFolderDataset.Spec(dir.resolve("images").toString(),
        dir.resolve("masks").toString(), null, dir.resolve("reference").toString(), 3, null, null, null));
    var spec = new ImageFolderDataset.Spec(dir.resolve("images").toUri().toString(),
        dir.resolve("masks").toUri().toString(), null, dir.resolve("reference").toUri().toString(), 3, null, null, null);
    var viaHadoop = new ImageFolderDataset(spec, Storages.of(hadoop));

    assertThat(viaHadoop.fingerprint()).isEqualTo(plain.fingerprint());
    assertThat(viaHadoop.size()).isEqualTo(plain.size()).isEqualTo(ImageFolders.IMAGES.size());
    assertThat(viaHadoop.classNames()).isEqualTo(plain.classNames()).containsExactly("cat", "dog");
    for (int i = 0; i < plain.size(); i++) {
      Sample a = plain.get(i);
      Sample b = viaHadoop.get(i);
      assertThat(b.id()).isEqualTo(a.id()).isEqualTo(ImageFolders.IMAGES.get(i));
      assertThat(b.label()).isEqualTo(a.label());
      assertThat(b.image()).isEqualTo(a.image());
      assertThat(b.mask()).isEqualTo(a.mask());
    }
    assertThat(viaHadoop.referenceImages().get(0)).isEqualTo(plain.referenceImages().get(0));
  }

  @Test
  void itReadsWhatHadoopMapsAndTravelsWithItsConfiguration() throws Exception {
    assertThat(hadoop.reads("file")).isTrue();
    assertThat(hadoop.reads("hdfs")).isTrue();
    assertThat(hadoop.reads("s3a")).as("s3a needs hadoop-aws on the class path").isFalse();
    assertThat(hadoop.reads("nonesuch")).isFalse();

    Configuration conf = new Configuration();
    conf.set("igkit.test.setting", "from the driver");
    conf.set("fs.mapped.impl", "org.apache.hadoop.fs.LocalFileSystem");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HadoopStorage(conf));
    }
    HadoopStorage copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (HadoopStorage) in.readObject();
    }
    assertThat(copy.configuration().get("igkit.test.setting")).isEqualTo("from the driver");
    assertThat(copy.reads("mapped")).as("a scheme the configuration maps").isTrue();
  }

  @Test
  void onThisClassPathHadoopReadsUrisAndPlainPathsStayLocal() {
    Storages installed = Storages.installed();
    assertThat(installed.get("hdfs://namenode:8020/data")).isInstanceOf(HadoopStorage.class);
    assertThat(installed.get("file:///data")).isInstanceOf(HadoopStorage.class);
    assertThat(installed.get("/data")).isInstanceOf(LocalStorage.class);
  }
}
