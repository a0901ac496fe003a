package org.igkit.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.LocalStorage;
import org.igkit.api.io.Storages;
import org.igkit.runner.data.ImageFolderDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hdfs://} for real: an in-process HDFS (Hadoop's {@link MiniDFSCluster}, one DataNode)
 * holding a copy of a local image folder gives the local folder's listing, bytes, samples and data
 * fingerprint.
 */
class HdfsStorageTest {

  @TempDir static Path dir;

  private static MiniDFSCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.setBoolean("dfs.namenode.http-address.enabled", false);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Test
  void anImageFolderOnHdfsReadsAsTheLocalFolder() throws Exception {
    Path local = Files.createDirectories(dir.resolve("local"));
    ImageFolders.write(local, 8, 4);
    FileSystem fs = cluster.getFileSystem();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toString()), new org.apache.hadoop.fs.Path("/data"));
    String root = fs.getUri() + "/data"; // hdfs://localhost:PORT/data
    HadoopStorage hdfs = new HadoopStorage(cluster.getConfiguration(0));

    FolderListing listing = hdfs.list(root + "/images");
    assertThat(listing.files()).isEqualTo(new LocalStorage().list(local.resolve("images").toString()).files());
    for (FolderListing.Entry e : listing.files()) {
      try (InputStream in = hdfs.open(hdfs.member(root + "/images", e.path()))) {
        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(local.resolve("images").resolve(e.path())));
      }
    }

    var onHdfs = new ImageFolderDataset(new ImageFolderDataset.Spec(root + "/images", root + "/masks", null,
        root + "/reference", 3, null, null, null), Storages.of(hdfs));
    var plain = new ImageFolderDataset(new ImageFolderDataset.Spec(local.resolve("images").toString(),
        local.resolve("masks").toString(), null, local.resolve("reference").toString(), 3, null, null, null));
    assertThat(onHdfs.fingerprint()).isEqualTo(plain.fingerprint());
    for (int i = 0; i < plain.size(); i++) {
      assertThat(onHdfs.get(i).image()).isEqualTo(plain.get(i).image());
      assertThat(onHdfs.get(i).mask()).isEqualTo(plain.get(i).mask());
    }
  }
}
