package cores.domain.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void aHeaderLineThenOneLinePerRowEachEndingInCrLf() {
    Map<String, Object> empty = new HashMap<>();
    empty.put("a", null);
    Report.Table table =
        new Report.Table(
            "t",
            List.of("a", "b"),
            List.of(
                Map.of("a", "x", "b", 1L), empty, Map.of("a", "y", "b", new BigDecimal("0.5000"))));
    assertEquals("a,b\r\nx,1\r\n,\r\ny,0.5000\r\n", Csv.of(table));
    assertEquals("a,b\r\n", Csv.of(new Report.Table("t", List.of("a", "b"), List.of())));
  }

  @Test
  void fieldsWithACommaAQuoteOrALineBreakAreQuotedWithQuotesDoubled() {
    assertEquals("\"a,b\"", Csv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    assertEquals("\"cr\rlf\"", Csv.cell("cr\rlf"));
    assertEquals("plain text", Csv.cell("plain text"));
    assertEquals("", Csv.cell(null));
    assertEquals("2026-11-25T12:00:00Z", Csv.cell(Instant.parse("2026-11-25T12:00:00Z")));
  }

  @Test
  void textASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
    assertEquals("'=1+1", Csv.cell("=1+1"));
    assertEquals("'+41 22", Csv.cell("+41 22"));
    assertEquals("'-2", Csv.cell("-2"));
    assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
    assertEquals("'\tx", Csv.cell("\tx"));
    assertEquals(
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
    assertEquals("a=b", Csv.cell("a=b"));
  }

  @Test
  void numbersAreWrittenAsNumbersEvenWhenNegative() {
    assertEquals("-3", Csv.cell(-3L));
    assertEquals("0.1222", Csv.cell(new BigDecimal("0.1222")));
    assertEquals("100", Csv.cell(new BigDecimal("1E+2")));
  }
}
