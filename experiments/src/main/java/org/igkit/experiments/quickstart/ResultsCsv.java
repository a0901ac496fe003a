package org.igkit.experiments.quickstart;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code results.csv} (columns {@code sample,method,metric,value}) and {@code curves.csv}
 * (columns {@code sample,method,metric,x,y}, one row per curve point), flushing after every
 * (sample, method) so that a killed run keeps what it computed.
 */
public final class ResultsCsv implements AutoCloseable {

  private final BufferedWriter results;
  private final BufferedWriter curves;

  /** Creates (replacing) both files in {@code dir}. */
  public ResultsCsv(Path dir) {
    try {
      Files.createDirectories(dir);
      results = Files.newBufferedWriter(dir.resolve("results.csv"), StandardCharsets.UTF_8);
      curves = Files.newBufferedWriter(dir.resolve("curves.csv"), StandardCharsets.UTF_8);
      results.write("sample,method,metric,value\n");
      curves.write("sample,method,metric,x,y\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** Adds one value and its curve (which may be empty). */
  public void add(String sample, String method, String metric, double value, double[] x, double[] y) {
    try {
      results.write(sample + "," + quote(method) + "," + metric + "," + number(value) + "\n");
      for (int i = 0; i < x.length; i++) {
        curves.write(sample + "," + quote(method) + "," + metric + "," + number(x[i]) + "," + number(y[i]) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes both files. */
  public void flush() {
    try {
      results.flush();
      curves.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      results.close();
      curves.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Formats a number as the shortest decimal that reads back to the same double. */
  static String number(double v) {
    return Double.toString(v);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
