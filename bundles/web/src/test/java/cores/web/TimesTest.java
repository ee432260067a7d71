package cores.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {
  /**
   * A whole-day booking ends at the midnight after its last day: it reads as that last day, as the
   * booking form names it, not as the next day at 00:00; any other end as its time.
   */
  @Test
  void aBookingEndingAtMidnightReadsAsItsLastDay() {
    Times zurich = new Times(ZoneId.of("Europe/Zurich"), Instant.parse("2026-12-07T09:00:00Z"));
    assertEquals("Wed 9 Dec 2026 (end of day)", zurich.end(Instant.parse("2026-12-09T23:00:00Z")));
    assertEquals("Thu 10 Dec 2026, 12:30", zurich.end(Instant.parse("2026-12-10T11:30:00Z")));
    assertEquals("open-ended", zurich.end(null));
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);

  /** Zones with summer time both ways, half and quarter hours, a skipped day, fixed offsets. */
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Europe/Dublin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("America/St_Johns"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Asia/Kathmandu"),
          ZoneId.of("Pacific/Apia"),
          ZoneId.of("Pacific/Chatham"),
          ZoneId.of("Africa/Casablanca"),
          ZoneId.of("America/Sao_Paulo"),
          ZoneOffset.ofHoursMinutes(-9, -30),
          ZoneOffset.ofHours(14),
          ZoneId.of("GMT+5"));

  private static final long[] AROUND = {
    -86_401, -3_601, -3_600, -1_801, -61, -60, -59, -1, 0, 1, 59, 60, 61, 1_800, 3_599, 3_600,
    86_400
  };

  /** Around every change of offset (the zones' history and up to 2060), and many others. */
  private static List<Instant> instants(ZoneId zone) {
    List<Instant> instants = new ArrayList<>();
    ZoneRules rules = zone.getRules();
    List<Instant> changes = new ArrayList<>();
    rules.getTransitions().forEach(t -> changes.add(t.getInstant()));
    Instant end = Instant.parse("2060-01-01T00:00:00Z");
    for (ZoneOffsetTransition t = rules.nextTransition(Instant.parse("1990-01-01T00:00:00Z"));
        t != null && t.getInstant().isBefore(end);
        t = rules.nextTransition(t.getInstant())) {
      changes.add(t.getInstant());
    }
    for (Instant change : changes) {
      for (long seconds : AROUND) {
        instants.add(change.plusSeconds(seconds));
      }
    }
    Random random = new Random(16);
    long first = Instant.parse("0001-01-02T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-30T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      instants.add(
          Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)), i * 7919L));
    }
    for (String edge :
        List.of(
            "0001-01-01T00:00:00Z",
            "0001-01-01T23:59:59Z",
            "0000-12-31T12:00:00Z",
            "-0005-06-01T00:00:00Z",
            "0009-03-04T05:06:07Z",
            "0099-12-31T23:59:59Z",
            "0999-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z",
            "2000-02-29T12:00:00Z",
            "9999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "+123456-07-08T09:10:11Z")) {
      instants.add(Instant.parse(edge));
    }
    return instants;
  }

  /** A booking ended a moment ago ended "just now", not "0 minutes ago". */
  @Test
  void agoSaysJustNowUnderAMinuteAndTheSpanAfter() {
    Instant now = Instant.parse("2026-12-07T09:00:00Z");
    Times times = new Times(ZoneOffset.UTC, now);
    assertEquals("just now", times.ago(now));
    assertEquals("just now", times.ago(now.minusSeconds(59)));
    assertEquals("1 minute ago", times.ago(now.minusSeconds(60)));
    assertEquals("5 hours ago", times.ago(now.minus(Duration.ofHours(5))));
    assertEquals("3 days ago", times.ago(now.minus(Duration.ofDays(3))));
    assertEquals("less than a minute", times.until(now.plusSeconds(30)));
    assertEquals("12 minutes", times.until(now.plusSeconds(12 * 60 + 5)));
  }

  @Test
  void dateTimeAndDateAreThePatternsTextInEveryZoneAcrossItsChangesOfOffset() {
    int compared = 0;
    for (ZoneId zone : ZONES) {
      Times times = new Times(zone, Instant.EPOCH);
      for (Instant instant : instants(zone)) {
        String at = zone + " " + instant;
        assertEquals(DATE_TIME.format(instant.atZone(zone)), times.dateTime(instant), at);
        assertEquals(DATE.format(instant.atZone(zone)), times.date(instant), at);
        compared++;
      }
    }
    assertTrue(compared > ZONES.size() * 20_000, compared + " compared");
    Times times = new Times(ZoneOffset.UTC, Instant.EPOCH);
    assertEquals("", times.dateTime(null));
    assertEquals("", times.date(null));
    assertEquals("Wed 2 Dec 2026, 14:00", times.dateTime(Instant.parse("2026-12-02T14:00:00Z")));
  }

  @Test
  void shortDateAndWeekdayAreThePatternsTextForEveryDay() {
    Times times = new Times(ZoneOffset.UTC, Instant.EPOCH);
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2023, 1, 1); d.getYear() < 2029; d = d.plusDays(1)) {
      dates.add(d);
    }
    dates.addAll(
        List.of(LocalDate.of(1, 1, 1), LocalDate.of(-3, 2, 3), LocalDate.of(12_345, 12, 31)));
    for (LocalDate date : dates) {
      assertEquals(SHORT.format(date), times.shortDate(date), date.toString());
      assertEquals(DAY.format(date), times.weekday(date), date.toString());
    }
  }

  /**
   * A time of a page costs its text and a date, not a formatter's zoned date-time, print context
   * and builders (559 bytes a time through the patterns, 168 written by hand).
   */
  @Test
  void aTimeAllocatesLittleMoreThanItsText() {
    Times times = new Times(ZoneId.of("Europe/Berlin"), Instant.EPOCH);
    Instant[] instants = new Instant[100];
    for (int i = 0; i < instants.length; i++) {
      instants[i] = Instant.parse("2026-12-06T10:15:00Z").plus(Duration.ofMinutes(97L * i));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    int length = 0;
    for (int round = 0; round < 200; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (Instant instant : instants) {
        length += times.dateTime(instant).length();
      }
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    long perTime = least / instants.length;
    assertTrue(length > 0);
    assertTrue(perTime < 250, perTime + " bytes allocated a time");
  }
}
