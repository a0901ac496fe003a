package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting: written fields come back unchanged, plain fields stay unquoted. */
class CsvTest {

  private static final String[] AWKWARD = {
      "plain", "with,comma", "with \"quotes\"", "line\nbreak", "cr\r\nlf", " lead", "trail ",
      "", "ünïcødé ✓", "\"", ",", "WG[stepRule.steps=16]"};

  @Test
  void quotesOnlyWhatNeedsIt() {
    assertThat(Csv.line("a", "b c", "WG[stepRule.steps=16]", "0.25")).isEqualTo(
        "a,b c,WG[stepRule.steps=16],0.25\n");
    assertThat(Csv.line("a,b", "say \"hi\"", "x\ny", " pad")).isEqualTo(
        "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\" pad\"\n");
  }

  @Test
  void awkwardFieldsRoundTrip() {
    String text = Csv.line(AWKWARD) + Csv.line("second", "record");
    List<Csv.Record> records = Csv.parse("t.csv", text);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).fields()).containsExactly(AWKWARD);
    assertThat(records.get(1).fields()).containsExactly("second", "record");
    assertThat(records.get(1).line()).isEqualTo(4); // two line feeds inside quotes before it
  }

  @Test
  void readsCrLfAndAMissingFinalLineEnd() {
    List<Csv.Record> records = Csv.parse("t.csv", "a,b\r\nc,\"d\"\r\ne,f");
    assertThat(records).extracting(Csv.Record::fields)
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
  }

  @Test
  void malformedQuotesNameTheLine() {
    assertThatThrownBy(() -> Csv.parse("r.csv", "a,b\n\"open,c\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("r.csv:2: quoted field is not closed before the end of the file");
    assertThatThrownBy(() -> Csv.parse("r.csv", "a,\"b\"x\n"))
        .hasMessage("r.csv:1: unexpected character 'x' after a closing quote");
  }

  @Test
  void completeLengthIgnoresLineFeedsInsideQuotesAndTornRecords() {
    byte[] bytes = (Csv.line("a", "b\nc") + "d,\"e\nf").getBytes(StandardCharsets.UTF_8);
    int whole = Csv.line("a", "b\nc").getBytes(StandardCharsets.UTF_8).length;
    assertThat(Csv.completeLength(bytes, bytes.length)).isEqualTo(whole);
    assertThat(Csv.recordEnds(bytes, bytes.length)).containsExactly(whole);
    assertThat(Csv.completeLength(bytes, 3)).isZero();
  }

  @Test
  void textCellsThatASpreadsheetWouldEvaluateAreNeutralisedAndReadBack() {
    String[] formulas = {"=cmd|' -C calc'!A0.png", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
        "'=already quoted", "''+two", "'plain", "'", "a=b", "-"};
    String text = Csv.line(formulas);
    assertThat(text).isEqualTo("\"'=cmd|' -C calc'!A0.png\",\"'+1+1\",\"'-2+3\",\"'@SUM(A1)\","
        + "\"'\tx\",\"'\rx\",\"''=already quoted\",\"'''+two\",'plain,',a=b,\"'-\"\n");
    Csv.Record r = Csv.parse("t.csv", text).get(0);
    for (int i = 0; i < formulas.length; i++) {
      assertThat(r.text(i)).isEqualTo(formulas[i]);
      assertThat(r.get(i)).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
          .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
    }
  }

  @Test
  void numberCellsAreNeverNeutralised() {
    StringBuilder out = new StringBuilder();
    Csv.record(out).text("-img").number("-0.25").number("-Infinity").number("+1").end();
    assertThat(out).hasToString("\"'-img\",-0.25,-Infinity,+1\n");
  }
}
