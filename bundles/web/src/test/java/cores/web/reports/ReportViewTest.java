package cores.web.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cores.api.reports.Report;
import cores.web.Form;
import cores.web.Times;
import cores.web.reports.Column.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportViewTest {
  private final ReportView view =
      new ReportView(
          null,
          List.of(),
          Form.of(Map.of()),
          new Times(ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-25T12:00:00Z")));

  private String cell(Object value, Kind kind) {
    Map<String, Object> row = new HashMap<>();
    row.put("v", value);
    return view.cell(row, Column.of("v", "V", kind));
  }

  @Test
  void valuesAreShownAsPeopleReadThem() {
    assertEquals("12.3 %", cell(new BigDecimal("0.1234"), Kind.SHARE));
    assertEquals("0.0 %", cell(new BigDecimal("0.0000"), Kind.SHARE));
    assertEquals("Wed 25 Nov 2026, 13:00", cell(Instant.parse("2026-11-25T12:00:00Z"), Kind.TIME));
    assertEquals("3 d 4 h", cell(3L * 86_400 + 4 * 3600 + 59, Kind.DURATION));
    assertEquals("5 h 12 min", cell(5L * 3600 + 12 * 60, Kind.DURATION));
    assertEquals("40 min", cell(2400L, Kind.DURATION));
    assertEquals("", cell(null, Kind.TEXT));
    assertEquals("7", cell(7L, Kind.NUMBER));
    // a host's status as the admin names it; the CSV keeps the stored value
    assertEquals("on loan", cell("on_loan", Kind.CHOICE));
  }

  /** The usage report's period length has two decimals in the API; the page drops idle zeros. */
  @Test
  void aPeriodOfWholeDaysReadsWithoutDecimals() {
    ReportView usage =
        new ReportView(
            new Report(
                "usage",
                Map.of("days", new BigDecimal("90.00"), "half", new BigDecimal("2.50")),
                List.of()),
            List.of(),
            Form.of(Map.of()),
            view.times());
    assertEquals("90", usage.parameter("days"));
    assertEquals("2.5", usage.parameter("half"));
  }

  @Test
  void aHostsNameLinksToItsPageWhenItHasOne() {
    Column host = Column.host("hostname", "Host", "host");
    assertEquals("/hosts/4/", ReportView.link(Map.of("hostname", "a", "host", 4L), host));
    Map<String, Object> cardInNoHost = new HashMap<>();
    cardInNoHost.put("hostname", null);
    cardInNoHost.put("host", null);
    assertNull(ReportView.link(cardInNoHost, host));
    assertNull(ReportView.link(Map.of("hostname", "a"), Column.text("hostname", "Host")));
  }
}
