package org.igkit.runner.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything needed to rebuild and to judge a run, written to {@code provenance.json} next to
 * the results (style rule 11: every result file carries its provenance): the resolved
 * configuration, the seeds, igkit's version and the commit it was built from, DJL's and
 * libtorch's versions, the git state of the experiment file's folder, the JVM and OS, the thread settings and fingerprints of the model and the data.
 *
 * <p>Everything here that varies between identical runs (start time, JVM, host facts) is kept
 * out of {@code results.csv}, so identical runs give byte-identical results files.
 *
 * @param experiment          the experiment's name
 * @param config              the configuration with every default filled in, as plain maps,
 *                            lists, strings, numbers and booleans
 * @param seed                the experiment seed
 * @param derivedSeeds        the seeds derived from it, by name (cell, sample, purpose)
 * @param igkitVersion        igkit's version ({@link BuildInfo}), or {@code "dev"} when unknown
 * @param igkitCommit         the commit igkit itself was built from ({@link BuildInfo}), or
 *                            {@code "unknown"}
 * @param igkitDirty          whether igkit's tracked files differed from that commit when it was
 *                            built, or {@code null} when unknown
 * @param experimentGitCommit the commit of the repository holding the experiment file (not
 *                            igkit's), or {@code "unknown"}
 * @param experimentGitDirty  whether that repository's tracked files differed from its commit,
 *                            or {@code null}
 * @param djlVersion          DJL's version
 * @param libtorchVersion     libtorch's version
 * @param jvm                 the Java runtime
 * @param os                  the operating system
 * @param availableProcessors processors the JVM could use
 * @param threads             thread settings by name (e.g. {@code intraOp}, {@code interOp},
 *                            {@code workers})
 * @param backend             where the Java-side kernels ran ({@code "java"} or
 *                            {@code "tornado: <device>"}), with the kernels the backend ran as
 *                            plain Java instead, if any, e.g.
 *                            {@code "tornado: OPENCL <device> (java fallback: masks ×3)"}
 * @param modelSha256         SHA-256 of the model file or folder ({@link Hashing#sha256})
 * @param dataFingerprint     the data set's fingerprint (e.g. a SHA-256 over its files)
 * @param startTime           when the run started, ISO-8601 UTC (e.g.
 *                            {@code 2025-06-01T09:30:00.125Z})
 */
@JsonPropertyOrder({"experiment", "config", "seed", "derivedSeeds", "igkitVersion", "igkitCommit",
    "igkitDirty", "experimentGitCommit", "experimentGitDirty", "djlVersion", "libtorchVersion", "jvm", "os", "availableProcessors", "threads",
    "backend", "modelSha256", "dataFingerprint", "startTime"})
public record Provenance(
    String experiment,
    Map<String, Object> config,
    long seed,
    Map<String, Long> derivedSeeds,
    String igkitVersion,
    String igkitCommit,
    Boolean igkitDirty,
    String experimentGitCommit,
    Boolean experimentGitDirty,
    String djlVersion,
    String libtorchVersion,
    Jvm jvm,
    Os os,
    int availableProcessors,
    Map<String, Integer> threads,
    String backend,
    String modelSha256,
    String dataFingerprint,
    String startTime) {

  /** The version reported when igkit runs from classes rather than a released jar. */
  public static final String DEV_VERSION = "dev";

  /** Requires the experiment name; copies the maps (null values allowed in {@code config}). */
  public Provenance {
    Objects.requireNonNull(experiment, "experiment");
    config = copy(config);
    derivedSeeds = copy(derivedSeeds);
    threads = copy(threads);
  }

  /** Returns this provenance with {@code newBackend} as where the Java-side kernels ran. */
  public Provenance withBackend(String newBackend) {
    return new Provenance(experiment, config, seed, derivedSeeds, igkitVersion, igkitCommit, igkitDirty,
        experimentGitCommit, experimentGitDirty, djlVersion, libtorchVersion, jvm, os, availableProcessors, threads,
        newBackend, modelSha256, dataFingerprint, startTime);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * The Java runtime.
   *
   * @param version   {@code java.version}
   * @param vendor    {@code java.vendor}
   * @param vmName    {@code java.vm.name}
   * @param vmVersion {@code java.vm.version}
   */
  @JsonPropertyOrder({"version", "vendor", "vmName", "vmVersion"})
  public record Jvm(String version, String vendor, String vmName, String vmVersion) {

    /** Returns this JVM's. */
    public static Jvm current() {
      return new Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
          System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
    }
  }

  /**
   * The operating system.
   *
   * @param name    {@code os.name}
   * @param arch    {@code os.arch}
   * @param version {@code os.version}
   */
  @JsonPropertyOrder({"name", "arch", "version"})
  public record Os(String name, String arch, String version) {

    /** Returns this machine's. */
    public static Os current() {
      return new Os(System.getProperty("os.name"), System.getProperty("os.arch"),
          System.getProperty("os.version"));
    }
  }

  /** Returns a builder that fills in the facts of this JVM, machine and working directory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns igkit's version: the jar manifest's {@code Implementation-Version}, else the version
   * in the runner jar's Maven {@code pom.properties}, else {@value #DEV_VERSION}.
   */
  public static String currentIgkitVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) {
      return v;
    }
    try (InputStream in = Provenance.class.getResourceAsStream(
        "/META-INF/maven/org.igkit/igkit-runner/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String version = p.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return DEV_VERSION;
  }

  /**
   * Collects a {@link Provenance}: {@code set*} for what the caller must give, {@code opt*} for
   * the rest; {@link #build()} adds igkit's build ({@link BuildInfo}), the git commit of the
   * experiment's folder, JVM, OS and processor count.
   */
  public static final class Builder {

    private String experiment;
    private Map<String, Object> config;
    private Long seed;
    private Map<String, Long> derivedSeeds = Map.of();
    private String djlVersion;
    private String libtorchVersion;
    private Map<String, Integer> threads = Map.of();
    private String backend = "java";
    private String modelSha256;
    private String dataFingerprint;
    private Path workingDirectory = Path.of("");
    private Instant startTime;

    private Builder() {}

    /** Sets the experiment's name. */
    public Builder setExperiment(String experiment) {
      this.experiment = experiment;
      return this;
    }

    /** Sets the configuration with defaults filled in. */
    public Builder setConfig(Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Sets the experiment seed. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the derived seeds by name. */
    public Builder optDerivedSeeds(Map<String, Long> derivedSeeds) {
      this.derivedSeeds = derivedSeeds;
      return this;
    }

    /** Sets DJL's version. */
    public Builder optDjlVersion(String djlVersion) {
      this.djlVersion = djlVersion;
      return this;
    }

    /** Sets libtorch's version. */
    public Builder optLibtorchVersion(String libtorchVersion) {
      this.libtorchVersion = libtorchVersion;
      return this;
    }

    /** Sets the thread settings by name. */
    public Builder optThreads(Map<String, Integer> threads) {
      this.threads = threads;
      return this;
    }

    /** Sets the kernel backend (default {@code "java"}). */
    public Builder optBackend(String backend) {
      this.backend = backend;
      return this;
    }

    /** Sets the model's SHA-256. */
    public Builder optModelSha256(String modelSha256) {
      this.modelSha256 = modelSha256;
      return this;
    }

    /** Sets the model's SHA-256 by hashing its file or folder. */
    public Builder optModelFile(Path model) throws IOException {
      this.modelSha256 = Hashing.sha256(model);
      return this;
    }

    /** Sets the data's fingerprint. */
    public Builder optDataFingerprint(String dataFingerprint) {
      this.dataFingerprint = dataFingerprint;
      return this;
    }

    /**
     * Sets the folder whose git commit is recorded as {@code experimentGitCommit}: the experiment
     * file's (default: the process's working folder).
     */
    public Builder optWorkingDirectory(Path workingDirectory) {
      this.workingDirectory = workingDirectory;
      return this;
    }

    /** Sets the start time (default: when {@link #build()} is called). */
    public Builder optStartTime(Instant startTime) {
      this.startTime = startTime;
      return this;
    }

    /**
     * Returns the provenance.
     *
     * @throws IllegalStateException when the experiment name, config or seed is missing
     */
    public Provenance build() {
      List<String> missing = new ArrayList<>();
      if (experiment == null) {
        missing.add("setExperiment");
      }
      if (config == null) {
        missing.add("setConfig");
      }
      if (seed == null) {
        missing.add("setSeed");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("provenance is missing " + String.join(", ", missing));
      }
      Instant start = (startTime == null ? Instant.now() : startTime).truncatedTo(ChronoUnit.MILLIS);
      GitInfo git = GitInfo.of(workingDirectory.toAbsolutePath());
      BuildInfo igkit = BuildInfo.current();
      return new Provenance(experiment, config, seed, derivedSeeds, igkit.version(), igkit.commit(),
          igkit.dirty(), git.commit(), git.dirty(), djlVersion, libtorchVersion, Jvm.current(), Os.current(),
          Runtime.getRuntime().availableProcessors(), threads, backend, modelSha256,
          dataFingerprint, DateTimeFormatter.ISO_INSTANT.format(start));
    }
  }
}
