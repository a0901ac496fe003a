package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.igkit.api.engine.SampleFaultException;
import org.igkit.api.engine.SampleFaultException.Kind;
import org.igkit.runner.config.ConfigError;
import org.igkit.runner.config.ConfigException;
import org.igkit.runner.data.ImageIo;
import org.igkit.runner.results.ResultRow;
import org.igkit.runner.results.ResultStore;
import org.igkit.runner.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: a sample fault is a {@link SampleFaultException} anywhere in an exception's causes,
 * with its kind and the outer message as the reason; a minimal harness shaped like the runner's
 * loop records it as an error row plus an {@code errors.csv} line, goes on with the next sample,
 * and reports the run as partial. Everything else — whatever its message says — is not a sample
 * fault (the real runner's table is {@link RunnerFaultsTest}).
 */
class SampleFaultsTest {

  @TempDir Path dir;

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("truncated PNG, read by ImageIo", (Supplier<Exception>) () -> readTruncatedPng(), Kind.CORRUPT_IMAGE),
        Arguments.of("wrong size", (Supplier<Exception>) () -> new SampleFaultException(Kind.WRONG_SHAPE,
            "sample b.png: its image has 2352 values, but the shape is 3×32×32"), Kind.WRONG_SHAPE),
        Arguments.of("missing mask, wrapped by a plugin", (Supplier<Exception>) () -> new IllegalStateException(
            "overlap-auc failed", new SampleFaultException(Kind.MASK, "dataset.masks: no mask for d.png")), Kind.MASK),
        Arguments.of("model output", (Supplier<Exception>) () -> new SampleFaultException(Kind.MODEL_OUTPUT,
            "model output for sample e has 7 scores, expected 1 row of 10 class scores"), Kind.MODEL_OUTPUT),
        Arguments.of("NaN by requireFinite", (Supplier<Exception>) () -> thrownBy(
            () -> SampleFaults.requireFinite("score f_c(x)", new float[] {0.1f, Float.NaN})), Kind.NON_FINITE),
        Arguments.of("Inf gradient by requireFinite", (Supplier<Exception>) () -> thrownBy(
            () -> SampleFaults.requireFinite("gradient", new float[] {Float.POSITIVE_INFINITY})), Kind.NON_FINITE));
  }

  private static Exception readTruncatedPng() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
      Path file = Files.createTempFile("truncated", ".png");
      try {
        Files.write(file, Arrays.copyOf(out.toByteArray(), out.size() / 2));
        return thrownBy(() -> ImageIo.read(file));
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Exception thrownBy(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing was thrown");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultIsASampleFaultOfItsKindWithAReason(String name, Supplier<Exception> fault, Kind kind)
      throws IOException {
    Exception e = fault.get();

    SampleFaults.Fault f = SampleFaults.of(e).orElseThrow();
    assertThat(f.kind()).as(f.reason()).isEqualTo(kind);
    assertThat(f.reason()).isNotBlank().doesNotContain("\n").startsWith(e.getMessage());

    // the harness: sample 1 fails with this fault, samples 0 and 2 succeed; the run goes on
    Outcome o = harness(List.of("s0", "s1", "s2"), "s1", e);
    assertThat(o.skipped).isEqualTo(1);
    assertThat(o.exitCode).isEqualTo(SampleFaults.PARTIAL_EXIT_CODE);
    List<ResultRow> rows = ResultsCsv.read(dir);
    assertThat(rows).extracting(ResultRow::sample).containsExactly("s0", "s1", "s2");
    assertThat(rows.get(1).metric()).isEqualTo("error");
    assertThat(rows.get(1).value()).isNaN();
    assertThat(rows.stream().filter(ResultRow::isError).count()).isEqualTo(1);
    List<String> errors = Files.readAllLines(dir.resolve(SampleFaults.ERRORS_FILE), StandardCharsets.UTF_8);
    assertThat(errors.get(0) + "\n").isEqualTo(SampleFaults.ERRORS_HEADER);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(1)).startsWith("s1,IG," + kind.id() + ",");
  }

  @Test
  void nothingElseIsASampleFaultWhateverItsMessageSays() {
    assertThat(SampleFaults.of(new ConfigException(List.of(new ConfigError("f", 0, 0, "", "bad"))))).isEmpty();
    assertThat(SampleFaults.of(new OutOfMemoryError())).isEmpty();
    assertThat(SampleFaults.of(new InterruptedException())).isEmpty();
    // a plugin's setting that fails only when used, a caller's bug, an unlucky sample id: they stop the run
    assertThat(SampleFaults.of(new IllegalArgumentException(
        "information: ms-ssim needs images of at least 11×11 pixels, these are 8×8"))).isEmpty();
    assertThat(SampleFaults.of(new IllegalArgumentException("points: has 10 values, expected n·dim = 3·4"))).isEmpty();
    assertThat(SampleFaults.of(new IllegalStateException("bug in plugin for sample nan.png"))).isEmpty();
    assertThat(SampleFaults.of(new UncheckedIOException(new IOException("disk full")))).isEmpty();
    assertThat(SampleFaults.of(new ArithmeticException("/ by zero"))).isEmpty();
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
        .isInstanceOf(SampleFaultException.class)
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
          SampleFaults.Fault f = SampleFaults.of(e).orElseThrow(() -> new IllegalStateException(e));
          SampleFaults.record(dir, s, "IG", f);
          group = new ArrayList<>(SampleFaults.errorRows(s, "IG", "IG"));
          skipped++;
        }
        store.append(group);
      }
    }
    return new Outcome(skipped, skipped > 0 ? SampleFaults.PARTIAL_EXIT_CODE : 0);
  }

  @Test
  void errorsCsvThatIsALinkIsRefusedAndItsTargetKeepsItsBytes(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("run"));
    Path profile = Files.writeString(tmp.resolve(".bashrc"), "alias ls='ls -F'\n");
    Path link = Files.createSymbolicLink(out.resolve(SampleFaults.ERRORS_FILE), profile);
    SampleFaults.Fault fault = new SampleFaults.Fault(Kind.CORRUPT_IMAGE, "truncated");
    assertThatThrownBy(() -> SampleFaults.record(out, "$(touch pwned).png", "IG", fault))
        .isInstanceOf(IOException.class)
        .hasMessage(link + " is a symbolic link; igkit does not write through links");
    assertThat(Files.readString(profile)).isEqualTo("alias ls='ls -F'\n");
  }

  @Test
  void errorsCsvNeutralisesFormulaLikeIdsAndReasons(@TempDir Path out) throws IOException {
    SampleFaults.record(out, "=cmd|' -C calc'!A0.png", "-IG",
        new SampleFaults.Fault(Kind.CORRUPT_IMAGE, "@reason"));
    assertThat(Files.readString(out.resolve(SampleFaults.ERRORS_FILE))).isEqualTo(
        SampleFaults.ERRORS_HEADER + "\"'=cmd|' -C calc'!A0.png\",\"'-IG\",corrupt-image,\"'@reason\"\n");
  }
}
