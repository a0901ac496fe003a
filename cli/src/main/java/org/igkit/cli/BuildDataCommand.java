package org.igkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.igkit.experiments.data.BenchmarkArchive;
import org.igkit.experiments.data.BlockMnist;
import org.igkit.experiments.data.CompositeGenerator;
import org.igkit.experiments.data.CompositeSample;
import org.igkit.experiments.data.FashionMnist;
import org.igkit.experiments.data.FashionOnTexture;
import org.igkit.experiments.data.ShapesDataset;
import org.igkit.experiments.data.TextureBank;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code igkit build-data}: draws a split of {@code fashion-on-texture} or {@code block-mnist}
 * from the Debian files (Fashion-MNIST from {@code dataset-fashion-mnist}, backgrounds from
 * {@code python3-skimage}) and writes it as an npz archive the data sets read, plus a JSON record
 * of how it was made. With the defaults it rebuilds the evaluation splits committed under
 * {@code experiments/data/} byte for byte.
 */
@Command(name = "build-data", mixinStandardHelpOptions = true,
    description = "Build a split of fashion-on-texture or block-mnist from the Debian files (npz + JSON record).")
public final class BuildDataCommand implements Callable<Integer> {

  /** Images of the committed evaluation split of each benchmark. */
  static int defaultCount(String dataset) {
    return dataset.equals(BlockMnist.ID) ? 300 : 250;
  }

  @Option(names = "--dataset", description = "fashion-on-texture or block-mnist (default: ${DEFAULT-VALUE})",
      defaultValue = FashionOnTexture.ID)
  String dataset;

  @Option(names = "--split", description = "test or train (default: ${DEFAULT-VALUE})", defaultValue = "test")
  String split;

  @Option(names = "--count", description = "images (default: 250 for fashion-on-texture, 300 for block-mnist)")
  Integer count;

  @Option(names = "--reference-count", description = "train-split reference images (default: ${DEFAULT-VALUE})",
      defaultValue = "16")
  int referenceCount;

  @Option(names = "--seed", description = "data seed (default: ${DEFAULT-VALUE})", defaultValue = "0")
  long seed;

  @Option(names = "--out", description = "archive to write (default: experiments/data/<dataset>-<split>.npz)")
  Path out;

  @CommandLine.Mixin CompositeSources sources = new CompositeSources();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var printer = spec.commandLine().getOut();
    ShapesDataset.Split part = switch (split) {
      case "test" -> ShapesDataset.Split.TEST;
      case "train" -> ShapesDataset.Split.TRAIN;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--split: must be test or train, was '" + split + "'");
    };
    if (!dataset.equals(FashionOnTexture.ID) && !dataset.equals(BlockMnist.ID)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--dataset: must be " + FashionOnTexture.ID + " or " + BlockMnist.ID + ", was '" + dataset + "'");
    }
    int n = count == null ? defaultCount(dataset) : count;
    if (n < 1 || referenceCount < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count must be ≥ 1 and --reference-count ≥ 0");
    }
    Path file = (out == null ? Path.of("experiments", "data", dataset + "-" + split + ".npz") : out).toAbsolutePath();
    long start = System.nanoTime();
    CompositeGenerator generator = CompositeGenerator.of(dataset, seed, sources.fashionMnist, sources.textures);
    List<CompositeSample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      samples.add(generator.sample(part, i));
    }
    List<CompositeSample> references = new ArrayList<>(referenceCount);
    for (int i = 0; i < referenceCount; i++) {
      references.add(generator.sample(ShapesDataset.Split.TRAIN, i));
    }
    BenchmarkArchive archive = BenchmarkArchive.of(dataset, seed, generator.spec(), samples, references);
    archive.write(file);
    byte[] bytes = Files.readAllBytes(file);
    Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.npz$", "") + ".json");
    Files.writeString(json, record(generator, n, bytes));
    printer.printf(Locale.ROOT, "%s %s: %d images (+%d reference) %s, %d bytes, in %.1f s%narchive: %s%nrecord: %s%n",
        dataset, split, n, referenceCount, generator.shape(), bytes.length, (System.nanoTime() - start) / 1e9, file, json);
    return 0;
  }

  private String record(CompositeGenerator generator, int n, byte[] bytes) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode r = mapper.createObjectNode();
    r.put("benchmark", dataset);
    r.put("split", split);
    r.put("seed", seed);
    r.put("images", n);
    r.put("referenceImages", referenceCount);
    r.putPOJO("shape", List.of(generator.shape().channels(), generator.shape().height(), generator.shape().width()));
    r.putPOJO("classes", FashionMnist.CLASS_NAMES);
    r.set("generator", generator.spec() == null ? mapper.createObjectNode() : mapper.valueToTree(generator.spec()));
    ObjectNode sources = r.putObject("sources");
    sources.put("items", "Fashion-MNIST (MIT), Debian package dataset-fashion-mnist: "
        + (split.equals("test") ? "t10k" : "train") + " images for the split, train images for the references");
    if (dataset.equals(FashionOnTexture.ID)) {
      sources.put("backgrounds", "scikit-image data (CC0 / public domain), Debian package python3-skimage: "
          + String.join(", ", TextureBank.FILES));
    }
    r.put("bytes", bytes.length);
    r.put("sha256", sha256(bytes));
    r.put("command", "./igkit build-data --dataset " + dataset + " --split " + split + " --count " + n
        + " --reference-count " + referenceCount + " --seed " + seed);
    return mapper.writeValueAsString(r) + "\n";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
