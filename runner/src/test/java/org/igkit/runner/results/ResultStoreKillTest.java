package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL at an arbitrary moment, then resumed, leaves exactly the files of
 * an uninterrupted run (guarantee 5): no lost group, no duplicated one, no torn bytes. The kills
 * are spread over the time one group takes, so some land while a group's bytes are being written
 * (the test cannot force that; the torn states themselves are built byte-exactly in {@link
 * ResultStoreTest}).
 */
class ResultStoreKillTest {

  private static final int GROUPS = 150;
  private static final int POINTS = 5_000;
  private static final double[] KILL_AT_FRACTION_OF_A_GROUP = {0.5, 0.75, 0.85, 0.9, 0.95, 0.99};

  @TempDir Path tmp;

  @Test
  void killedWritersResumeToTheUninterruptedFiles() throws Exception {
    Path reference = tmp.resolve("reference");
    try (ResultStore store = ResultStore.open(reference)) {
      for (int i = 0; i < GROUPS; i++) {
        store.append(Groups.bigGroup(i, POINTS));
      }
    }
    Path dir = tmp.resolve("out");
    for (int k = 0; k < KILL_AT_FRACTION_OF_A_GROUP.length; k++) {
      int killAfter = 8 + 20 * k;
      ChildJvm child = ChildJvm.start("write", dir.toString(), Integer.toString(POINTS),
          Integer.toString(GROUPS));
      try {
        long previous = System.nanoTime();
        long period = 0;
        String line;
        while ((line = child.readLine()) != null && Integer.parseInt(line) < killAfter) {
          long now = System.nanoTime();
          period = now - previous;
          previous = now;
        }
        long until = System.nanoTime() + (long) (period * KILL_AT_FRACTION_OF_A_GROUP[k]);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      } finally {
        child.kill();
      }
      try (ResultStore store = ResultStore.open(dir)) {
        Set<ResultStore.Key> done = store.completed();
        List<ResultStore.Key> prefix = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
          prefix.add(Groups.key(i));
        }
        assertThat(done).containsExactlyElementsOf(prefix);
        assertThat(done.size()).isGreaterThan(killAfter);
      }
    }
    try (ResultStore store = ResultStore.open(dir)) {
      for (int i = store.completed().size(); i < GROUPS; i++) {
        store.append(Groups.bigGroup(i, POINTS));
      }
    }
    ResultStoreTest.assertSameFiles(dir, reference);
  }
}
