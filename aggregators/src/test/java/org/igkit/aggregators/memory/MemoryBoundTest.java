package org.igkit.aggregators.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN guarantee 1: memory is O(batchSize), not O(steps × baselines). 1000 steps × 10 baselines
 * on a 3×224×224 input are 10 000 points (6 GB if stored); the run must finish in a 160 MiB heap.
 */
class MemoryBoundTest {

  @Test
  void thousandStepsTimesTenBaselinesAt224FitInASmallHeap() throws Exception {
    String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                List.of(
                    javaBin,
                    "-Xmx160m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    MemoryBoundMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("OutOfMemoryError");
    assertThat(out).contains("UniformAggregator gradientPoints=10000 ");
    assertThat(out).contains("FitnessAggregator gradientPoints=10000 ");
    var heap = Pattern.compile("maxHeapMiB=(\\d+)").matcher(out);
    assertThat(heap.find()).as(out).isTrue();
    assertThat(Integer.parseInt(heap.group(1))).isLessThanOrEqualTo(160);
  }
}
