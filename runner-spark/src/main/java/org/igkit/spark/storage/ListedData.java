package org.igkit.spark.storage;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.igkit.api.data.Dataset;
import org.igkit.api.io.Storages;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.data.ImageFolderDataset;
import org.igkit.runner.data.ImageFolderIndex;

/**
 * A Spark run's data, listed once on the driver and shipped to the executors with their task: the
 * job's Hadoop configuration (a {@link HadoopStorage}) and, for an image folder, its
 * {@link ImageFolderIndex} (the listings of its image, mask and reference folders, the labels and
 * the image size). Executors build the data set from it without listing a folder or reading the
 * label file, read the configuration again without checking the data files (the driver did), and
 * open only the files of their own samples. Data sets that are not image folders (generated
 * benchmarks) are built from their spec as the local runner builds them.
 *
 * <p>It travels inside the partition function; Spark serialises a stage's function once and
 * broadcasts it, so each executor fetches the listing once, however many partitions it runs.
 */
public final class ListedData implements Serializable {

  private static final long serialVersionUID = 1L;

  private final HadoopStorage hadoop;
  private final ImageFolderIndex index;

  private ListedData(HadoopStorage hadoop, ImageFolderIndex index) {
    this.hadoop = hadoop;
    this.index = index;
  }

  /**
   * On the driver: lists {@code experiment}'s data set once, through the storages with the job's
   * Hadoop configuration ({@code sc.hadoopConfiguration()}) ahead of the class path's.
   */
  public static ListedData list(JavaSparkContext sc, PluginRegistry registry, Experiment experiment) {
    HadoopStorage hadoop = new HadoopStorage(sc.hadoopConfiguration());
    if (!(experiment.dataset().spec() instanceof ImageFolderDataset.Spec spec)) {
      return new ListedData(hadoop, null);
    }
    ImageFolderDataset listed = new ImageFolderDataset(spec, Storages.installed().with(hadoop));
    return new ListedData(hadoop, listed.index());
  }

  /** Returns the storages data is read through: the job's Hadoop file systems, then the class path's. */
  public Storages storages() {
    return Storages.installed().with(hadoop);
  }

  /** Returns the image folder's index, or {@code null} for a data set that is not an image folder. */
  public ImageFolderIndex index() {
    return index;
  }

  /**
   * On an executor: the loader that reads the driver's (validated) configuration again through
   * {@link #storages()}, without listing or reading the data files.
   */
  public ExperimentLoader loader(PluginRegistry registry) {
    return new ExperimentLoader(registry).withStorages(storages()).withoutFileChecks();
  }

  /** Returns {@code experiment}'s data set, an image folder built from the driver's index. */
  public Dataset dataset(PluginRegistry registry, Experiment experiment) {
    if (index != null && experiment.dataset().spec() instanceof ImageFolderDataset.Spec spec) {
      return new ImageFolderDataset(spec, storages(), index);
    }
    return experiment.dataset().create(registry);
  }
}
