package org.igkit.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.igkit.api.model.Shape;
import org.igkit.cli.BuildDataCommand;
import org.igkit.cli.TrainCommand;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.ShapesSample;
import org.igkit.cli.Igkit;
import org.igkit.testkit.TorchScriptFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A user's model at ImageNet size, end to end through the YAML command line: the committed
 * TorchScript fixture {@code tiny_cnn_224.pt} from testkit (3×224×224 →
 * 1000 logits, made by {@code make_tiny_cnn_224.py} as a user exports a torchvision model) with
 * ImageNet mean/std in the model config, on an {@code image-folder} data set of PNGs with masks
 * written here (shapes images drawn at 224×224; sub-folders are classes), IG and IG+IDGI scored
 * by overlap AUC (needs the masks) and deletion AUC, attributions saved.
 */
class UserModel224Test {

  static final int N = 3;
  static final List<String> CELLS = List.of("IG", "IG-IDGI");

  @TempDir static Path tmp;
  static Path model;
  static Path out;
  static String stdout;
  static Map<String, Map<String, String>> values;

  @BeforeAll
  static void runTheExperiment() throws Exception {
    model = TorchScriptFixtures.path("tiny_cnn_224.pt");
    assertThat(model).as("the committed 224 TorchScript fixture").isRegularFile();
    writeImagesAndMasks(tmp.resolve("images"), tmp.resolve("masks"));
    String yaml = """
        name: user-model-224
        seed: 3
        model:
          path: '%s'
          format: torchscript
          inputShape: [3, 224, 224]
          mean: [0.485, 0.456, 0.406]
          std: [0.229, 0.224, 0.225]
          output: probability
        dataset:
          type: image-folder
          path: images
          masks: masks
        methods:
          - name: IG
            baselines: black
            stepRule: {type: riemann, steps: 4}
          - name: IG-IDGI
            baselines: black
            stepRule: {type: idgi, steps: 4}
        metrics:
          - {type: overlap-auc, steps: 10}
          - {type: deletion-auc, steps: 10}
        batchSize: 8
        threads: 1
        saveAttributions: true
        """.formatted(model);
    Path file = Files.writeString(tmp.resolve("experiment.yaml"), yaml);
    out = tmp.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of(new TrainCommand(), new BuildDataCommand()));
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int code = cl.execute("run", file.toString(), "--output", out.toString());
    stdout = o.toString();
    assertThat(code).as("igkit run\n%s\n%s", o, e).isZero();
    values = new TreeMap<>();
    List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("sample,cell,method,metric,value");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      values.computeIfAbsent(f[0] + "|" + f[1], k -> new TreeMap<>()).put(f[3], f[4]);
    }
  }

  /** Three shapes images drawn at 224×224 as 8-bit PNGs under class folders, masks alike. */
  static void writeImagesAndMasks(Path images, Path masks) throws Exception {
    ShapesDataset shapes = new ShapesDataset(new ShapesDataset.Spec(3, 224, 224, null, null, null, null), 11);
    for (ShapesSample s : shapes.samples(ShapesDataset.Split.TEST, 0, N)) {
      String name = s.objectClass().label() + "/" + s.id() + ".png";
      Shape shape = s.shape();
      BufferedImage rgb = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
      BufferedImage mask = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < shape.height(); y++) {
        for (int x = 0; x < shape.width(); x++) {
          int r = Math.round(255 * s.image()[shape.index(0, y, x)]);
          int g = Math.round(255 * s.image()[shape.index(1, y, x)]);
          int b = Math.round(255 * s.image()[shape.index(2, y, x)]);
          rgb.setRGB(x, y, (r << 16) | (g << 8) | b);
          mask.getRaster().setSample(x, y, 0, s.mask()[y * shape.width() + x] == 1 ? 255 : 0);
        }
      }
      Files.createDirectories(images.resolve(name).getParent());
      Files.createDirectories(masks.resolve(name).getParent());
      ImageIO.write(rgb, "png", images.resolve(name).toFile());
      ImageIO.write(mask, "png", masks.resolve(name).toFile());
    }
  }

  @Test
  void everyImageAndMethodHasItsMetricsAndDiagnostics() {
    assertThat(values).hasSize(N * CELLS.size());
    for (Map.Entry<String, Map<String, String>> e : values.entrySet()) {
      Map<String, String> m = e.getValue();
      assertThat(m).containsKeys("overlap-auc", "deletion-auc", "diag.completeness-gap", "diag.target");
      assertThat(Double.parseDouble(m.get("overlap-auc"))).as(e.getKey()).isBetween(0.0, 1.0);
      assertThat(Double.parseDouble(m.get("deletion-auc"))).as(e.getKey()).isBetween(0.0, 1.0);
      assertThat(Double.parseDouble(m.get("diag.target"))).isBetween(0.0, 999.0);
    }
    assertThat(values.keySet()).anyMatch(k -> k.startsWith("disk/") || k.startsWith("square/")
        || k.startsWith("triangle/") || k.startsWith("plus/"));
  }

  @Test
  void idgiIsCompleteAtFourStepsWhereItsRiemannSumIsNot() {
    for (Map.Entry<String, Map<String, String>> e : values.entrySet()) {
      double gap = Math.abs(Double.parseDouble(e.getValue().get("diag.completeness-gap")));
      double score = Math.abs(Double.parseDouble(e.getValue().get("diag.input-score")));
      if (e.getKey().endsWith("|IG-IDGI")) {
        assertThat(gap).as(e.getKey()).isLessThan(1e-4 * Math.max(score, 1e-3));
      }
    }
  }

  @Test
  void attributionsAreSavedAt224AndTheProvenanceNamesTheModel() throws Exception {
    List<Path> maps = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out.resolve("attributions"))) {
      files.filter(f -> f.toString().endsWith(".npy") && !f.toString().endsWith(".weights.npy")
          && !f.toString().endsWith(".baselines.npy")).forEach(maps::add);
    }
    assertThat(maps).hasSize(N * CELLS.size());
    byte[] npy = Files.readAllBytes(maps.get(0));
    String header = new String(npy, 10, 118, StandardCharsets.ISO_8859_1);
    assertThat(header).contains("'shape': (3, 224, 224)");
    String provenance = Files.readString(out.resolve("provenance.json"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    assertThat(provenance).contains(sha).contains("0.485").contains("0.229");
  }
}
