package org.igkit.spark.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.Storage;
import scala.Tuple2;

/**
 * Data read through Hadoop's {@link FileSystem}: {@code hdfs:}, {@code file:} (Hadoop's
 * {@code LocalFileSystem}), {@code s3a:} when {@code org.apache.hadoop:hadoop-aws} (and its AWS SDK)
 * is on the class path, and any scheme the Hadoop configuration maps to a file system class
 * ({@code fs.<scheme>.impl}) or a {@code FileSystem} service registers. It ranks above
 * {@link org.igkit.api.io.LocalStorage}, so {@code file:} URIs go through Hadoop where
 * {@code runner-spark} is on the class path; plain paths stay local.
 *
 * <p><b>Configuration.</b> Made with a {@link Configuration} — the Spark driver passes its job's,
 * {@code JavaSparkContext.hadoopConfiguration()} — the storage keeps a copy; found by
 * {@link java.util.ServiceLoader}, it builds one on first use as Spark does: Hadoop's defaults and
 * the {@code core-site.xml}/{@code hdfs-site.xml} on the class path ({@code HADOOP_CONF_DIR} under
 * {@code spark-submit}), then every {@code spark.hadoop.X} setting of this JVM's Spark
 * configuration as {@code X}. The storage is {@link Serializable} with its whole configuration, so
 * an executor reads with the driver's settings.
 *
 * <p>Listings use {@link FileSystem#listFiles(Path, boolean)} (recursive, files only); relative
 * paths are those of the files' URI paths under the folder's qualified path. File systems are
 * Hadoop's cached instances, never closed here.
 */
public final class HadoopStorage implements Storage, Serializable {

  private static final long serialVersionUID = 1L;

  /** The storage's name. */
  public static final String NAME = "hadoop";

  /** The prefix of Spark settings that are Hadoop settings. */
  static final String SPARK_HADOOP = "spark.hadoop.";

  private transient Configuration conf;

  /** The storage {@link java.util.ServiceLoader} makes: the JVM's Hadoop configuration, on first use. */
  public HadoopStorage() {}

  /** A storage reading with a copy of {@code conf}. */
  public HadoopStorage(Configuration conf) {
    this.conf = new Configuration(conf);
  }

  /** Returns the configuration read with (made on first use for the no-argument storage). */
  synchronized Configuration configuration() {
    if (conf == null) {
      conf = processConfiguration();
    }
    return conf;
  }

  /**
   * Returns Hadoop's configuration of this JVM as Spark makes it: the class path's site files, then
   * {@code spark.hadoop.*} of the running Spark environment's configuration (driver or executor), or
   * without one, of the {@code spark.*} system properties.
   */
  static Configuration processConfiguration() {
    Configuration c = new Configuration();
    SparkEnv env = SparkEnv.get();
    SparkConf spark = env != null ? env.conf() : new SparkConf(true);
    for (Tuple2<String, String> kv : spark.getAllWithPrefix(SPARK_HADOOP)) {
      c.set(kv._1(), kv._2(), "spark.hadoop." + kv._1());
    }
    return c;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Ranks above the local storage (0), so that Hadoop reads the {@code file:} URIs it reads too. */
  @Override
  public int rank() {
    return 10;
  }

  @Override
  public boolean reads(String scheme) {
    try {
      return FileSystem.getFileSystemClass(scheme, configuration()) != null;
    } catch (IOException | RuntimeException | LinkageError e) {
      return false; // no file system for it, or its class (hadoop-aws for s3a) is missing
    }
  }

  @Override
  public Kind kind(String location) throws IOException {
    Path path = new Path(location);
    try {
      FileStatus status = path.getFileSystem(configuration()).getFileStatus(path);
      return status.isDirectory() ? Kind.FOLDER : Kind.FILE;
    } catch (FileNotFoundException e) {
      return Kind.MISSING;
    }
  }

  @Override
  public FolderListing list(String folder) throws IOException {
    Path dir = new Path(folder);
    FileSystem fs = dir.getFileSystem(configuration());
    Path qualified = fs.makeQualified(dir);
    if (!fs.getFileStatus(qualified).isDirectory()) { // FileNotFoundException when missing
      throw new IOException(folder + ": is not a folder");
    }
    String prefix = qualified.toUri().getPath();
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    List<FolderListing.Entry> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualified, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      if (!f.isFile()) {
        continue;
      }
      String path = f.getPath().toUri().getPath();
      if (!path.startsWith(prefix)) {
        throw new IOException(folder + ": listed " + f.getPath() + ", which is not under " + qualified);
      }
      files.add(new FolderListing.Entry(path.substring(prefix.length()), f.getLen()));
    }
    return FolderListing.sorted(folder, files);
  }

  @Override
  public InputStream open(String file) throws IOException {
    Path path = new Path(file);
    return path.getFileSystem(configuration()).open(path);
  }

  @Override
  public String member(String folder, String relativePath) {
    return new Path(new Path(folder), new Path(null, null, relativePath)).toString();
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    configuration().write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    Configuration c = new Configuration(false);
    c.readFields(in);
    conf = c;
  }
}
