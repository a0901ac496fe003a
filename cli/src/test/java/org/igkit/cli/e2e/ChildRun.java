package org.igkit.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code igkit run FILE --output DIR} as a child JVM through the launcher's main class, with the
 * launcher's settings (offline DJL, one PyTorch thread) and this JVM's other {@code ai.djl.*}
 * properties, its output going to two files: what kill-and-resume tests start and SIGKILL.
 */
public final class ChildRun {

  private ChildRun() {}

  /** Starts the child; {@code jvmOptions} come before the class path. */
  public static Process start(Path yaml, Path dir, Path stdout, Path stderr, List<String> jvmOptions)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"));
    command.addAll(jvmOptions);
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ai.djl.") && !key.startsWith("ai.djl.pytorch.num_") && !key.equals("ai.djl.offline")) {
        command.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "org.igkit.cli.Main", "run", yaml.toString(), "--output", dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    pb.environment().put("DJL_OFFLINE", "true");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  /** Returns the child's stdout and stderr, for assertion messages. */
  public static String output(Path stdout, Path stderr) {
    try {
      return "child stdout:\n" + Files.readString(stdout, StandardCharsets.UTF_8)
          + "\nchild stderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(child output unreadable: " + e + ")";
    }
  }
}
