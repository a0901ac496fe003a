package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One output folder, one run: a second run is refused with the holder's pid. */
class OutputFolderLockTest {

  @TempDir Path tmp;

  @Test
  void aSecondStoreInTheSameJvmIsRefusedUntilTheFirstCloses() throws Exception {
    Path dir = tmp.resolve("out");
    long pid = ProcessHandle.current().pid();
    try (ResultStore first = ResultStore.open(dir)) {
      assertThatThrownBy(() -> ResultStore.open(dir))
          .isInstanceOf(OutputFolderInUseException.class)
          .hasMessageStartingWith("output folder " + dir + " is in use by another igkit run (pid "
              + pid + ", this process)");
      // the refused attempt must not have dropped the first store's OS lock
      first.append(Groups.group(0));
      assertThat(Files.readString(dir.resolve(".lock")).strip()).isEqualTo(Long.toString(pid));
    }
    try (ResultStore again = ResultStore.open(dir)) {
      assertThat(again.completed()).containsExactly(Groups.key(0));
    }
  }

  @Test
  void anotherProcessHoldingTheFolderIsNamedAndItsDeathFreesTheFolder() throws Exception {
    Path dir = tmp.resolve("out");
    ChildJvm child = ChildJvm.start("lock", dir.toString());
    try {
      assertThat(child.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> ResultStore.open(dir))
          .isInstanceOf(OutputFolderInUseException.class)
          .hasMessageStartingWith("output folder " + dir + " is in use by another igkit run (pid "
              + child.process.pid() + ")");
    } finally {
      child.kill();
    }
    // the killed child's .lock file is still there, but its OS lock died with it
    assertThat(dir.resolve(".lock")).exists();
    try (ResultStore store = ResultStore.open(dir)) {
      assertThat(store.completed()).isEmpty();
    }
  }

  @Test
  void aRefusedSameJvmAttemptKeepsTheOsLockForOtherProcesses() throws Exception {
    Path dir = tmp.resolve("out");
    try (ResultStore first = ResultStore.open(dir)) {
      assertThatThrownBy(() -> ResultStore.open(dir))
          .isInstanceOf(OutputFolderInUseException.class);
      ChildJvm child = ChildJvm.start("lock", dir.toString());
      try {
        assertThat(child.readLine()).startsWith("refused: output folder " + dir
            + " is in use by another igkit run (pid " + ProcessHandle.current().pid() + ")");
        assertThat(child.process.waitFor()).isEqualTo(3);
      } finally {
        child.kill();
      }
      first.append(Groups.group(0));
    }
  }

  @Test
  void aFolderThatCannotBeCreatedIsNamedWithItsCause() throws Exception {
    Path file = Files.writeString(tmp.resolve("results"), "a file, not a folder\n");
    assertThatThrownBy(() -> OutputFolderLock.acquire(file))
        .hasMessage("cannot create output folder " + file + ": " + file
            + " exists and is not a folder");
    Path below = file.resolve("run");
    assertThatThrownBy(() -> OutputFolderLock.acquire(below))
        .hasMessage("cannot create output folder " + below + ": " + below + ": Not a directory");
  }
}
