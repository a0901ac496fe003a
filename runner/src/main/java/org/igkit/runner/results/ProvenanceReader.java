package org.igkit.runner.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code provenance.json} back, e.g. to re-run an experiment from it. Fields a newer igkit
 * added are ignored, so old and new files can be read.
 */
public final class ProvenanceReader {

  private ProvenanceReader() {}

  /**
   * Reads a provenance file.
   *
   * @throws IOException naming the file, line and column when it is missing or malformed
   */
  public static Provenance read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException(file + ": no such file; is this an igkit output folder?");
    }
    try {
      return ProvenanceWriter.mapper().readValue(file.toFile(), Provenance.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IOException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
          + ": not a valid provenance file: " + e.getOriginalMessage(), e);
    }
  }
}
