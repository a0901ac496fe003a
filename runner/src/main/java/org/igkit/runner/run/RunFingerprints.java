package org.igkit.runner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.data.Dataset;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.spec.FilePath;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.results.BuildInfo;
import org.igkit.runner.results.Hashing;
import org.igkit.runner.results.RunFingerprint;

/**
 * Binds a run folder to the experiment whose results it holds: builds a run's
 * {@link RunFingerprint} and checks it against the one stored in the folder.
 *
 * <p><b>What the fingerprint holds.</b> The resolved configuration ({@code resolved.yaml}) without
 * what cannot change a number in {@code results.csv}:
 *
 * <ul>
 *   <li>{@code output} — where the results go;
 *   <li>{@code workers} and {@code threads} (and the model's {@code intraOpThreads} /
 *       {@code interOpThreads}, which follow {@code threads}) — how fast they are computed: results
 *       are committed in the same order and were byte-identical for every setting measured, and a
 *       resume on a machine with other cores must not be refused;
 *   <li>the model's {@code path} and the data set's file paths ({@link FilePath} fields) — where the
 *       files are: the model's SHA-256 and the data's fingerprint stand for their content, so a
 *       moved project folder resumes, and a file swapped at the same path does not.
 * </ul>
 *
 * Everything else stays, {@code batchSize} included (batching changes results by float rounding)
 * and the experiment's {@code name} (another experiment's folder is not this one's). To this come
 * the SHA-256 of the model file, the data set's {@link Dataset#fingerprint()} (for a folder data
 * set a SHA-256 over its image, mask and reference files; for a generated benchmark over its spec
 * and samples — the same hash {@code provenance.json} records, computed once per run), and igkit's
 * version and build commit ({@link BuildInfo}): another igkit build may compute other numbers.
 *
 * <p><b>When a folder is refused.</b> A folder without {@code fingerprint.json} and without
 * committed results is new, and gets the fingerprint before its first result. A folder whose
 * fingerprint differs is refused, listing the differences. A folder with results but no
 * fingerprint — written by an igkit from before fingerprints — is refused too: its
 * {@code provenance.json} was rewritten by every resume, so nothing says which settings its rows
 * were computed with.
 */
public final class RunFingerprints {

  private static final List<String> EXECUTION_KEYS = List.of("output", "workers", "threads", "report");
  private static final List<String> MODEL_EXECUTION_KEYS = List.of("path", "intraOpThreads", "interOpThreads");

  private RunFingerprints() {}

  /** Returns the fingerprint of {@code experiment} run with {@code model} on {@code dataset}. */
  public static RunFingerprint of(Experiment experiment, ModelSpec model, Dataset dataset) {
    String modelSha;
    try {
      modelSha = Hashing.sha256(model.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model file " + model.file() + ": " + e.getMessage(), e);
    }
    BuildInfo build = BuildInfo.current();
    return new RunFingerprint(config(experiment), modelSha, dataset.fingerprint(), build.version(), build.commit());
  }

  /** Returns the resolved configuration without what leaves the results unchanged (see above). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> config(Experiment experiment) {
    Map<String, Object> m = new LinkedHashMap<>(experiment.resolved());
    EXECUTION_KEYS.forEach(m::remove);
    Map<String, Object> model = new LinkedHashMap<>((Map<String, Object>) m.get("model"));
    MODEL_EXECUTION_KEYS.forEach(model::remove);
    m.put("model", model);
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) m.get("dataset"));
    for (RecordComponent rc : experiment.dataset().spec().getClass().getRecordComponents()) {
      if (rc.isAnnotationPresent(FilePath.class)) {
        data.remove(rc.getName());
      }
    }
    m.put("dataset", data);
    return m;
  }

  /**
   * Checks that {@code dir} may receive the results of a run with fingerprint {@code current}.
   *
   * @param hasResults whether the folder's store holds committed results
   * @throws RunFolderMismatchException when the stored fingerprint differs, or results have none
   */
  static void check(Path dir, RunFingerprint current, boolean hasResults) throws IOException {
    if (!RunFingerprint.existsIn(dir)) {
      if (hasResults) {
        throw new RunFolderMismatchException(dir, "holds results but no " + RunFingerprint.FILE_NAME
            + " (written by an earlier igkit), so nothing says which configuration, model and data they were"
            + " computed with; igkit does not resume such a folder.", List.of());
      }
      return;
    }
    List<String> differences = current.differences(dir);
    if (!differences.isEmpty()) {
      throw new RunFolderMismatchException(dir, "holds the results of another experiment or setting"
          + " (" + RunFingerprint.FILE_NAME + "); resuming would mix them. What differs (stored → this run):",
          differences);
    }
  }
}
