package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.igkit.api.plugin.PluginRegistry;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Fuzzes the experiment loader and validator (jqwik, seeded): every input either loads or fails
 * with igkit's located {@link ConfigException} — never another exception, a hang or a stack trace
 * in the message. Two generators, 12,000 inputs per run:
 *
 * <ul>
 *   <li>{@link #mutatedFilesLoadOrFailWithAConfigError}: the valid and broken files of
 *       {@code config/} mutated by one (two thirds of them) to six byte, line and token edits (YAML punctuation, anchors,
 *       aliases, tags, plugin ids, extreme numbers, splices from other files);
 *   <li>{@link #randomTreesLoadOrFailWithAConfigError}: random YAML trees over the experiment's
 *       keys and the registry's plugin ids, dumped in block or flow style.
 * </ul>
 *
 * The files pretend to live in {@code config/valid/}, so {@code ../models/tiny.pt} exists and most
 * inputs get past the model check to the plugins, the grid and the records. An input that once
 * failed is kept in {@code config/fuzz-regressions/} and replayed by {@link FuzzRegressionTest}.
 */
class LoaderFuzzTest {

  static final int MUTATED = 7_000;
  static final int TREES = 5_000;
  /** One input must never take this long (a hang). */
  static final long MAX_NANOS_PER_INPUT = 2_000_000_000L;

  private static final PluginRegistry REGISTRY = TestPlugins.registry();
  private static final ExperimentLoader LOADER = new ExperimentLoader(REGISTRY);
  private static final Path SOURCE = TestPlugins.resources("valid").resolve("fuzz.yaml");
  private static final List<String> CORPUS = corpus();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong LOADED = new AtomicLong();
  private static final AtomicLong NANOS = new AtomicLong();

  private static final String[] TOKENS = {
      ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", "\"", "#", "&a ", "*a", "&a [1, 2]", "*b", "!!str ", "!!int ",
      "!!float ", "!!java.lang.ProcessBuilder ", "!custom ", "!!binary ", "<<: ", "? ", "|", ">", "\t", "\n", "\n  ", "  ",
      "~", "null", "true", "false", "yes", "0", "-1", "1", "2", "-2147483649", "99999999999999999999999", "1e308", "-1e308",
      "1e-320", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "3.", "0.5", "''", "\"\"", "[]", "{}", "[[]]", "{a: {b: c}}",
      "\u00e9", "\u0000", "\uFEFF", "\uD83D\uDE00", "a".repeat(300), "../", "/", "C:\\x", "%", "i/n", "0/4", "3/2", "1/0",
      "name", "seed", "model", "dataset", "methods", "metrics", "grid", "reference", "target", "batchSize", "threads",
      "output", "saveAttributions", "type", "path", "format", "inputShape", "mean", "std", "steps", "count", "alpha",
      "baselines", "stepRule", "aggregator", "limit", "offset", "shard", "fitness", "tau", "rule", "variant",
      "stepRule.steps", "fitness.alpha", "baselines.count", "EG.aggregator.rule", "filtered.fitness.alpha",
      "black", "white", "uniform-noise", "straight", "riemann", "idgi", "gauss-legendre", "uniform", "filtered",
      "deletion-auc", "overlap-auc", "test-folder", "test-shapes", "test-wiggle", "java.lang.Runtime", "label", "predicted",
      "\u0001", "\u001B", "hdfs://nn/images", "[".repeat(70), "2147483647", "100000",
  };

  private static final List<String> KEYS = List.of(
      "name", "seed", "model", "dataset", "methods", "metrics", "grid", "reference", "target", "batchSize", "threads",
      "output", "saveAttributions", "path", "format", "inputShape", "mean", "std", "output", "numClasses", "type",
      "baselines", "stepRule", "aggregator", "steps", "count", "alpha", "fitness", "tau", "rule", "limit", "offset",
      "shard", "size", "masks", "variant", "estimator", "stepRule.steps", "fitness.alpha", "IG.stepRule.steps", "bogus");

  @Property(tries = MUTATED, seed = "8128", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
      generation = GenerationMode.RANDOMIZED)
  void mutatedFilesLoadOrFailWithAConfigError(@ForAll("mutatedFiles") String yaml) {
    check(yaml);
  }

  @Property(tries = TREES, seed = "31337", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
      generation = GenerationMode.RANDOMIZED)
  void randomTreesLoadOrFailWithAConfigError(@ForAll("randomTrees") String yaml) {
    check(yaml);
  }

  @AfterContainer
  static void report() {
    System.out.printf("LoaderFuzzTest: %d inputs, %d loaded, %d rejected with a ConfigException, %.1f s in the loader%n",
        INPUTS.get(), LOADED.get(), INPUTS.get() - LOADED.get(), NANOS.get() / 1e9);
  }

  /** The property: loads, or fails with located, stack-trace-free config errors, quickly. */
  static void check(String yaml) {
    long start = System.nanoTime();
    try {
      LOADER.parse(yaml, SOURCE);
      LOADED.incrementAndGet();
    } catch (ConfigException e) {
      assertThat(e.errors()).as("errors of%n%s", yaml).isNotEmpty();
      for (ConfigError x : e.errors()) {
        assertThat(x.file()).isEqualTo(SOURCE.toString());
        assertThat(x.message()).as("message of %s for%n%s", x, yaml)
            .isNotBlank()
            .doesNotContain("\tat ")
            .doesNotContainPattern("\\b(java|javax|com|org)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b");
      }
    } catch (Throwable t) {
      throw new AssertionError("not a ConfigException: " + t + "\n--- input ---\n" + yaml + "\n--- end ---", t);
    } finally {
      long took = System.nanoTime() - start;
      NANOS.addAndGet(took);
      INPUTS.incrementAndGet();
      assertThat(took).as("time for%n%s", yaml).isLessThan(MAX_NANOS_PER_INPUT);
    }
  }

  @Provide
  Arbitrary<String> mutatedFiles() {
    return Arbitraries.longs().map(seed -> mutate(new SplittableRandom(seed)));
  }

  @Provide
  Arbitrary<String> randomTrees() {
    return Arbitraries.longs().map(seed -> tree(new SplittableRandom(seed)));
  }

  /** A corpus file with 1–6 edits. */
  static String mutate(SplittableRandom r) {
    String text = CORPUS.get(r.nextInt(CORPUS.size()));
    int edits = r.nextInt(3) > 0 ? 1 : 2 + r.nextInt(5);
    for (int i = 0; i < edits; i++) {
      text = switch (r.nextInt(9)) {
        case 0 -> byteEdit(text, r);
        case 1, 2 -> tokenEdit(text, r, true);
        case 3 -> tokenEdit(text, r, false);
        case 4 -> lineEdit(text, r);
        case 5 -> indentEdit(text, r);
        case 6 -> splice(text, CORPUS.get(r.nextInt(CORPUS.size())), r);
        case 7 -> valueEdit(text, r);
        default -> truncate(text, r);
      };
    }
    return text;
  }

  private static String byteEdit(String text, SplittableRandom r) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0) {
      return text;
    }
    int at = r.nextInt(b.length);
    switch (r.nextInt(3)) {
      case 0 -> b[at] = (byte) r.nextInt(256);
      case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
      default -> {
        byte[] c = new byte[b.length - 1];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
        b = c;
      }
    }
    return new String(b, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, as a reader would
  }

  /** Inserts a token at, or replaces the word at, a random place. */
  private static String tokenEdit(String text, SplittableRandom r, boolean replace) {
    String token = TOKENS[r.nextInt(TOKENS.length)];
    int at = text.isEmpty() ? 0 : r.nextInt(text.length());
    if (!replace) {
      return text.substring(0, at) + token + text.substring(at);
    }
    int end = at;
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || "-_.".indexOf(text.charAt(end)) >= 0)) {
      end++;
    }
    return text.substring(0, at) + token + text.substring(Math.max(end, Math.min(text.length(), at + 1)));
  }

  /** Replaces the value after a random "key: " with a token. */
  private static String valueEdit(String text, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = r.nextInt(lines.size());
    String line = lines.get(i);
    int colon = line.indexOf(": ");
    if (colon < 0) {
      return tokenEdit(text, r, true);
    }
    lines.set(i, line.substring(0, colon + 2) + TOKENS[r.nextInt(TOKENS.length)]);
    return String.join("\n", lines);
  }

  private static String lineEdit(String text, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = r.nextInt(lines.size());
    switch (r.nextInt(3)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(r.nextInt(lines.size())));
      default -> {
        int j = r.nextInt(lines.size());
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
    }
    return String.join("\n", lines);
  }

  private static String indentEdit(String text, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = r.nextInt(lines.size());
    String line = lines.get(i);
    lines.set(i, r.nextBoolean() ? " ".repeat(1 + r.nextInt(4)) + line : line.stripLeading());
    return String.join("\n", lines);
  }

  private static String splice(String text, String other, SplittableRandom r) {
    String[] a = text.split("\n", -1);
    String[] b = other.split("\n", -1);
    int cut = r.nextInt(a.length + 1);
    int from = r.nextInt(b.length);
    int to = from + r.nextInt(Math.min(6, b.length - from) + 1);
    List<String> out = new ArrayList<>(List.of(a).subList(0, cut));
    out.addAll(List.of(b).subList(from, to));
    out.addAll(List.of(a).subList(cut, a.length));
    return String.join("\n", out);
  }

  private static String truncate(String text, SplittableRandom r) {
    return text.isEmpty() ? text : text.substring(0, r.nextInt(text.length()));
  }

  /** A random YAML tree over the experiment's keys, usually with a plausible skeleton. */
  static String tree(SplittableRandom r) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (r.nextInt(4) > 0) {
      root.put("name", r.nextInt(5) > 0 ? "fuzz" : scalar(r));
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("path", r.nextInt(6) > 0 ? "../models/tiny.pt" : scalar(r));
      model.put("inputShape", r.nextInt(5) > 0 ? List.of(3, 32, 32) : value(r, 2));
      if (r.nextBoolean()) {
        model.put(KEYS.get(r.nextInt(KEYS.size())), value(r, 2));
      }
      root.put("model", r.nextInt(8) > 0 ? model : value(r, 2));
      root.put("dataset", r.nextBoolean() ? pluginId(r, "dataset") : plugin(r, "dataset"));
      List<Object> methods = new ArrayList<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.nextInt(6) > 0 ? "M" + i : scalar(r));
        for (String role : List.of("baselines", "path", "stepRule", "aggregator")) {
          if (r.nextBoolean()) {
            m.put(role, r.nextInt(3) == 0 ? pluginId(r, role) : r.nextInt(5) == 0 ? value(r, 2) : plugin(r, role));
          }
        }
        methods.add(m);
      }
      root.put("methods", methods);
    }
    int extra = r.nextInt(5);
    for (int i = 0; i < extra; i++) {
      String key = ExperimentReader.KEYS.get(r.nextInt(ExperimentReader.KEYS.size()));
      root.put(r.nextInt(10) == 0 ? KEYS.get(r.nextInt(KEYS.size())) : key, key.equals("grid") ? grid(r) : value(r, 3));
    }
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.values()[r.nextInt(3)]);
    return new Yaml(o).dump(root);
  }

  private static Map<String, Object> grid(SplittableRandom r) {
    Map<String, Object> g = new LinkedHashMap<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      g.put(KEYS.get(r.nextInt(KEYS.size())), r.nextInt(3) == 0 ? scalar(r) : java.util.Arrays.asList(scalar(r), scalar(r)));
    }
    return g;
  }

  private static Object plugin(SplittableRandom r, String role) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", r.nextInt(8) > 0 ? pluginId(r, role) : scalar(r));
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      p.put(KEYS.get(r.nextInt(KEYS.size())), r.nextInt(4) > 0 ? scalar(r) : value(r, 1));
    }
    return p;
  }

  private static String pluginId(SplittableRandom r, String role) {
    List<String> ids = org.igkit.api.plugin.Plugins.SPIS.stream()
        .filter(spi -> PluginRegistry.roleOf(spi).equals(role) || r.nextInt(10) == 0)
        .flatMap(spi -> REGISTRY.plugins(spi).keySet().stream())
        .sorted()
        .toList();
    return ids.isEmpty() ? "black" : ids.get(r.nextInt(ids.size()));
  }

  private static Object value(SplittableRandom r, int depth) {
    int k = depth <= 0 ? 0 : r.nextInt(4);
    if (k == 1) {
      List<Object> l = new ArrayList<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        l.add(value(r, depth - 1));
      }
      return l;
    }
    if (k == 2) {
      Map<String, Object> m = new LinkedHashMap<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        m.put(KEYS.get(r.nextInt(KEYS.size())), value(r, depth - 1));
      }
      return m;
    }
    return scalar(r);
  }

  private static Object scalar(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextInt(-3, 100);
      case 3 -> r.nextLong();
      case 4 -> r.nextDouble(-2, 2);
      case 5 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -0.0, 4.9e-324}[r.nextInt(6)];
      case 6 -> new java.math.BigInteger(100, new java.util.Random(r.nextLong()));
      case 7 -> TOKENS[r.nextInt(TOKENS.length)];
      case 8 -> "" + r.nextInt(8) + "/" + r.nextInt(8);
      default -> KEYS.get(r.nextInt(KEYS.size()));
    };
  }

  private static List<String> corpus() {
    List<String> out = new ArrayList<>();
    for (String folder : List.of("valid", "broken")) {
      try (Stream<Path> s = Files.list(TestPlugins.resources(folder))) {
        for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          out.add(Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // the valid files three times each: most mutants should start from something that loads
    int valid = 3;
    for (int i = 0; i < 2; i++) {
      out.addAll(out.subList(0, valid));
    }
    return List.copyOf(out);
  }
}
