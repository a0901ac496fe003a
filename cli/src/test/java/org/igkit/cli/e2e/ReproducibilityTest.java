package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same YAML and seed, two output folders: byte-identical results (CPU); {@code igkit run
 * --reproduce DIR} re-runs a folder from its resolved configuration and says so; another seed
 * changes exactly the stochastic method's numbers (EG's uniform-noise baselines) and nothing of
 * the deterministic one (IG from black).
 */
class ReproducibilityTest {

  static final int N = 5;

  @TempDir static Path tmp;
  static Path yaml;
  static Path first;
  static Path second;

  @BeforeAll
  static void runTwice() {
    yaml = E2e.write(tmp, "experiment.yaml", E2e.template("two-methods.yaml",
        E2e.twoMethods(8, 0, N, "completeness-gap", "deletion-auc", false)));
    first = tmp.resolve("first");
    second = tmp.resolve("second");
    E2e.run(yaml, first);
    E2e.run(yaml, second);
  }

  @Test
  void sameYamlAndSeedTwiceGiveByteIdenticalResults() throws Exception {
    for (String file : List.of("results.csv", "curves.csv", "done.csv", "summary.csv", "summary.md", "resolved.yaml")) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    assertThat(E2e.csv(first.resolve("results.csv"), "sample,cell,method,metric,value"))
        .hasSize(N * 2 * (2 + EndToEndTest.DIAGNOSTICS.size()));
    assertThat(E2e.csv(first.resolve("curves.csv"), "sample,cell,metric,x,y"))
        .as("deletion-auc curves: 21 points per (sample, cell)").hasSize(N * 2 * 21);
  }

  @Test
  void reproduceReRunsAFolderFromItsResolvedConfigurationAndSaysItReproduced() throws Exception {
    E2e.Cli r = E2e.cli("run", "--reproduce", first);
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).as("%s", r)
        .contains("reproduced: results.csv is byte-identical to the original run's")
        .doesNotContain("NOT reproduced");
    Path reproduction = first.resolve("reproduction");
    assertThat(Files.readAllBytes(reproduction.resolve("results.csv")))
        .isEqualTo(Files.readAllBytes(first.resolve("results.csv")));
    assertThat(Files.readAllBytes(reproduction.resolve("curves.csv")))
        .isEqualTo(Files.readAllBytes(first.resolve("curves.csv")));
  }

  @Test
  void reproduceFailsWhenTheFolderResultsDoNotMatch() throws Exception {
    // a copy of the run whose results.csv has one digit changed (same length, so the journal
    // still accepts it): --reproduce must notice and exit 1
    Path tampered = tmp.resolve("tampered");
    Files.createDirectories(tampered);
    for (String file : List.of("results.csv", "curves.csv", "done.csv", "resolved.yaml", "provenance.json")) {
      Files.copy(first.resolve(file), tampered.resolve(file));
    }
    String text = Files.readString(tampered.resolve("results.csv"), StandardCharsets.UTF_8);
    int at = text.indexOf(",IG,IG,completeness-gap,0.") + ",IG,IG,completeness-gap,0.".length();
    char digit = text.charAt(at);
    String changed = text.substring(0, at) + (char) (digit == '9' ? '8' : digit + 1) + text.substring(at + 1);
    Files.writeString(tampered.resolve("results.csv"), changed, StandardCharsets.UTF_8);
    E2e.Cli r = E2e.cli("run", "--reproduce", tampered);
    assertThat(r.code()).as("%s", r).isEqualTo(1);
    assertThat(r.out()).as("%s", r).contains("NOT reproduced: results.csv differs from");
  }

  @Test
  void anotherSeedChangesTheStochasticMethodOnly() throws Exception {
    Path otherYaml = E2e.write(tmp.resolve("seed9"), "experiment.yaml", E2e.template("two-methods.yaml",
        E2e.twoMethods(9, 0, N, "completeness-gap", "deletion-auc", false)));
    Path other = tmp.resolve("seed9").resolve("out");
    E2e.run(otherYaml, other);
    assertThat(Files.readAllBytes(other.resolve("results.csv")))
        .as("a different seed gives a different results.csv with uniform-noise baselines")
        .isNotEqualTo(Files.readAllBytes(first.resolve("results.csv")));
    List<List<String>> a = E2e.csv(first.resolve("results.csv"), "sample,cell,method,metric,value");
    List<List<String>> b = E2e.csv(other.resolve("results.csv"), "sample,cell,method,metric,value");
    assertThat(b.stream().map(r -> r.subList(0, 4)).toList())
        .as("same rows in the same order").isEqualTo(a.stream().map(r -> r.subList(0, 4)).toList());
    assertThat(b.stream().filter(r -> r.get(1).equals("IG")).toList())
        .as("IG from the black baseline draws nothing random: identical under any seed")
        .isEqualTo(a.stream().filter(r -> r.get(1).equals("IG")).toList());
    long egChanged = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).get(1).equals("EG") && a.get(i).get(3).equals("completeness-gap")
          && !a.get(i).get(4).equals(b.get(i).get(4))) {
        egChanged++;
      }
    }
    assertThat(egChanged).as("EG's completeness gap changes with its noise baselines on every sample").isEqualTo(N);
  }
}
