package org.igkit.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which samples' maps the runner saves for the report: the chosen ids, else the first maxSamples. */
class ReportSamplesTest {

  @TempDir Path dir;

  @Test
  void chosenIdsSelectTheirSamplesWhereverTheyStandAndUnknownIdsSelectNothing() throws Exception {
    assertThat(plan("report: {samples: [d.png, b.png, nowhere.png]}\n").reportSamples()).containsExactlyInAnyOrder(1, 3);
  }

  @Test
  void withoutChosenIdsTheFirstMaxSamplesOfTheSelection() throws Exception {
    assertThat(plan("report: {maxSamples: 2}\n").reportSamples()).containsExactlyInAnyOrder(0, 1);
    assertThat(plan("").reportSamples()).as("default 8, here all 5").containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(plan("dataset: {type: image-folder, path: images, offset: 1}\nreport: {maxSamples: 2}\n").reportSamples())
        .as("selection order after the offset").containsExactlyInAnyOrder(1, 2);
  }

  private RunPlan plan(String extra) throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (String n : new String[] {"a", "b", "c", "d", "e"}) {
      ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", images.resolve(n + ".png").toFile());
    }
    Path model = Path.of(getClass().getResource("/config/models/tiny.pt").toURI());
    String dataset = extra.contains("dataset:") ? "" : "dataset: {type: image-folder, path: images}\n";
    String yaml = "name: r\nmodel: {path: " + model + ", inputShape: [3, 4, 4]}\n" + dataset
        + "methods: [{name: IG, baselines: black}]\n" + extra;
    Path file = dir.resolve("r.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    PluginRegistry registry = PluginLoader.registry();
    return RunPlan.of(registry, new ExperimentLoader(registry).load(file), dir.resolve("out"));
  }
}
