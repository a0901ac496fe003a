package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.igkit.runner.config.ConfigError;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each sample-level fault is classified with its reason, and a minimal harness
 * shaped like the runner's loop records it as an error row plus an {@code errors.csv} line, goes
 * on with the next sample, and reports the run as partial.
 */
class SampleFaultsTest {

  @TempDir Path dir;

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("truncated PNG", (Supplier<Exception>) SampleFaultsTest::truncatedPng, SampleFaults.Kind.CORRUPT_IMAGE),
        Arguments.of("not an image", (Supplier<Exception>) () -> new java.io.UncheckedIOException(
            new IOException("images/a.png: not an image (no reader for it)")), SampleFaults.Kind.CORRUPT_IMAGE),
        Arguments.of("wrong size", (Supplier<Exception>) () -> new IllegalArgumentException(
            "image b.png is 3×28×28 but the model takes 3×32×32"), SampleFaults.Kind.WRONG_SHAPE),
        Arguments.of("wrong channels", (Supplier<Exception>) () -> new IllegalArgumentException(
            "image c.png has 4 channels, expected 3"), SampleFaults.Kind.WRONG_SHAPE),
        Arguments.of("missing mask", (Supplier<Exception>) () -> new IllegalArgumentException(
            "overlap-auc needs a mask, but sample d has none"), SampleFaults.Kind.MASK),
        Arguments.of("mask size", (Supplier<Exception>) () -> new IllegalArgumentException(
            "mask of e is 16×16, image is 32×32"), SampleFaults.Kind.MASK),
        Arguments.of("model output shape", (Supplier<Exception>) () -> new IllegalStateException(
            "model output has shape (1, 10, 2), expected (batch, classes)"), SampleFaults.Kind.MODEL_OUTPUT),
        Arguments.of("NaN score", (Supplier<Exception>) () -> {
          try {
            SampleFaults.requireFinite("score f_c(x)", new float[] {0.1f, Float.NaN});
            return null;
          } catch (IllegalStateException e) {
            return e;
          }
        }, SampleFaults.Kind.NON_FINITE),
        Arguments.of("Inf gradient", (Supplier<Exception>) () -> {
          try {
            SampleFaults.requireFinite("gradient", new float[] {Float.POSITIVE_INFINITY});
            return null;
          } catch (IllegalStateException e) {
            return e;
          }
        }, SampleFaults.Kind.NON_FINITE));
  }

  private static Exception truncatedPng() {
    try {
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      byte[] half = java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
      ImageIO.read(new java.io.ByteArrayInputStream(half));
      return new IllegalStateException("a truncated PNG was read");
    } catch (IOException e) {
      return e;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultIsASampleFaultOfItsKindWithAReason(String name, Supplier<Exception> fault, SampleFaults.Kind kind)
      throws IOException {
    Exception e = fault.get();

    assertThat(SampleFaults.isSampleFault(e)).isTrue();
    SampleFaults.Fault f = SampleFaults.classify(e);
    assertThat(f.kind()).as(f.reason()).isEqualTo(kind);
    assertThat(f.reason()).isNotBlank().doesNotContain("\n");

    // the harness: sample 1 fails with this fault, samples 0 and 2 succeed; the run goes on
    Outcome o = harness(List.of("s0", "s1", "s2"), "s1", e);
    assertThat(o.skipped).isEqualTo(1);
    assertThat(o.exitCode).isEqualTo(SampleFaults.PARTIAL_EXIT_CODE);
    List<ResultRow> rows = ResultsCsv.read(dir);
    assertThat(rows).extracting(ResultRow::sample).containsExactly("s0", "s1", "s2");
    assertThat(rows.get(1).metric()).isEqualTo("error");
    assertThat(rows.get(1).value()).isNaN();
    assertThat(SampleFaults.skipped(rows)).isEqualTo(1);
    List<String> errors = Files.readAllLines(dir.resolve(SampleFaults.ERRORS_FILE), StandardCharsets.UTF_8);
    assertThat(errors.get(0) + "\n").isEqualTo(SampleFaults.ERRORS_HEADER);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(1)).startsWith("s1,IG," + kind.id() + ",");
  }

  @Test
  void runFaultsAreNotSampleFaults() {
    assertThat(SampleFaults.isSampleFault(new ConfigException(List.of(new ConfigError("f", 0, 0, "", "bad"))))).isFalse();
    assertThat(SampleFaults.isSampleFault(new OutOfMemoryError())).isFalse();
    assertThat(SampleFaults.isSampleFault(new InterruptedException())).isFalse();
    // of no known kind: a parameter that fails only when used, or a bug, stops the run
    assertThat(SampleFaults.of(new IllegalArgumentException("drop must be < the number of baselines (1), was 1"))).isEmpty();
    assertThat(SampleFaults.of(new ArithmeticException("/ by zero"))).isEmpty();
  }

  @Test
  void wordsAreMatchedWhole() {
    assertThat(SampleFaults.classify(new IllegalArgumentException("/data/banana/x.png: cannot read image")).kind())
        .isEqualTo(SampleFaults.Kind.CORRUPT_IMAGE);
    assertThat(SampleFaults.classify(new IllegalStateException("sample banana.png: its image has 3 values, but the shape"
        + " is 3×32×32")).kind()).isEqualTo(SampleFaults.Kind.WRONG_SHAPE);
    assertThat(SampleFaults.classify(new IllegalStateException("score of point 0 is NaN")).kind())
        .isEqualTo(SampleFaults.Kind.NON_FINITE);
    assertThat(SampleFaults.classify(new IllegalStateException("gradient is -Infinity")).kind())
        .isEqualTo(SampleFaults.Kind.NON_FINITE);
  }

  @Test
  void aCleanRunIsNotPartial() throws IOException {
    Outcome o = harness(List.of("s0", "s1"), null, null);
    assertThat(o.exitCode).isZero();
    assertThat(dir.resolve(SampleFaults.ERRORS_FILE)).doesNotExist();
  }

  @Test
  void requireFinitePassesFiniteValues() {
    SampleFaults.requireFinite("x", new float[] {0, 1, -1e30f});
    assertThatThrownBy(() -> SampleFaults.requireFinite("x", new float[] {Float.NEGATIVE_INFINITY}))
        .hasMessageContaining("non-finite");
  }

  private record Outcome(long skipped, int exitCode) {}

  /** The runner's per-(sample, cell) step, reduced to what fault handling needs. */
  private Outcome harness(List<String> samples, String failing, Exception fault) throws IOException {
    long skipped = 0;
    try (ResultStore store = ResultStore.open(dir)) {
      for (String s : samples) {
        List<ResultRow> group = new ArrayList<>();
        try {
          if (s.equals(failing)) {
            throw fault;
          }
          group.add(new ResultRow(s, "IG", "IG", "deletion-auc", 0.5));
        } catch (Exception e) {
          if (!SampleFaults.isSampleFault(e)) {
            throw new IllegalStateException(e);
          }
          SampleFaults.record(dir, s, "IG", SampleFaults.classify(e));
          group = new ArrayList<>(SampleFaults.errorRows(s, "IG", "IG"));
          skipped++;
        }
        store.append(group);
      }
    }
    return new Outcome(skipped, skipped > 0 ? SampleFaults.PARTIAL_EXIT_CODE : 0);
  }
}
