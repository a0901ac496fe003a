package org.igkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.igkit.runner.run.SampleFaults;
import org.igkit.testkit.TorchScriptFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code igkit run} on an image folder with one truncated PNG: the run finishes, says so and exits 3. */
class PartialRunExitCodeTest {

  @TempDir Path dir;

  @Test
  void theCommandLineSaysThatTheRunWasPartialInItsExitCode() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (int i = 0; i < 3; i++) {
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
      Files.write(images.resolve("s" + i + ".png"), i == 1 ? Arrays.copyOf(bytes, bytes.length / 2) : bytes);
    }
    Path yaml = dir.resolve("partial.yaml");
    Files.writeString(yaml, """
        name: partial
        model:
          path: %s
          inputShape: [3, 32, 32]
        dataset: {type: image-folder, path: images}
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: EG
            baselines: [black, {type: uniform-noise, count: 2}]
            stepRule: {type: riemann, steps: 4}
        metrics:
          - {type: deletion-auc, steps: 8}
        reference: IG
        """.formatted(TorchScriptFixtures.path("tiny_cnn.pt").toString().replace('\\', '/')), StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    StringWriter stdout = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of());
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));

    int code = cl.execute("run", yaml.toString(), "--output", out.toString());

    assertThat(code).as(stdout.toString()).isEqualTo(SampleFaults.PARTIAL_EXIT_CODE);
    assertThat(stdout.toString()).contains("partial: 1 sample(s) failed in 2 (sample, cell) unit(s)");
    assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"skipped\"");
    assertThat(cl.execute("run", yaml.toString(), "--output", out.toString()))
        .as("a resumed partial run is still partial").isEqualTo(SampleFaults.PARTIAL_EXIT_CODE);
  }
}
