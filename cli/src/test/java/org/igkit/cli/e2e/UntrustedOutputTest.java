package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igkit run} on images whose names are spreadsheet formulas, 30 CJK characters or 300
 * characters long, and on received run folders with planted symbolic links: the CSV files hold
 * the names neutralised, every per-sample file gets a name the file system takes, a resume and
 * {@code igkit report} give the uninterrupted run's bytes, and a link is refused, never
 * written through.
 */
class UntrustedOutputTest {

  static final String FIRST = "+first.png";
  static final String BROKEN = "-broken.png";
  static final String FORMULA = "=cmd|' -C calc'!A0.png";
  static final String AT = "@SUM(1+1).png";
  static final String LONG = "a".repeat(150) + "/" + "b".repeat(145) + ".png";
  static final String CJK = "猫".repeat(10) + "犬".repeat(10) + "鳥".repeat(6) + ".png";
  static final List<String> SAMPLES = List.of(FIRST, BROKEN, FORMULA, AT, LONG, CJK);
  static final List<String> RESULT_FILES = List.of("results.csv", "curves.csv", "done.csv",
      "errors.csv", "summary.csv", "summary.md");

  @TempDir static Path tmp;
  static Path yaml;
  static Path whole;
  static E2e.Cli wholeRun;

  @BeforeAll
  static void runOnce() throws IOException {
    Path images = Files.createDirectories(tmp.resolve("images"));
    for (int i = 0; i < SAMPLES.size(); i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      SplittableRandom random = new SplittableRandom(i);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      byte[] bytes = png.toByteArray();
      if (SAMPLES.get(i).equals(BROKEN)) {
        bytes = Arrays.copyOf(bytes, bytes.length / 2);
      }
      Path file = images.resolve(SAMPLES.get(i));
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    }
    yaml = E2e.write(tmp.resolve("exp"), "untrusted.yaml", """
        name: untrusted-names
        seed: 5
        model:
          path: '%s'
          format: djl-block
          architecture: small-cnn
          width: 16
          inputShape: [3, 32, 32]
          numClasses: 4
        dataset: {type: image-folder, path: '%s'}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        metrics:
          - completeness-gap
          - {type: deletion-auc, steps: 4}
        reference: IG
        threads: 1
        saveAttributions: true
        """.formatted(E2e.model(), images.toString().replace('\\', '/')));
    whole = tmp.resolve("whole");
    wholeRun = E2e.cli("run", yaml, "--output", whole);
  }

  @Test
  void formulaLikeNamesAreNeutralisedInEveryCsvAndLongNamesGetFilesOfTheirOwn() throws IOException {
    assertThat(wholeRun.code()).as("%s", wholeRun).isEqualTo(3); // partial: the broken image
    String results = Files.readString(whole.resolve("results.csv"), StandardCharsets.UTF_8);
    assertThat(results).contains("\n\"'=cmd|' -C calc'!A0.png\",IG,IG,completeness-gap,")
        .contains("\n\"'@SUM(1+1).png\",IG,IG,").contains("\n\"'+first.png\",IG,IG,").contains("\n\"'-broken.png\",IG,IG,error,NaN\n")
        .doesNotContain("\n=").doesNotContain("\n@").doesNotContain("\n-").doesNotContain("\n+");
    assertThat(Files.readString(whole.resolve("curves.csv"), StandardCharsets.UTF_8))
        .contains("\n\"'=cmd|' -C calc'!A0.png\",IG,deletion-auc,").doesNotContain("\n=");
    assertThat(Files.readString(whole.resolve("done.csv"), StandardCharsets.UTF_8))
        .contains("\n\"'@SUM(1+1).png\",IG,").doesNotContain("\n@");
    assertThat(Files.readString(whole.resolve("errors.csv"), StandardCharsets.UTF_8))
        .startsWith("sample,cell,kind,reason\n\"'-broken.png\",IG,corrupt-image,");
    try (Stream<Path> maps = Files.walk(whole.resolve("attributions"))) {
      assertThat(maps.filter(p -> p.getFileName().toString().equals("IG.npy")).count())
          .as("a map for each good sample").isEqualTo(SAMPLES.size() - 1);
    }
    assertThat(Files.readString(whole.resolve("report.html"), StandardCharsets.UTF_8))
        .contains(CJK).contains("data-images");
  }

