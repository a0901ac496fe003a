package org.igkit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.Plugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code igkit} command line as a user meets it, run in-process through the launcher's
 * command set: {@code validate} (every error of a file at once, located, exit 2),
 * {@code list-plugins} (every role, every plugin, the external example's {@code power} path),
 * {@code --help} everywhere, unknown commands, the external plugin used from YAML end to end,
 * and {@code report} rebuilding the summary byte for byte.
 */
class CliTest {

  /** {@code file:line:column } at the start of an error line. */
  static final Pattern LOCATED = Pattern.compile("^(\\S+):(\\d+):(\\d+) (.*)$", Pattern.MULTILINE);

  @TempDir static Path tmp;
  /** A finished run of power-path.yaml, shared by the tests that read one. */
  static Path powerRun;
  static E2e.Cli powerResult;

  @BeforeAll
  static void runTheExternalPluginExperiment() {
    Path yaml = E2e.write(tmp.resolve("power"), "power-path.yaml",
        E2e.template("power-path.yaml", Map.of("MODEL", E2e.model())));
    powerRun = tmp.resolve("power").resolve("out");
    powerResult = E2e.run(yaml, powerRun);
  }

  /** One expected error: the line it is on, the start of its YAML path and message, a hint. */
  record Expected(int line, String pathAndMessage, String hint) {}

  @Test
  void validateReportsEveryErrorOfAFileAtOnceEachWithFileLineAndColumn() {
    Path file = E2e.write(tmp.resolve("broken"), "broken.yaml", E2e.template("broken.yaml", Map.of()));
    E2e.Cli r = E2e.cli("validate", file);
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertErrors(r.err(), file, List.of(
        new Expected(4, "seed: must be an integer, was 'eight'", ""),
        new Expected(6, "model.path: file not found: ", "no-such-model.params"),
        new Expected(17, "methods[0].baselines: unknown baselines type 'blak'", "did you mean 'black'?"),
        new Expected(21, "methods[1].stepRule.steps: must be ≥ 1, was 0", ""),
        new Expected(24, "metrics[1]: unknown metric type 'overlap-aoc'", "did you mean 'overlap-auc'?"),
        new Expected(25, "unknown key 'batchSze' (allowed: ", "did you mean 'batchSize'?")));
  }

  @Test
  void validateReportsGridReferenceAndModelErrorsTogether() {
    Path file = E2e.write(tmp.resolve("broken-grid"), "broken-grid.yaml",
        E2e.template("broken-grid.yaml", Map.of("MODEL", E2e.model())));
    E2e.Cli r = E2e.cli("validate", file);
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertErrors(r.err(), file, List.of(
        new Expected(4, "name: must match [A-Za-z0-9._-]+", "was 'broken grid'"),
        new Expected(5, "seed: must be an integer, was '1.5'", ""),
        new Expected(13, "model.output: must be one of [probability, logit], was 'probabilty'", "did you mean 'probability'?"),
        new Expected(23, "grid.stepRule.stepz: no stepRule in use has a parameter 'stepz'", "did you mean 'steps'?"),
        new Expected(24, "grid.fitness.alpha: no method uses plugin 'fitness'", "in use: "),
        new Expected(25, "reference: no method named 'EG'", "did you mean 'IG'?")));
  }

  @Test
  void gridErrorsAreReportedEvenWhenAMethodIsBroken() {
    String text = E2e.template("two-methods.yaml", E2e.twoMethods(1, 0, 4, "completeness-gap", "overlap-auc", false))
        .replace("baselines: black", "baselines: blak") + "grid:\n  stepRule.stepz: [4, 8]\n";
    Path file = E2e.write(tmp.resolve("broken-both"), "broken-both.yaml", text);
    E2e.Cli r = E2e.cli("validate", file);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("methods[0].baselines: unknown baselines type 'blak'")
        .contains("grid.stepRule.stepz: no stepRule in use has a parameter 'stepz'");
  }

  @Test
  void runRefusesABrokenFileWithTheSameErrorsAndExit2BeforeWritingAnything() {
    Path file = E2e.write(tmp.resolve("broken-run"), "broken.yaml", E2e.template("broken.yaml", Map.of()));
    Path out = tmp.resolve("broken-run").resolve("out");
    E2e.Cli r = E2e.cli("run", file, "--output", out);
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertThat(LOCATED.matcher(r.err()).results().count()).as("%s", r).isEqualTo(6);
    assertThat(out).as("nothing is written for a broken file").doesNotExist();
  }

  @Test
  void validateAcceptsAGoodFile() {
    Path file = E2e.write(tmp.resolve("good"), "good.yaml", E2e.template("two-methods.yaml",
        E2e.twoMethods(1, 0, 4, "completeness-gap", "overlap-auc", false)));
    E2e.Cli r = E2e.cli("validate", file);
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo(file + ": OK — 2 method(s), 2 cell(s), 2 metric(s), reference IG\n");
    assertThat(r.err()).isEmpty();
    assertThat(tmp.resolve("good").resolve("runs")).as("validate writes nothing").doesNotExist();
  }

  @Test
  void listPluginsListsEveryRoleAndEveryRegisteredPluginIncludingTheExternalPowerPath() {
    E2e.Cli r = E2e.cli("list-plugins");
    assertThat(r.code()).as("%s", r).isZero();
    List<String> lines = r.out().lines().toList();
    List<String> roles = lines.stream().filter(l -> !l.startsWith(" ") && l.endsWith(":"))
        .map(l -> l.substring(0, l.length() - 1)).toList();
    assertThat(roles).as("role headers")
        .containsExactly("baselines", "path", "stepRule", "aggregator", "metric", "dataset", "modelFormat", "postprocess");
    PluginRegistry registry = PluginLoader.registry();
    for (Class<?> spi : Plugins.SPIS) {
      String role = PluginRegistry.roleOf(spi);
      List<String> ids = idsUnder(lines, role);
      assertThat(ids).as("plugins listed under %s", role)
          .containsExactlyInAnyOrderElementsOf(registry.plugins(spi).keySet());
    }
    assertThat(idsUnder(lines, "path")).contains("power", "straight");
    assertThat(idsUnder(lines, "dataset")).contains("shapes", "image-folder");
    assertThat(idsUnder(lines, "modelFormat")).contains("torchscript", "djl-block");
    assertThat(r.out())
        .containsPattern("(?m)^  power +example plugin: .*$")
        .containsPattern("(?m)^ +parameters: power=2\\.0$")
        .contains("parameters: steps=50, variant=midpoint")
        .containsPattern("(?m)^  grad-x-input +Gradient x Input: .*\\R {19}model calls: 1 gradient \\(at the input\\)$")
        .containsPattern("(?m)^  samp +SAMP: .*\\R {19}capabilities: ADAPTIVE\\R {19}model calls: ~H\\*W/5 gradients .*$");
  }

  /** The first word of each plugin line in the section of {@code role}. */
  private static List<String> idsUnder(List<String> lines, String role) {
    List<String> ids = new ArrayList<>();
    boolean inside = false;
    for (String l : lines) {
      if (!l.startsWith(" ")) {
        inside = l.equals(role + ":");
      } else if (inside && l.matches("^  \\S.*")) {
        ids.add(l.strip().split("\\s+")[0]);
      }
    }
    return ids;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "validate", "list-plugins", "report", "train"})
  void helpWorksOnEveryCommand(String command) {
    E2e.Cli r = command.isEmpty() ? E2e.cli("--help") : E2e.cli(command, "--help");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).startsWith("Usage: igkit" + (command.isEmpty() ? "" : " " + command));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runHelpNamesItsOptions() {
    E2e.Cli r = E2e.cli("run", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[FILE]", "--output=DIR", "--reproduce=DIR");
    assertThat(E2e.cli("help", "run").out()).isEqualTo(r.out());
  }

  @Test
  void anUnknownSubcommandExits2WithAMessageAndTheUsage() {
    E2e.Cli r = E2e.cli("frobnicate", "x.yaml");
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertThat(r.err()).contains("igkit: Unmatched argument", "'frobnicate'")
        .contains("Commands:").contains("run", "validate", "list-plugins", "report");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badArgumentsExit2WithAMessage() {
    E2e.Cli none = E2e.cli("run");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("give either FILE or --reproduce DIR");
    E2e.Cli missing = E2e.cli("validate", tmp.resolve("no-such.yaml"));
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("file not found");
    E2e.Cli notARun = E2e.cli("report", tmp.resolve("broken"));
    assertThat(notARun.code()).as("%s", notARun).isEqualTo(1);
    assertThat(notARun.err()).contains("holds no resolved.yaml: not an igkit run folder");
  }

  @Test
  void theExternalPowerPathIsUsableFromYamlInAMethodAndInTheGrid() throws Exception {
    assertThat(powerResult.out()).contains("experiment e2e-power: 2 method(s), 3 cell(s)");
    List<String> cells = List.of("IG", "IG-power[power.power=2]", "IG-power[power.power=4]");
    List<List<String>> rows = E2e.csv(powerRun.resolve("results.csv"), "sample,cell,method,metric,value");
    assertThat(rows).hasSize(3 * cells.size() * (2 + EndToEndTest.DIAGNOSTICS.size()));
    assertThat(rows.stream().map(r -> r.get(1)).distinct().toList()).containsExactlyElementsOf(cells);
    // the plugin really ran: its cells' numbers differ from straight IG's and from each other
    for (String metric : List.of("completeness-gap", "overlap-auc")) {
      List<List<String>> perCell = cells.stream().map(c -> rows.stream()
          .filter(r -> r.get(1).equals(c) && r.get(3).equals(metric)).map(r -> r.get(4)).toList()).toList();
      assertThat(perCell.get(1)).as(metric).isNotEqualTo(perCell.get(0)).isNotEqualTo(perCell.get(2));
    }
    String resolved = Files.readString(powerRun.resolve("resolved.yaml"));
    assertThat(resolved).contains("    type: power\n    power: 3.0\n");
    assertThat(resolved).contains("power.power:\n  - 2\n  - 4\n");
    assertThat(E2e.cli("validate", powerRun.resolve("resolved.yaml")).code()).isZero();
  }

  @Test
  void reportRebuildsTheSummaryByteIdenticalToTheOneRunWrote() throws Exception {
    byte[] md = Files.readAllBytes(powerRun.resolve("summary.md"));
    byte[] csv = Files.readAllBytes(powerRun.resolve("summary.csv"));
    Files.delete(powerRun.resolve("summary.md"));
    Files.delete(powerRun.resolve("summary.csv"));
    E2e.Cli r = E2e.cli("report", powerRun);
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).contains("report: " + powerRun.resolve("summary.md").toAbsolutePath());
    assertThat(Files.readAllBytes(powerRun.resolve("summary.md"))).isEqualTo(md);
    assertThat(Files.readAllBytes(powerRun.resolve("summary.csv"))).isEqualTo(csv);
    assertThat(new String(md, java.nio.charset.StandardCharsets.UTF_8))
        .contains("| IG (reference) |").contains("IG-power[power.power=2]");
  }

  private static void assertErrors(String err, Path file, List<Expected> expected) {
    List<String> located = new ArrayList<>();
    Matcher m = LOCATED.matcher(err);
    while (m.find()) {
      located.add(m.group());
      assertThat(m.group(1)).as("error names the file: %s", m.group()).isEqualTo(file.toString());
      assertThat(Integer.parseInt(m.group(3))).as("a column: %s", m.group()).isPositive();
    }
    assertThat(located).as("every error, each on its own located line, in one run:\n%s", err)
        .hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      assertThat(located.get(i)).as("error %d of\n%s", i + 1, err)
          .startsWith(file + ":" + e.line() + ":")
          .contains(" " + e.pathAndMessage())
          .contains(e.hint());
    }
    assertThat(err.strip()).endsWith(expected.size() + " error(s)");
  }
}
