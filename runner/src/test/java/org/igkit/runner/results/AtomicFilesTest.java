package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.igkit.api.io.Npy;
import org.igkit.api.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file replacement: the new content, missing folders created, no temporary files left. */
class AtomicFilesTest {

  @TempDir Path tmp;

  @Test
  void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
    Path file = tmp.resolve("sub/dir/map.npy");
    AtomicFiles.write(file, Npy.encode(NpyArray.float32(new float[] {1, 2}, 2)));
    AtomicFiles.write(file, Npy.encode(NpyArray.float32(new float[] {3, 4, 5}, 3)));
    assertThat(Npy.read(file).floats()).containsExactly(3, 4, 5);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
