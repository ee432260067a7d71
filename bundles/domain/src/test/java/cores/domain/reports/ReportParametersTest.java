package cores.domain.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The reports' parameter rules, alike for query strings (the API) and typed values (the pages). */
class ReportParametersTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private static Map<String, List<String>> errors(Executable call) {
    ProblemException e = assertThrows(ProblemException.class, call);
    assertEquals(400, e.status());
    return e.errors();
  }

  @Test
  void theUsagePeriodIsTheLast90DaysUnlessAskedOtherwise() {
    assertEquals(
        new ReportParameters.Period(NOW.minus(Duration.ofDays(90)), NOW),
        ReportParameters.usage((Integer) null, null, null, NOW, ZONE));
    assertEquals(
        new ReportParameters.Period(NOW.minus(Duration.ofDays(7)), NOW),
        ReportParameters.usage("7", null, null, NOW, ZONE));
  }

  @Test
  void fromAndToAreWholeDaysInTheZoneBothIncluded() {
    ReportParameters.Period period =
        ReportParameters.usage(
            null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2), NOW, ZONE);
    assertEquals(Instant.parse("2026-10-31T23:00:00Z"), period.from());
    assertEquals(Instant.parse("2026-11-02T23:00:00Z"), period.to());
    assertEquals(period, ReportParameters.usage(null, "2026-11-01", "2026-11-02", NOW, ZONE));
  }

  @Test
  void aBadPeriodIsAFieldErrorAtTheFieldAtFault() {
    assertEquals(
        Map.of("days", List.of("must be a whole number from 1 to 3660")),
        errors(() -> ReportParameters.usage(0, null, null, NOW, ZONE)));
    assertEquals(
        Map.of("days", List.of("must be a whole number from 1 to 3660")),
        errors(() -> ReportParameters.usage("ninety", null, null, NOW, ZONE)));
    assertEquals(
        Map.of("to", List.of("required with from")),
        errors(() -> ReportParameters.usage(null, LocalDate.of(2026, 1, 1), null, NOW, ZONE)));
    assertEquals(
        Map.of("days", List.of("give either days or from and to")),
        errors(
            () ->
                ReportParameters.usage(
                    7, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2), NOW, ZONE)));
    assertEquals(
        Map.of("to", List.of("must not be before from")),
        errors(
            () ->
                ReportParameters.usage(
                    null, LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1), NOW, ZONE)));
    assertEquals(
        Map.of("to", List.of("a period is at most 3660 days")),
        errors(
            () ->
                ReportParameters.usage(
                    null, LocalDate.of(2010, 1, 1), LocalDate.of(2026, 1, 1), NOW, ZONE)));
    assertEquals(
        Map.of("from", List.of("must be a date (yyyy-mm-dd) in the years 1 to 9999")),
        errors(() -> ReportParameters.usage(null, "1/2/2026", "2026-01-03", NOW, ZONE)));
    // a year PostgreSQL cannot store is a field error, not a failed statement
    assertEquals(
        Map.of("to", List.of("must be a date (yyyy-mm-dd) in the years 1 to 9999")),
        errors(() -> ReportParameters.usage(null, "2026-01-01", "+300000-01-03", NOW, ZONE)));
  }

  @Test
  void longReservationsAreThoseOpen180DaysUnlessAskedOtherwise() {
    assertEquals(180, ReportParameters.reservationDays((Integer) null));
    assertEquals(180, ReportParameters.reservationDays((String) null));
    assertEquals(0, ReportParameters.reservationDays("0"));
    assertEquals(
        Map.of("days", List.of("must be a whole number from 0 to 36500")),
        errors(() -> ReportParameters.reservationDays(-1)));
    assertEquals(
        Map.of("days", List.of("must be a whole number from 0 to 36500")),
        errors(() -> ReportParameters.reservationDays("six months")));
  }
}
