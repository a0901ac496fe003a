package org.igkit.runner.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.igkit.api.aggregate.FitnessCurve;
import org.igkit.api.engine.Attribution;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.igkit.api.model.Shape;

/**
 * Where and how attribution maps are saved when an experiment sets {@code saveAttributions}:
 * {@code attributions/<sample>/<cell>.npy} (C×H×W float32, in the user's image space), with
 * {@code <cell>.weights.npy} (float64 w_k per baseline) and, for aggregators that score baselines,
 * {@code <cell>.fitness.npy} (float64, e.g. WG's D_α) beside it, {@code <cell>.baselines.npy}
 * (float32, n×C×H×W: each baseline's own attribution A_k, {@link Attribution#baselineMap}) when
 * the engine integrated every baseline, and {@code <cell>.dalpha.csv} when the aggregator scored a
 * deletion curve per baseline ({@link Attribution#fitnessCurve}, WG's D_α search): header
 * {@code baseline,k,score,chosen}, one line per scored size k of each baseline (k = 0 is the
 * input's own score f_c(x)), in baseline order and ascending k, {@code chosen} 1 on the line of
 * the baseline's chosen D_α and 0 elsewhere, and one more line with an empty score for a chosen D
 * that was not scored (1 when the input already reaches the threshold, H·W when nothing does and
 * the search did not score it). Scores are written as the shortest decimal of the float's exact
 * value ({@link DoubleText}). The per-baseline maps and the curves can be left out
 * ({@code saveAttributions: {baselines: false, curves: false}}).
 *
 * <p>Sample ids and cell names become file names by keeping letters, digits and
 * {@code - _ . = , + [ ] ( ) @} and percent-encoding every other UTF-8 byte ({@code /} →
 * {@code %2F}, {@code %} → {@code %25}), plus a leading dot; distinct ids give distinct names,
 * so {@code WG[stepRule.steps=16]} stays readable. A name that would be longer than
 * {@value #MAX_NAME} characters (a long id, or a short one in another script: each CJK character
 * is three %XX bytes, and file systems allow 255 bytes) becomes its first {@value #PREFIX}
 * characters, {@code ~} and 16 hex digits of the id's SHA-256 — still distinct (no kept name has a
 * {@code ~}), stable between runs, and short enough for the suffixes and temporary names added to
 * it. Files are written atomically, so a re-run after a crash overwrites a half-written map
 * cleanly; none is written through a symbolic link ({@link NoLinks}).
 */
public final class AttributionFiles {

  /** The folder, inside the output folder, that holds the maps. */
  public static final String FOLDER = "attributions";

  /** The longest file name kept as the encoded id itself. */
  static final int MAX_NAME = 120;

  /** How many characters of a longer encoded id are kept before its hash. */
  static final int PREFIX = 64;

  private AttributionFiles() {}

  /** Returns the path of the map of (sample, cell) in {@code outputDir}. */
  public static Path mapFile(Path outputDir, String sample, String cell) {
    return folder(outputDir, sample).resolve(fileName(cell) + ".npy");
  }

  /** Returns the path of the per-baseline weights of (sample, cell) in {@code outputDir}. */
  public static Path weightsFile(Path outputDir, String sample, String cell) {
    return folder(outputDir, sample).resolve(fileName(cell) + ".weights.npy");
  }

  /** Returns the path of the per-baseline fitness of (sample, cell) in {@code outputDir}. */
  public static Path fitnessFile(Path outputDir, String sample, String cell) {
    return folder(outputDir, sample).resolve(fileName(cell) + ".fitness.npy");
  }

  /** Returns the path of the per-baseline deletion curves of (sample, cell) in {@code outputDir}. */
  public static Path curvesFile(Path outputDir, String sample, String cell) {
    return folder(outputDir, sample).resolve(fileName(cell) + ".dalpha.csv");
  }

  /** The header of a {@code .dalpha.csv} file. */
  public static final String CURVES_HEADER = "baseline,k,score,chosen";

  /** Returns the path of the per-baseline maps of (sample, cell) in {@code outputDir}. */
  public static Path baselinesFile(Path outputDir, String sample, String cell) {
    return folder(outputDir, sample).resolve(fileName(cell) + ".baselines.npy");
  }

