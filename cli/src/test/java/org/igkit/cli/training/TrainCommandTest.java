package org.igkit.cli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.igkit.cli.BuildDataCommand;
import org.igkit.cli.TrainCommand;
import org.igkit.experiments.data.BlockMnistBenchmark;
import org.igkit.experiments.data.FashionMnist;
import org.igkit.cli.Igkit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code igkit train} and {@code igkit build-data} at toy size, in-process. */
class TrainCommandTest {

  @TempDir Path dir;

  private record Cli(int code, String out, String err) {}

  private static Cli cli(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Igkit.commandLine(List.of(new TrainCommand(), new BuildDataCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  @Test
  void trainWritesParametersAndARecordWithTheCommandAndAccuracy() throws Exception {
    Path params = dir.resolve("m/shapes-vgg.params");
    Cli r = cli("train", "--dataset", "shapes", "--architecture", "vgg", "--train-size", 64, "--epochs", 1,
        "--width", 4, "--test-size", 16, "--schedule", "cosine", "--bn-batches", 1, "--out", params);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("epoch 1/1", "accuracy", "on 16 images");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("m/shapes-vgg.json").toFile());
    assertThat(json.get("dataset").asText()).isEqualTo("shapes");
    assertThat(json.get("architecture").asText()).isEqualTo("vgg");
    assertThat(json.get("inputShape").toString()).isEqualTo("[3,32,32]");
    assertThat(json.get("numClasses").asInt()).isEqualTo(4);
    assertThat(json.get("testImages").asInt()).isEqualTo(16);
    assertThat(json.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("parameterBytes").asLong()).isEqualTo(Files.size(params));
    assertThat(json.get("command").asText()).isEqualTo(
        "./igkit train --dataset shapes --architecture vgg --seed 8 --data-seed 0 --train-size 64 --epochs 1"
            + " --width 4 --batch-size 32 --learning-rate 0.002 --schedule cosine --bn-batches 1");
  }

  @Test
  void badArgumentsExitWith2AndSayWhatIsAllowed() {
    Cli r = cli("train", "--architecture", "alexnet", "--out", dir.resolve("x.params"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--architecture: must be one of small-cnn, resnet, vgg, mobilenetv2, was 'alexnet'");
    Cli d = cli("train", "--dataset", "cifar", "--out", dir.resolve("x.params"));
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).contains("--dataset: must be one of shapes, fashion-on-texture, block-mnist, was 'cifar'");
    Cli b = cli("build-data", "--dataset", "shapes", "--out", dir.resolve("x.npz"));
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err()).contains("--dataset: must be fashion-on-texture or block-mnist, was 'shapes'");
  }

  @Test
  void buildDataWritesAnArchiveTheDataSetReadsAndTrainingOnItWorks() throws Exception {
    assumeTrue(FashionMnist.presentIn(Path.of(FashionMnist.DEBIAN_DIR)), "needs Debian's dataset-fashion-mnist");
    Path archive = dir.resolve("bm.npz");
    Cli r = cli("build-data", "--dataset", "block-mnist", "--count", 20, "--reference-count", 3, "--out", archive);
    assertThat(r.code()).as(r.toString()).isZero();
    var data = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(archive.toString(), null, null));
    assertThat(data.size()).isEqualTo(20);
    assertThat(data.referenceImages()).hasSize(3);
    var committed = new BlockMnistBenchmark(new BlockMnistBenchmark.Spec(null, 20, null));
    assertThat(data.get(19).image()).containsExactly(committed.get(19).image());
    JsonNode json = new ObjectMapper().readTree(dir.resolve("bm.json").toFile());
    assertThat(json.get("command").asText())
        .isEqualTo("./igkit build-data --dataset block-mnist --split test --count 20 --reference-count 3 --seed 0");
    Cli t = cli("train", "--dataset", "block-mnist", "--architecture", "mobilenetv2", "--train-size", 32, "--epochs", 1,
        "--width", 2, "--eval-data", archive, "--out", dir.resolve("bm.params"));
    assertThat(t.code()).as(t.toString()).isZero();
    assertThat(t.out()).contains("on 20 images");
  }
}
