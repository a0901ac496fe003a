package org.igkit.runner.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV dialect of igkit's result files: RFC 4180 fields, lines ended by {@code \n} (LF, as
 * pandas and Python's {@code csv} module write by default; {@code \r\n} is accepted on reading),
 * UTF-8.
 *
 * <p>A field is quoted when it contains a comma, a double quote, CR or LF, or starts or ends
 * with a space or tab; inside quotes a double quote is doubled ({@code a"b} → {@code "a""b"}).
 * Every other field is written as is, so ordinary ids and numbers stay readable.
 */
public final class Csv {

  private Csv() {}

  /**
   * One record read from CSV text.
   *
   * @param line   1-based line of the text on which the record starts
   * @param fields the record's fields, unquoted
   */
  public record Record(long line, List<String> fields) {

    /** Copies the fields. */
    public Record {
      fields = List.copyOf(fields);
    }

    /** Returns field {@code i}. */
    public String get(int i) {
      return fields.get(i);
    }

    /** Returns the number of fields. */
    public int size() {
      return fields.size();
    }
  }

  /** Returns one record: the fields, escaped, joined by commas, ended by {@code \n}. */
  public static String line(String... fields) {
    StringBuilder out = new StringBuilder();
    appendLine(out, fields);
    return out.toString();
  }

  /** Appends one record: the fields, escaped, joined by commas, ended by {@code \n}. */
  public static void appendLine(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendField(out, fields[i]);
    }
    out.append('\n');
  }

  /** Appends one field, quoted when RFC 4180 requires it (or when it has outer blanks). */
  public static void appendField(StringBuilder out, String field) {
    if (!needsQuotes(field)) {
      out.append(field);
      return;
    }
    out.append('"');
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean needsQuotes(String field) {
    if (field.isEmpty()) {
      return false;
    }
    char first = field.charAt(0);
    char last = field.charAt(field.length() - 1);
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
      return true;
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses CSV text into records. A last record without a line end is accepted.
   *
   * @param source names the text in error messages, e.g. the file name
   * @throws IllegalArgumentException naming the source and line of a malformed quoted field
   */
  public static List<Record> parse(String source, CharSequence text) {
    List<Record> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    long line = 1;
    long recordLine = 1;
    int i = 0;
    int n = text.length();
    boolean inRecord = false;
    while (i < n) {
      char c = text.charAt(i);
      inRecord = true;
      if (c == '"' && field.length() == 0) {
        long quoteLine = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(
                source + ":" + quoteLine + ": quoted field is not closed before the end of the file");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') {
            line++;
          }
          field.append(q);
          i++;
        }
        if (i < n && !isEnd(text, i)) {
          throw new IllegalArgumentException(source + ":" + line
              + ": unexpected character '" + text.charAt(i) + "' after a closing quote");
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\n' || (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n')) {
        fields.add(field.toString());
        field.setLength(0);
        records.add(new Record(recordLine, fields));
        fields = new ArrayList<>();
        i += c == '\r' ? 2 : 1;
        line++;
        recordLine = line;
        inRecord = false;
      } else {
        field.append(c);
        i++;
      }
    }
    if (inRecord) {
      fields.add(field.toString());
      records.add(new Record(recordLine, fields));
    }
    return records;
  }

  /**
   * Returns the number of leading bytes of UTF-8 CSV that form complete records: the index just
   * after the last line feed that is outside quotes, or 0. A record cut short by a crash (no line
   * end yet, or an open quote) is not counted.
   */
  public static int completeLength(byte[] bytes, int length) {
    int[] ends = recordEnds(bytes, length);
    return ends.length == 0 ? 0 : ends[ends.length - 1];
  }

  /**
   * Returns, for each complete record of UTF-8 CSV, the index just after its line feed; entry
   * {@code r} matches record {@code r} of {@link #parse}.
   */
  public static int[] recordEnds(byte[] bytes, int length) {
    int[] ends = new int[16];
    int count = 0;
    boolean quoted = false;
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        if (count == ends.length) {
          ends = Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = i + 1;
      }
    }
    return Arrays.copyOf(ends, count);
  }

  private static boolean isEnd(CharSequence text, int i) {
    char c = text.charAt(i);
    return c == ',' || c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
  }
}