  /**
   * Writes the map, the weights (when there is at least one baseline), the fitness (when the
   * aggregator gives one) and the per-baseline maps (when every baseline has one) of an
   * attribution; returns the files written.
   */
  public static List<Path> write(Path outputDir, String sample, String cell, Attribution a)
      throws IOException {
    return write(outputDir, sample, cell, a, true, true);
  }

  /**
   * Writes the files of an attribution like {@link #write(Path, String, String, Attribution)}, the
   * per-baseline maps only when {@code baselines} and the deletion curves only when {@code curves}
   * is set; returns the files written.
   */
  public static List<Path> write(Path outputDir, String sample, String cell, Attribution a, boolean baselines,
      boolean curves) throws IOException {
    List<Path> written = new ArrayList<>(3);
    Path map = mapFile(outputDir, sample, cell);
    NoLinks.folders(outputDir, map.getParent());
    Shape s = a.shape();
    AtomicFiles.write(map, Npy.encode(NpyArray.float32(a.values(), s.channels(), s.height(), s.width())));
    written.add(map);
    if (a.weights() != null && a.weights().length > 0) {
      Path weights = weightsFile(outputDir, sample, cell);
      AtomicFiles.write(weights, Npy.encode(NpyArray.float64(a.weights(), a.weights().length)));
      written.add(weights);
    }
    if (a.fitness() != null) {
      Path fitness = fitnessFile(outputDir, sample, cell);
      AtomicFiles.write(fitness, Npy.encode(NpyArray.float64(a.fitness(), a.fitness().length)));
      written.add(fitness);
    }
    int n = a.baselineNames().size();
    if (curves && !a.fitnessCurves().isEmpty()) {
      Path file = curvesFile(outputDir, sample, cell);
      AtomicFiles.write(file, curvesCsv(a.fitnessCurves()).getBytes(StandardCharsets.UTF_8));
      written.add(file);
    }
    if (baselines && n > 0 && a.baselineMaps().size() == n && a.baselineMaps().stream().allMatch(m -> m != null)) {
      int size = s.size();
      float[] all = new float[Math.multiplyExact(n, size)];
      for (int k = 0; k < n; k++) {
        System.arraycopy(a.baselineMap(k), 0, all, k * size, size);
      }
      Path maps = baselinesFile(outputDir, sample, cell);
      AtomicFiles.write(maps, Npy.encode(NpyArray.float32(all, n, s.channels(), s.height(), s.width())));
      written.add(maps);
    }
    return written;
  }

  /** Returns the text of a {@code .dalpha.csv} file (see the class comment). */
  static String curvesCsv(List<FitnessCurve> curves) {
    StringBuilder out = new StringBuilder(CURVES_HEADER).append('\n');
    for (FitnessCurve c : curves) {
      int[] sizes = c.sizes();
      float[] scores = c.scores();
      boolean chosenScored = false;
      for (int i = 0; i < sizes.length; i++) {
        boolean chosen = sizes[i] == c.chosen();
        chosenScored |= chosen;
        if (!chosenScored && sizes[i] > c.chosen()) {
          out.append(c.baseline()).append(',').append(c.chosen()).append(",,1\n");
          chosenScored = true;
        }
        out.append(c.baseline()).append(',').append(sizes[i]).append(',').append(DoubleText.format(scores[i]))
            .append(',').append(chosen ? 1 : 0).append('\n');
      }
      if (!chosenScored) {
        out.append(c.baseline()).append(',').append(c.chosen()).append(",,1\n");
      }
    }
    return out.toString();
  }

  /**
   * Returns {@code id} as a file name: safe characters kept, every other byte as {@code %XX};
   * when that is longer than {@value #MAX_NAME} characters, its start and a hash of {@code id}.
   * The one mapping from sample ids and cell names to file names in an output folder.
   */
  public static String fileName(String id) {
    String encoded = encode(id);
    if (encoded.length() <= MAX_NAME) {
      return encoded;
    }
    int cut = PREFIX;
    if (encoded.charAt(cut - 1) == '%') {
      cut -= 1;
    } else if (encoded.charAt(cut - 2) == '%') {
      cut -= 2;
    }
    return encoded.substring(0, cut) + "~"
        + Hashing.sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String encode(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id: must not be empty");
    }
    StringBuilder out = new StringBuilder(id.length());
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean safe = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || "-_.=,+[]()@".indexOf(b) >= 0;
      if (safe && !(i == 0 && b == '.')) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static Path folder(Path outputDir, String sample) {
    return outputDir.resolve(FOLDER).resolve(fileName(sample));
  }
}
