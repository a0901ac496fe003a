package org.igkit.runner.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the results in a run folder depend on, stored as {@value #FILE_NAME} before the folder's
 * first result: the configuration that determines the numbers, the SHA-256 of the model file, the
 * data set's fingerprint, and igkit's version and the commit it was built from. A run resumes a
 * folder only when its own fingerprint equals the stored one; {@link #differences} lists what
 * changed otherwise.
 *
 * @param config          the resolved configuration without what leaves the numbers unchanged
 *                        (chosen by the runner)
 * @param modelSha256     SHA-256 of the model file or folder ({@link Hashing#sha256(Path)})
 * @param dataFingerprint the data set's fingerprint (its spec and content)
 * @param igkitVersion    igkit's version ({@link BuildInfo})
 * @param igkitCommit     the commit igkit was built from ({@link BuildInfo})
 */
@JsonPropertyOrder({"config", "modelSha256", "dataFingerprint", "igkitVersion", "igkitCommit"})
public record RunFingerprint(Map<String, Object> config, String modelSha256, String dataFingerprint,
    String igkitVersion, String igkitCommit) {

  /** File name inside the run folder. */
  public static final String FILE_NAME = "fingerprint.json";

  /** Copies the configuration. */
  public RunFingerprint {
    config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** Returns whether {@code dir} holds a fingerprint. */
  public static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE_NAME));
  }

  /** Writes this fingerprint into {@code dir}, atomically. */
  public void writeTo(Path dir) throws IOException {
    AtomicFiles.write(dir.resolve(FILE_NAME), (ProvenanceWriter.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns how the fingerprint stored in {@code dir} differs from this one, one line each
   * ({@code config methods[0].stepRule.steps: 16 → 32}, {@code model file (SHA-256): … → …}):
   * the stored value first. Empty when they are equal.
   *
   * @throws IOException when the stored fingerprint cannot be read (the message names the file)
   */
  public List<String> differences(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    ObjectMapper mapper = ProvenanceWriter.mapper();
    JsonNode stored;
    try {
      stored = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": cannot be read as JSON (" + e.getMessage() + ")", e);
    }
    JsonNode current = mapper.readTree(mapper.writeValueAsString(this));
    Map<String, String> was = new LinkedHashMap<>();
    Map<String, String> now = new LinkedHashMap<>();
    flatten("", stored, was);
    flatten("", current, now);
    TreeSet<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      String a = was.getOrDefault(key, "(absent)");
      String b = now.getOrDefault(key, "(absent)");
      if (!a.equals(b)) {
        out.add(label(key) + ": " + shorten(a) + " → " + shorten(b));
      }
    }
    return out;
  }

  private static String label(String key) {
    return switch (key) {
      case "modelSha256" -> "model file (SHA-256)";
      case "dataFingerprint" -> "data (fingerprint)";
      case "igkitVersion" -> "igkit version";
      case "igkitCommit" -> "igkit commit";
      default -> key.startsWith("config.") ? "config " + key.substring("config.".length()) : key;
    };
  }

  private static String shorten(String value) {
    return value.matches("[0-9a-f]{40,}") ? value.substring(0, 16) + "…" : value;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.put(path, "{}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.put(path, "[]");
      }
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(path, node.isNull() ? "null" : node.asText());
    }
  }
}
