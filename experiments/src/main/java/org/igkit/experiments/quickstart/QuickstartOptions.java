package org.igkit.experiments.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igkit.api.spec.Checks;
import org.igkit.api.spec.Names;
import org.igkit.experiments.training.TrainingSpec;

/**
 * Command-line options of {@code igkit quickstart}.
 *
 * @param out       output folder (default {@code runs/quickstart})
 * @param samples   test images to attribute (default 16)
 * @param seed      experiment seed (default 8, as the WG authors' evaluation)
 * @param testSize  test images for the accuracy estimate (default 400)
 * @param steps     integration steps of every method (default 32)
 * @param batchSize points per model call in attribution and metrics (default 32)
 * @param training  how the model is trained
 */
public record QuickstartOptions(
    Path out, int samples, long seed, int testSize, int steps, int batchSize, TrainingSpec training) {

  /** Usage text. */
  public static final String USAGE =
      """
      usage: igkit quickstart [--out DIR] [--samples N] [--seed S] [--train-size N] [--epochs N]
                              [--test-size N] [--steps N] [--batch-size N]
        --out DIR         output folder (default runs/quickstart)
        --samples N       test images to attribute and evaluate (default 16)
        --seed S          experiment seed (default 8)
        --train-size N    training images (default 12000)
        --epochs N        training epochs (default 5)
        --test-size N     test images for the accuracy estimate (default 400)
        --steps N         integration steps of every method (default 32)
        --batch-size N    points per model call (default 32)
      """;

  private static final List<String> KNOWN =
      List.of("--out", "--samples", "--seed", "--train-size", "--epochs", "--test-size", "--steps", "--batch-size");

  /** Validates the options. */
  public QuickstartOptions {
    Checks.atLeast("--samples", 1, samples);
    Checks.atLeast("--test-size", 1, testSize);
    Checks.atLeast("--steps", 1, steps);
    Checks.atLeast("--batch-size", 1, batchSize);
  }

  /** Returns the defaults. */
  public static QuickstartOptions defaults() {
    return parse(new String[0]);
  }

  /**
   * Parses {@code --name value} pairs.
   *
   * @throws IllegalArgumentException naming the bad option, its value and what is allowed; all
   *     problems at once
   */
  public static QuickstartOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!KNOWN.contains(name)) {
        problems.add("unknown option '" + name + "'" + Names.didYouMean(name, KNOWN) + " (known: " + String.join(", ", KNOWN) + ")");
        if (name.startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          i++; // skip the unknown option's value
        }
        continue;
      }
      if (i + 1 >= args.length) {
        problems.add(name + ": needs a value");
        break;
      }
      values.put(name, args[++i]);
    }
    Path out = Path.of(values.getOrDefault("--out", "runs/quickstart"));
    int samples = integer(values, "--samples", 16, problems);
    long seed = longValue(values, "--seed", 8, problems);
    Integer trainSize = values.containsKey("--train-size") ? integer(values, "--train-size", 0, problems) : null;
    Integer epochs = values.containsKey("--epochs") ? integer(values, "--epochs", 0, problems) : null;
    int testSize = integer(values, "--test-size", 400, problems);
    int steps = integer(values, "--steps", 32, problems);
    int batchSize = integer(values, "--batch-size", 32, problems);
    TrainingSpec training = null;
    try {
      training = new TrainingSpec(trainSize, epochs, null, null, null);
    } catch (IllegalArgumentException e) {
      problems.add("--" + e.getMessage().replace("trainSize", "train-size"));
    }
    QuickstartOptions options = null;
    if (problems.isEmpty()) {
      try {
        options = new QuickstartOptions(out, samples, seed, testSize, steps, batchSize, training);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return options;
  }

  private static int integer(Map<String, String> values, String name, int fallback, List<String> problems) {
    long v = longValue(values, name, fallback, problems);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      problems.add(name + ": must be an integer, was '" + values.get(name) + "'");
      return fallback;
    }
    return (int) v;
  }

  private static long longValue(Map<String, String> values, String name, long fallback, List<String> problems) {
    String s = values.get(name);
    if (s == null) {
      return fallback;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      problems.add(name + ": must be an integer, was '" + s + "'");
      return fallback;
    }
  }
}
