package org.igkit.runner.results;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of a working directory, for provenance. Asking never fails: without git, outside
 * a repository or after a time-out the commit is {@value #UNKNOWN} and the dirty flag is absent.
 *
 * @param commit the 40-hex commit of {@code HEAD}, or {@value #UNKNOWN}
 * @param dirty  whether tracked files differ from {@code HEAD}, or {@code null} when unknown
 */
public record GitInfo(String commit, Boolean dirty) {

  /** The commit when it cannot be found. */
  public static final String UNKNOWN = "unknown";

  private static final long TIMEOUT_SECONDS = 10;

  /** Returns the commit and dirty state of the repository that contains {@code dir}. */
  public static GitInfo of(Path dir) {
    String head = run(dir, "git", "rev-parse", "HEAD");
    if (head == null || !head.strip().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      return new GitInfo(UNKNOWN, null);
    }
    String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
    return new GitInfo(head.strip(), status == null ? null : !status.isBlank());
  }

  /** Returns the command's standard output, or {@code null} if it did not succeed in time. */
  private static String run(Path dir, String... command) {
    Process p = null;
    try {
      p = new ProcessBuilder(List.of(command)).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
          .start();
      Process proc = p;
      List<byte[]> out = new ArrayList<>(1);
      Thread reader = new Thread(() -> {
        try (InputStream in = proc.getInputStream()) {
          out.add(in.readAllBytes());
        } catch (Exception e) {
          // leave empty
        }
      }, "igkit-git-output");
      reader.setDaemon(true);
      reader.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return null;
      }
      reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      if (p.exitValue() != 0 || out.isEmpty()) {
        return null;
      }
      return new String(out.get(0), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static File nullFile() {
    return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
