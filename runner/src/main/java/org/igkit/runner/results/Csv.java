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
 *
 * <p><b>Text cells are neutralised for spreadsheets</b> (OWASP CSV injection): a text cell (a
 * sample id, a cell or method name, a reason) that starts with {@code = + - @}, a tab or a
 * carriage return is written with a leading single quote and in double quotes
 * ({@code =cmd|' -C calc'!A0.png} → {@code "'=cmd|' -C calc'!A0.png"}), so a spreadsheet shows it
 * as text instead of evaluating it. So that this stays reversible, a text cell that is one or
 * more single quotes followed by such a character gets one more quote. Number cells are never
 * changed ({@code -0.25} stays {@code -0.25}): the writer says which cells are numbers
 * ({@link #record}), nothing is guessed from the content. {@link #text} turns a neutralised cell
 * read back into the original text.
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

    /** Returns field {@code i} as text: a neutralised cell as the original text ({@link Csv#text}). */
    public String text(int i) {
      return Csv.text(fields.get(i));
    }

    /** Returns the number of fields. */
    public int size() {
      return fields.size();
    }

    /** Writes one record cell by cell; each cell says whether it is text or a number. */
    public static final class Writer {
      private final StringBuilder out;
      private boolean first = true;

      private Writer(StringBuilder out) {
        this.out = out;
      }

      /** Adds a text cell (an id, a name, a reason): neutralised for spreadsheets, escaped. */
      public Writer text(String text) {
        separate();
        appendText(out, text);
        return this;
      }

      /** Adds a number cell (or a fixed word such as {@code true}), written as it is. */
      public Writer number(String number) {
        separate();
        appendField(out, number);
        return this;
      }

      /** Ends the record with {@code \n}. */
      public void end() {
        out.append('\n');
      }

      private void separate() {
        if (!first) {
          out.append(',');
        }
        first = false;
      }
    }
  }

  /**
   * Returns one record of text cells: each neutralised and escaped, joined by commas, ended by
   * {@code \n}.
   */
  public static String line(String... textCells) {
    StringBuilder out = new StringBuilder();
    appendLine(out, textCells);
    return out.toString();
  }

  /**
   * Appends one record of text cells: each neutralised and escaped, joined by commas, ended by
   * {@code \n}. A record with number cells is written with {@link #record}.
   */
  public static void appendLine(StringBuilder out, String... textCells) {
    Record.Writer w = record(out);
    for (String cell : textCells) {
      w.text(cell);
    }
    w.end();
  }

  /**
   * Starts a record appended to {@code out}: add its cells in order with {@link Record.Writer#text}
   * or {@link Record.Writer#number}, then {@link Record.Writer#end}.
   */
  public static Record.Writer record(StringBuilder out) {
    return new Record.Writer(out);
  }

  /** Appends one text cell: neutralised when a spreadsheet would evaluate it, then escaped. */
  public static void appendText(StringBuilder out, String text) {
    if (isFormulaLike(text)) {
      appendQuoted(out, "'" + text);
    } else {
      appendField(out, text);
    }
  }

  /**
   * Returns the text a text cell read back stands for: a neutralised cell loses the single quote
   * {@link #appendText} added; every other cell is returned as it is.
   */
  public static String text(String cell) {
    return cell.startsWith("'") && isFormulaLike(cell.substring(1)) ? cell.substring(1) : cell;
  }

  /**
   * Returns whether {@code text} starts with a character that makes spreadsheets evaluate a cell
   * ({@code = + - @}, tab, CR), after any single quotes.
   */
  private static boolean isFormulaLike(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == '\'') {
      i++;
    }
    if (i == text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /**
   * Appends one field as it is, quoted when RFC 4180 requires it (or when it has outer blanks);
   * for numbers and fixed words. Text cells go through {@link #appendText}.
   */
  public static void appendField(StringBuilder out, String field) {
    if (!needsQuotes(field)) {
      out.append(field);
      return;
    }
    appendQuoted(out, field);
  }

  private static void appendQuoted(StringBuilder out, String field) {
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
