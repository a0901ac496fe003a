package org.igkit.paths.geodesic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory is O(points·n + batch·n) and independent of the number of iterations: a child JVM with a
 * 48 MiB heap runs {@link EnergyMemoryChild} (127 optimised points of 3×64×64, 60 iterations in
 * batches of 8). The optimiser's own state is four float arrays of 127 × 12 288, 25 MiB; anything
 * kept per iteration (one pass's gradients alone are 6 MiB) would exhaust the heap within a few
 * iterations.
 */
class EnergyMemoryTest {

  @Test
  void manyPointsAndIterationsFitInASmallHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx48m", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), EnergyMemoryChild.class.getName()))
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = child.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    assertThat(ended).as("child ended; output:\n%s", output).isTrue();
    assertThat(child.exitValue()).as("child exit status; output:\n%s", output).isZero();
    assertThat(output).contains("evaluations " + EnergyMemoryChild.ITERATIONS + " ").contains("falling true");
  }
}
