package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.igkit.api.engine.Attribution;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A symbolic link planted in an output folder (a received run folder) is never written through:
 * igkit refuses it with an error naming it, and the file it points to keeps its bytes.
 */
class NoLinksTest {

  private static final String PRECIOUS = "export PATH=/usr/bin\n";

  @TempDir Path tmp;
  private Path out;
  private Path victim;

  @BeforeEach
  void setUp() throws IOException {
    out = Files.createDirectories(tmp.resolve("run"));
    victim = Files.writeString(tmp.resolve("bashrc"), PRECIOUS);
  }

  private void assertRefused(ThrowingAction action, Path link) {
    assertThatThrownBy(action::run).isInstanceOf(IOException.class)
        .hasMessage(link + " is a symbolic link; igkit does not write through links");
    assertVictimUntouched();
  }

  private void assertVictimUntouched() {
    try {
      assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** An action that may throw. */
  interface ThrowingAction {
    void run() throws Exception;
  }

  @ParameterizedTest
  @ValueSource(strings = {OutputFolderLock.FILE_NAME, ResultsCsv.RESULTS_FILE,
      ResultsCsv.CURVES_FILE, ResultsCsv.JOURNAL_FILE})
  void aStoreFileThatIsALinkIsRefusedInANewFolder(String name) throws IOException {
    Path link = Files.createSymbolicLink(out.resolve(name), victim);
    assertRefused(() -> ResultStore.open(out).close(), lockKey(out).resolve(name));
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {ResultsCsv.RESULTS_FILE, ResultsCsv.CURVES_FILE, ResultsCsv.JOURNAL_FILE})
  void aStoreFileReplacedByALinkIsRefusedOnResume(String name) throws IOException {
    Groups.write(out, 2, 3);
    Files.writeString(victim, Files.readString(out.resolve(name)) + "tail,of,a,torn,group");
    String before = Files.readString(victim);
    Files.delete(out.resolve(name));
    Files.createSymbolicLink(out.resolve(name), victim);
    assertThatThrownBy(() -> ResultStore.open(out).close())
        .hasMessage(out.resolve(name) + " is a symbolic link; igkit does not write through links");
    assertThat(Files.readString(victim)).as("not truncated or appended to").isEqualTo(before);
  }

  @Test
  void aReplacedFileThatIsALinkIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(out.resolve("summary.md"), victim);
    assertRefused(() -> AtomicFiles.write(link, "# Summary\n".getBytes(StandardCharsets.UTF_8)),
        link);
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void aTemporaryFileNameThatIsALinkIsRefused() throws IOException {
    Path target = out.resolve("summary.md");
    Path tmpName = out.resolve(".summary.md.1-1.tmp");
    Files.createSymbolicLink(tmpName, victim);
    assertRefused(() -> AtomicFiles.write(target, tmpName, "x".getBytes(StandardCharsets.UTF_8)),
        tmpName);
    assertThat(target).doesNotExist();
    assertThat(Files.isSymbolicLink(tmpName)).as("left for the user to look at").isTrue();
  }

  @Test
  void aSubfolderThatIsALinkIsRefused() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("home"));
    Path link = Files.createSymbolicLink(out.resolve(AttributionFiles.FOLDER), elsewhere);
    Attribution a = new Attribution(Shape.of(1, 1, 2), new float[] {1, 2}, 1, 1.0,
        List.of("black"), new double[] {0.5}, new double[] {1.0}, null, 0, 2, 2, Map.of());
    assertRefused(() -> AttributionFiles.write(out, "s.png", "IG", a), link);
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theOutputFolderItselfMayBeALink() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("linked-run"), real);
    Groups.write(link, 1, 2);
    assertThat(real.resolve(ResultsCsv.RESULTS_FILE)).exists();
  }

  private static Path lockKey(Path dir) throws IOException {
    return dir.toRealPath();
  }
}
