package cores.domain.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private final Report.Table hosts = new Report.Table("hosts", List.of("a"), List.of());
  private final Report.Table cards = new Report.Table("cards", List.of("a"), List.of());
  private final Report report = new Report("assets", Map.of(), List.of(hosts, cards));

  @Test
  void theMainTableIsDownloadedByItsNameInTheJsonAnswerAsByItsOwn() {
    assertSame(hosts, report.csvTable(null));
    assertSame(hosts, report.csvTable("results"));
    assertSame(hosts, report.csvTable("hosts"));
    assertSame(cards, report.csvTable("cards"));
  }

  @Test
  void anUnknownTableNamesTheTablesAsTheAnswerDoes() {
    ProblemException e = assertThrows(ProblemException.class, () -> report.csvTable("nope"));
    assertEquals(Map.of("table", List.of("one of [results, cards]")), e.errors());
  }
}
