package org.igkit.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;

/** The driver set-up that {@link SparkExperiment} and {@link SparkRoar} share. */
final class SparkLaunch {

  private SparkLaunch() {}

  /**
   * Reads and validates {@code file}; on a configuration error prints its message and exits
   * with code 2.
   */
  static Experiment loadOrExit(Path file) {
    try {
      return new ExperimentLoader(PluginLoader.registry()).load(file);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return null;
    }
  }

  /**
   * The Spark configuration named {@code appName}: {@code local[*]} unless a master is set, and
   * one task per {@code experiment.threads()} cores, so that PyTorch's intra-op threads of a task
   * get their own cores (both only where not set already).
   */
  static SparkConf conf(String appName, Experiment experiment) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.task.cpus", Integer.toString(experiment.threads()));
    return conf;
  }
}
