package org.igkit.runner.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@value #FILE_NAME}: pretty JSON with two-space indents and {@code \n} line ends on every
 * platform, record fields in declaration order and map keys sorted, so equal provenance gives equal
 * bytes. Written atomically.
 */
public final class ProvenanceWriter {

  /** File name inside the output folder. */
  public static final String FILE_NAME = "provenance.json";

  private ProvenanceWriter() {}

  /** Writes {@code provenance} to {@code file}, atomically. */
  public static void write(Path file, Provenance provenance) throws IOException {
    AtomicFiles.write(file, toJson(provenance).getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the JSON text, ending with a line feed. */
  public static String toJson(Provenance provenance) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter);
    printer.indentArraysWith(indenter);
    try {
      return mapper().writer(printer).writeValueAsString(provenance) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("provenance cannot be written as JSON: "
          + e.getOriginalMessage() + " (is every config value a map, list, string, number or"
          + " boolean?)", e);
    }
  }

  /** Returns the JSON mapper that provenance files are written and read with. */
  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
