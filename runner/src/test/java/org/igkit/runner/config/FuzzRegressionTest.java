package org.igkit.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every input kept in {@code config/fuzz-regressions/}: each once crashed, hung or was
 * silently accepted by the loader, and each must now fail with a located {@link ConfigException}
 * (the same property {@link LoaderFuzzTest} checks) within a few seconds.
 */
class FuzzRegressionTest {

  static Stream<String> files() throws IOException {
    try (Stream<Path> s = Files.list(TestPlugins.resources("fuzz-regressions"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void eachKeptInputIsALocatedConfigError(String name) throws IOException {
    String yaml = Files.readString(TestPlugins.resources("fuzz-regressions").resolve(name), StandardCharsets.UTF_8);
    ExperimentLoader loader = new ExperimentLoader(TestPlugins.registry());
    Path source = TestPlugins.resources("valid").resolve(name);

    ConfigException e = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, source)));

    assertThat(e).as(name).isNotNull();
    assertThat(e.errors()).allSatisfy(x -> {
      assertThat(x.line()).as("located: %s", x).isPositive();
      assertThat(x.file()).isEqualTo(source.toString());
    });
    LoaderFuzzTest.check(yaml);
  }
}
