package org.igkit.runner.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StoreChild} in a separate JVM with this JVM's class path. */
final class ChildJvm {

  final Process process;
  final BufferedReader out;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  /** Reads the child's next output line, or null at its end. */
  String readLine() throws IOException {
    return out.readLine();
  }

  /** Kills the child like {@code kill -9} and waits for it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
