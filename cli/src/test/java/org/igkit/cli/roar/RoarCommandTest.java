package org.igkit.cli.roar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.igkit.cli.Checkout;
import org.igkit.cli.Igkit;
import org.igkit.cli.RoarCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code igkit roar} end to end at toy size: one method (IG) and the random reference on 24
 * training and 8 test images of the shapes benchmark with the committed model, one epoch per
 * model; the files, their numbers checked against their definitions, resuming, and refusals.
 */
class RoarCommandTest {

  @TempDir Path dir;

  private record Cli(int code, String out, String err) {}

  private static Cli cli(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of(new RoarCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  private Path experiment() throws Exception {
    Path yaml = dir.resolve("roar.yaml");
    Files.writeString(yaml, """
        name: roar-tiny
        seed: 3
        model:
          path: '%s'
          format: djl-block
          architecture: small-cnn
          width: 16
          inputShape: [3, 32, 32]
          numClasses: 4
          output: probability
        dataset: {type: shapes, split: test, count: 8, referenceCount: 0}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
        batchSize: 16
        threads: 1
        output: runs/never-used
        """.formatted(Checkout.quickStartModel().toString().replace("'", "''")));
    return yaml;
  }

  private Cli roar(Path yaml, Path out, int epochs) {
    return cli("roar", yaml, "--ratios", "0.3,0.7", "--epochs", epochs, "--train-limit", 24, "--test-limit", 8,
        "--batch-size", 8, "--out", out);
  }

  @Test
  void writesTheCurveTheAreasAndASummaryAndResumes() throws Exception {
    Path yaml = experiment();
    Path out = dir.resolve("out");
    Cli r = roar(yaml, out, 1);
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("roar.csv"));
    assertThat(lines.get(0)).isEqualTo("method,ratio,removed_pixels,accuracy,best_epoch,epoch_accuracies");
    assertThat(lines).hasSize(5);
    Map<String, double[]> curve = new HashMap<>();
    for (String line : lines.subList(1, 5)) {
      String[] f = line.split(",");
      double ratio = Double.parseDouble(f[1]);
      // ⌊32·32·r⌋ pixels: 307 at 0.3, 716 at 0.7
      assertThat(Integer.parseInt(f[2])).isEqualTo(ratio == 0.3 ? 307 : 716);
      double accuracy = Double.parseDouble(f[3]);
      assertThat(accuracy * 8).as("a share of 8 test images").isCloseTo(Math.rint(accuracy * 8), within(1e-9));
      assertThat(f[4]).isEqualTo("1");
      assertThat(Double.parseDouble(f[5])).as("one epoch: its accuracy is the best").isEqualTo(accuracy);
      curve.computeIfAbsent(f[0], k -> new double[2])[ratio == 0.3 ? 0 : 1] = accuracy;
    }
    assertThat(curve).containsOnlyKeys("IG", "random");
    List<String> areas = Files.readAllLines(out.resolve("roar-area.csv"));
    assertThat(areas.get(0)).isEqualTo("method,area,ratios");
    for (String line : areas.subList(1, areas.size())) {
      String[] f = line.split(",");
      double[] c = curve.get(f[0]);
      assertThat(Double.parseDouble(f[1])).isCloseTo(0.4 * (c[0] + c[1]) / 2, within(1e-12));
      assertThat(f[2]).isEqualTo("0.3;0.7");
    }
    assertThat(areas).hasSize(3);
    String md = Files.readString(out.resolve("roar.md"));
    assertThat(md).contains("# ROAR", "| method | r=0.3 | r=0.7 | area |", "| IG |", "| random |", "8 unmodified test images");
    assertThat(Files.readString(out.resolve("roar.json"))).contains("\"epochs\": \"1\"", "\"methods\": \"IG;random\"");

    // a second run finds everything done and changes nothing
    byte[] csv = Files.readAllBytes(out.resolve("roar.csv"));
    Cli again = roar(yaml, out, 1);
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("resumed: 4 (method, ratio) already done, 0 trained now");
    assertThat(Files.readAllBytes(out.resolve("roar.csv"))).isEqualTo(csv);

    // a crash while writing the last row: the cut row is dropped and that model trained again,
    // to the same accuracy (seeded), so the file ends byte-identical
    String text = new String(csv, StandardCharsets.UTF_8);
    int lastRow = text.lastIndexOf('\n', text.length() - 2) + 1;
    Files.writeString(out.resolve("roar.csv"), text.substring(0, lastRow) + text.substring(lastRow, lastRow + 9));
    Cli resumed = roar(yaml, out, 1);
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("resumed: 3 (method, ratio) already done, 1 trained now");
    assertThat(Files.readAllBytes(out.resolve("roar.csv"))).isEqualTo(csv);

    // other settings in the same folder are refused, naming what differs
    Cli other = roar(yaml, out, 2);
    assertThat(other.code()).isEqualTo(Igkit.RUN_ERROR);
    assertThat(other.err()).contains("holds a ROAR study with other settings: epochs (was 1, now 2)");
  }

  @Test
  void badRatiosAreRefusedBeforeAnythingRuns() throws Exception {
    Cli r = cli("roar", experiment(), "--ratios", "0.5,0.2", "--out", dir.resolve("x"));
    assertThat(r.code()).isEqualTo(Igkit.CONFIG_ERROR);
    assertThat(r.err()).contains("--ratios: must increase strictly, but 0.2 follows 0.5 (position 2)");
    Cli one = cli("roar", experiment(), "--ratios", "1.0", "--out", dir.resolve("x"));
    assertThat(one.err()).contains("ratio: must be in (0, 1), was 1.0");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
