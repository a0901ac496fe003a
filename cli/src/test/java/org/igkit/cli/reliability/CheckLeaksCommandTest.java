package org.igkit.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.igkit.cli.Checkout;
import org.igkit.cli.check.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igkit check-leaks}: the format of what it prints and how its exit code follows the
 * verdict. 40 samples are too few to judge memory, so flatness itself is not asserted here (the
 * 2,000-sample figures are in RELIABILITY.md).
 */
class CheckLeaksCommandTest {

  @TempDir Path tmp;

  static Path model() {
    return Checkout.quickStartModel();
  }

  @Test
  void fortySamplesPrintFiveCheckpointsTheGrowthAndAVerdictThatMatchesTheExitCode() {
    RepeatedKillTest.Cli r = RepeatedKillTest.cli("check-leaks", "--samples", 40, "--model", model());
    assertThat(r.code()).as("%s", r).isIn(0, 1);
    String out = r.out();
    assertThat(out).contains("igkit check-leaks: 40 samples", "IG (black, riemann 16)",
        "WG (uniform-noise x4, fitness, riemann 16)");
    assertThat(out).containsPattern("checkpoint\\s+samples\\s+rss_mb\\s+rss_peak_mb\\s+heap_mb\\s+seconds");
    List<String> labels = List.of("start", "25 %", "50 %", "75 %", "end");
    int[] counts = {0, 10, 20, 30, 40};
    for (int i = 0; i < labels.size(); i++) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(labels.get(i))
          + "\\s+(\\d+)\\s+([0-9.]+|n/a)\\s+([0-9.]+|n/a)\\s+([0-9.]+)\\s+([0-9.]+)$").matcher(out);
      assertThat(m.find()).as("checkpoint row '%s' in%n%s", labels.get(i), out).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(counts[i]);
      if (!m.group(2).equals("n/a")) {
        assertThat(Double.parseDouble(m.group(2))).as("RSS in MB").isGreaterThan(10);
      }
      if (!m.group(3).equals("n/a")) {
        assertThat(Double.parseDouble(m.group(3))).as("peak RSS in MB").isGreaterThan(10);
      }
      assertThat(Double.parseDouble(m.group(4))).as("heap in MB").isGreaterThan(0);
    }
    Matcher growth = Pattern.compile("growth end vs the largest earlier peak: RSS peak ([-+][0-9.]+|NaN) MB \\(([-+][0-9.]+|NaN) %\\),"
        + " heap ([-+][0-9.]+) MB").matcher(out);
    assertThat(growth.find()).as("growth line in%n%s", out).isTrue();
    Matcher verdict = Pattern.compile("verdict: (FLAT|GROWING) \\(flat = RSS growth < 10 % and heap growth < 20 MB\\)")
        .matcher(out);
    assertThat(verdict.find()).as("verdict line in%n%s", out).isTrue();
    assertThat(r.code()).as("exit code follows the verdict").isEqualTo(verdict.group(1).equals("FLAT") ? 0 : 1);
    double rssPercent = growth.group(2).equals("NaN") ? Double.NaN : Double.parseDouble(growth.group(2));
    assertThat(LeakCheck.isFlat(rssPercent, Double.parseDouble(growth.group(3))))
        .as("the printed figures give the printed verdict").isEqualTo(r.code() == 0);
  }

  @Test
  void theVerdictIsFlatOnlyWithinBothBounds() {
    assertThat(LeakCheck.isFlat(0.0, 0.0)).isTrue();
    assertThat(LeakCheck.isFlat(9.9, 19.9)).isTrue();
    assertThat(LeakCheck.isFlat(-3.0, -5.0)).isTrue();
    assertThat(LeakCheck.isFlat(Double.NaN, 1.0)).as("no /proc: heap only").isTrue();
    assertThat(LeakCheck.isFlat(10.0, 0.0)).as("RSS +10 %").isFalse();
    assertThat(LeakCheck.isFlat(0.0, 20.0)).as("heap +20 MB").isFalse();
    assertThat(LeakCheck.isFlat(Double.NaN, 50.0)).isFalse();
  }

  @Test
  void aMissingModelOrTooFewSamplesIsAnArgumentError() {
    RepeatedKillTest.Cli missing = RepeatedKillTest.cli("check-leaks", "--samples", 40, "--model",
        tmp.resolve("nothing.params"));
    assertThat(missing.code()).as("%s", missing).isEqualTo(2);
    assertThat(missing.err()).contains("no model file");
    RepeatedKillTest.Cli few = RepeatedKillTest.cli("check-leaks", "--samples", 2, "--model", model());
    assertThat(few.code()).as("%s", few).isEqualTo(2);
    assertThat(few.err()).contains("--samples: must be at least 4");
  }

  @Test
  void rssIsReadFromProcSelfStatus() {
    long rss = LeakCheck.rssBytes();
    if (Path.of("/proc/self/status").toFile().exists()) {
      assertThat(rss).isGreaterThan(10L * 1024 * 1024);
    } else {
      assertThat(rss).isEqualTo(-1);
    }
  }
}
