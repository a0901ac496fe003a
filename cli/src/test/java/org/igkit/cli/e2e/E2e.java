package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.cli.Checkout;
import org.igkit.cli.TrainCommand;
import org.igkit.cli.Igkit;
import picocli.CommandLine;

/**
 * Shared helpers of the end-to-end tests: experiment files from templates, the {@code igkit}
 * command line run in-process with its output captured, and readers for the run folder's files
 * written here from the formats' documentation (not with igkit's own readers), so the tests
 * check the files rather than re-use the code that wrote them.
 */
final class E2e {

  private E2e() {}

  /** The committed quick-start model: small-cnn, width 16, 3×32×32, 4 classes. */
  static Path model() {
    return Checkout.quickStartModel();
  }

  /** Returns the test resource {@code e2e/<name>} with each {@code ${KEY}} replaced. */
  static String template(String name, Map<String, ?> values) {
    String text;
    try (InputStream in = E2e.class.getResourceAsStream("/e2e/" + name)) {
      assertThat(in).as("test resource e2e/" + name).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, ?> e : values.entrySet()) {
      text = text.replace("${" + e.getKey() + "}", String.valueOf(e.getValue()));
    }
    Matcher left = Pattern.compile("\\$\\{[A-Z0-9_]+}").matcher(text);
    assertThat(left.find()).as("unfilled placeholder in e2e/" + name).isFalse();
    return text;
  }

  /** Writes {@code text} to {@code dir/fileName} and returns the file. */
  static Path write(Path dir, String fileName, String text) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(fileName), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The values of the two-methods template: IG (black, riemann 8) and EG (two uniform-noise
   * baselines, riemann 8) on the {@code shapes} test split, with the committed model.
   */
  static Map<String, Object> twoMethods(long seed, int offset, int limit, String metric1,
      String metric2, boolean saveAttributions) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("MODEL", model());
    v.put("SEED", seed);
    v.put("OFFSET", offset);
    v.put("LIMIT", limit);
    v.put("METRIC1", metric1);
    v.put("METRIC2", metric2);
    v.put("SAVE", saveAttributions);
    return v;
  }

  /** What an in-process {@code igkit} command did. */
  record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /**
   * Runs the {@code igkit} command line in this JVM exactly as the launcher's main does (the
   * runner's commands plus {@code train}), capturing what it prints.
   */
  static Cli cli(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of(new TrainCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    int code = cl.execute(strings);
    return new Cli(code, out.toString(), err.toString());
  }

  /** Runs {@code igkit run yaml --output dir} in-process and checks it succeeded. */
  static Cli run(Path yaml, Path dir) {
    Cli r = cli("run", yaml, "--output", dir);
    assertThat(r.code()).as("igkit run %s\n%s", yaml, r).isZero();
    return r;
  }

  /**
   * Reads a CSV file of igkit's (UTF-8, {@code \n} line ends, header first) as lists of fields.
   * The tests choose ids without commas or quotes, so a line is its fields joined by commas;
   * the check that no quote occurs keeps that assumption honest.
   */
  static List<List<String>> csv(Path file, String expectedHeader) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as(file + " holds no quoted field").doesNotContain("\"");
    assertThat(text).as(file + " ends with a line feed").endsWith("\n");
    assertThat(text).as(file + " has \\n line ends only").doesNotContain("\r");
    String[] lines = text.split("\n", -1);
    assertThat(lines[0]).as(file + " header").isEqualTo(expectedHeader);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length - 1; i++) {
      rows.add(List.of(lines[i].split(",", -1)));
    }
    return rows;
  }

  /** Number of complete lines after the header of a file; 0 when it does not exist yet. */
  static int completeEntries(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int lines = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    return Math.max(0, lines - 1);
  }

  /** A NumPy array as stored in a {@code .npy} file. */
  record Npy(String descr, int[] shape, double[] data) {
    double sum() {
      double s = 0;
      for (double v : data) {
        s += v;
      }
      return s;
    }
  }

  /** Reads a little-endian float32 or float64 {@code .npy} file. */
  static Npy npy(Path file) throws IOException {
    org.igkit.api.io.NpyArray a = org.igkit.api.io.Npy.read(file);
    assertThat(a.descr()).as(file + " dtype").isIn("<f4", "<f8");
    return new Npy(a.descr(), a.shape(), a.values());
  }
}
