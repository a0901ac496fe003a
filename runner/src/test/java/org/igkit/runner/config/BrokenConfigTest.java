package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.igkit.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code config/broken/} must fail with exactly the errors in its {@code .expected}
 * sibling: one rendered error per line ({@code file:line:col path: message}), where
 * {@code {config}} stands for the absolute {@code config/} folder and {@code {known:<role>}} for
 * the registry's ids of that role, so the messages stay exact as plugins are added.
 */
class BrokenConfigTest {

  private static final Path BROKEN = TestPlugins.resources("broken");
  private static final Pattern KNOWN = Pattern.compile("\\{known:([A-Za-z]+)}");

  private final PluginRegistry registry = TestPlugins.registry();
  private final ExperimentLoader loader = new ExperimentLoader(registry);

  static Stream<String> files() throws IOException {
    try (Stream<Path> s = Files.list(BROKEN)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void eachBrokenFileFailsWithItsExactLocatedMessages(String name) throws IOException {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(BROKEN.resolve(name)));

    assertThat(e).as("%s must not load", name).isNotNull();
    assertThat(TestPlugins.render(e)).isEqualTo(expected(name));
    assertThat(e.errors()).allSatisfy(x -> assertThat(x.file()).isEqualTo(BROKEN.resolve(name).toString()));
    assertThat(loader.validate(BROKEN.resolve(name))).isEqualTo(e.errors());
  }

  @Test
  void thereAreAtLeastTwentyDistinctBrokenFilesAndEachHasItsExpectation() throws IOException {
    List<String> names = files().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(20);
    for (String n : names) {
      assertThat(BROKEN.resolve(n.replace(".yaml", ".expected"))).exists();
    }
    assertThat(names.stream().map(n -> readExpected(n)).distinct().count()).isEqualTo(names.size());
  }

  @Test
  void oneFileWithManyErrorsReportsAllOfThemInFileOrder() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(BROKEN.resolve("many-errors.yaml")));
    assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(e.errors()).isSortedAccordingTo(
        java.util.Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    assertThat(e.getMessage().lines().count()).isEqualTo(e.errors().size());
  }

  private String expected(String yaml) {
    String text = readExpected(yaml).strip()
        .replace("{config}", BROKEN.getParent().toAbsolutePath().normalize().toString());
    Matcher m = KNOWN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(TestPlugins.known(registry, m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  private static String readExpected(String yaml) {
    try {
      return Files.readString(BROKEN.resolve(yaml.replace(".yaml", ".expected")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