  @Test
  void aResumeAndReportOfSuchARunAreByteIdenticalToTheUninterruptedRun() throws IOException {
    Path resumed = tmp.resolve("resumed");
    assertThat(E2e.cli("run", yaml, "--output", resumed).code()).isEqualTo(3);
    // keep the journal's header and first three groups (the broken one among them): the rest
    // is computed again
    List<String> journal = Files.readAllLines(resumed.resolve("done.csv"), StandardCharsets.UTF_8);
    Files.writeString(resumed.resolve("done.csv"), String.join("\n", journal.subList(0, 4)) + "\n");
    E2e.Cli again = E2e.cli("run", yaml, "--output", resumed);
    assertThat(again.code()).as("%s", again).isEqualTo(3);
    assertThat(again.out()).contains("resumed: 3 (sample, cell) result(s) were already complete, 3 computed now");
    for (String file : RESULT_FILES) {
      assertThat(Files.readString(resumed.resolve(file), StandardCharsets.UTF_8)).as(file)
          .isEqualTo(Files.readString(whole.resolve(file), StandardCharsets.UTF_8));
    }
    Files.delete(resumed.resolve("summary.csv"));
    Files.delete(resumed.resolve("summary.md"));
    E2e.Cli report = E2e.cli("report", resumed);
    assertThat(report.code()).as("%s", report).isZero();
    for (String file : List.of("summary.csv", "summary.md")) {
      assertThat(Files.readString(resumed.resolve(file), StandardCharsets.UTF_8)).as(file)
          .isEqualTo(Files.readString(whole.resolve(file), StandardCharsets.UTF_8));
    }
  }

  /** A copy of the finished run, as someone might send it. */
  private static Path received(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String file : List.of("results.csv", "curves.csv", "done.csv", "resolved.yaml",
        "provenance.json")) {
      Files.copy(whole.resolve(file), dir.resolve(file));
    }
    return dir;
  }

  @Test
  void aReproductionOfAReceivedFolderNeverWritesThroughItsLinks() throws IOException {
    Path profile = Files.writeString(tmp.resolve(".profile"), "umask 022\n");
    Path folder = received("received-lock");
    Files.createSymbolicLink(
        Files.createDirectories(folder.resolve("reproduction")).resolve(".lock"), profile);
    E2e.Cli r = E2e.cli("run", "--reproduce", folder);
    assertThat(r.code()).as("%s", r).isNotZero();
    assertThat(r.err()).contains(folder.resolve("reproduction").toRealPath().resolve(".lock")
        + " is a symbolic link; igkit does not write through links");
    assertThat(Files.readString(profile)).isEqualTo("umask 022\n");

    Path errors = received("received-errors");
    Path errorsLink = Files.createSymbolicLink(
        Files.createDirectories(errors.resolve("reproduction")).resolve("errors.csv"), profile);
    E2e.Cli e = E2e.cli("run", "--reproduce", errors);
    assertThat(e.code()).as("%s", e).isNotZero();
    assertThat(e.err()).contains(errorsLink + " is a symbolic link; igkit does not write through links");
    assertThat(Files.readString(profile)).isEqualTo("umask 022\n");

    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path linked = received("received-folder");
    Path reproduction = Files.createSymbolicLink(linked.resolve("reproduction"), elsewhere);
    E2e.Cli f = E2e.cli("run", "--reproduce", linked);
    assertThat(f.code()).as("%s", f).isNotZero();
    assertThat(f.err()).contains(reproduction + " is a symbolic link; igkit does not write through links");
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void anOutputFolderThatCannotBeCreatedIsNamedWithItsCause() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder\n");
    E2e.Cli r = E2e.cli("run", yaml, "--output", file);
    assertThat(r.code()).as("%s", r).isNotZero();
    assertThat(r.err()).contains("cannot create output folder " + file + ": " + file
        + " exists and is not a folder");
  }
}
