package cores.domain.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanParserTest {
  private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  private static Map<String, Object> body(Object timestamp) {
    Map<String, Object> body = new HashMap<>();
    body.put("agentident", "agent");
    body.put("results", List.of(Map.of("mac", "00:11:22:33:44:55", "ip", "10.0.0.1")));
    if (timestamp != null) {
      body.put("timestamp", timestamp);
    }
    return body;
  }

  private static ProblemException refused(Map<String, Object> body) {
    ProblemException e = assertThrows(ProblemException.class, () -> ScanParser.parse(body, NOW));
    assertEquals(400, e.status());
    return e;
  }

  @Test
  void timestampWithAZoneIsTakenAsGivenWithoutOneIsUtcAndMissingIsNow() {
    assertEquals(
        Instant.parse("2026-11-24T23:00:00Z"),
        ScanParser.parse(body("2026-11-25T00:00:00+01:00"), NOW).scanned());
    assertEquals(
        Instant.parse("2026-11-25T00:00:00Z"),
        ScanParser.parse(body("2026-11-25T00:00:00Z"), NOW).scanned());
    assertEquals(
        Instant.parse("2026-11-25T00:00:00.123456Z"),
        ScanParser.parse(body("2026-11-25 00:00:00.123456"), NOW).scanned());
    // as stored: PostgreSQL keeps microseconds
    assertEquals(
        Instant.parse("2026-11-25T00:00:00.123456Z"),
        ScanParser.parse(body("2026-11-25T00:00:00.123456789Z"), NOW).scanned());
    assertEquals(NOW, ScanParser.parse(body(null), NOW).scanned());
    assertTrue(refused(body("yesterday")).errors().containsKey("timestamp"));
  }

  @Test
  void timestampOutsideTheToleranceOfTheServersClockIsABadRequest() {
    // relative to the clock the resources pass, whatever day the test runs; to the microsecond,
    // as timestamps are read
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant oldest = now.minus(ScanParser.MAX_AGE);
    Instant newest = now.plus(ScanParser.MAX_AHEAD);
    assertEquals(oldest, ScanParser.parse(body(oldest.toString()), now).scanned());
    assertEquals(newest, ScanParser.parse(body(newest.toString()), now).scanned());
    for (Instant outside :
        List.of(
            oldest.minusSeconds(1),
            newest.plusSeconds(1),
            now.plus(Duration.ofDays(365 * 100)),
            Instant.parse("0001-01-01T00:00:00Z"))) {
      List<String> problems = refused(body(outside.toString())).errors().get("timestamp");
      assertTrue(
          problems.get(0).startsWith("must lie between 24 hours before and 10 minutes after"),
          outside + ": " + problems);
    }
  }

  @Test
  void missingResultsOrAgentIsABadRequest() {
    Map<String, Object> noResults = body(null);
    noResults.remove("results");
    assertEquals(List.of("required"), refused(noResults).errors().get("results"));
    Map<String, Object> noAgent = body(null);
    noAgent.remove("agentident");
    assertEquals(List.of("required"), refused(noAgent).errors().get("agentident"));
    Map<String, Object> wrongType = body(null);
    wrongType.put("results", "all");
    assertEquals(List.of("must be a list"), refused(wrongType).errors().get("results"));
    Map<String, Object> unknown = body(null);
    unknown.put("bogus", 1);
    assertEquals(List.of("unknown field"), refused(unknown).errors().get("bogus"));
    refused(null);
  }

  @Test
  void moreThanFiftyThousandEntriesIsABadRequestNamingTheLimit() {
    Map<String, Object> body = body(null);
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i <= ScanParser.MAX_ENTRIES; i++) {
      entries.add(Map.of("nic", i, "ip", "10.0.0.1"));
    }
    body.put("results", entries);
    String message = refused(body).errors().get("results").get(0);
    assertTrue(message.startsWith("at most 50000 entries per scan"), message);
    entries.remove(0);
    assertEquals(50_000, ScanParser.parse(body, NOW).entries().size());
  }

  @Test
  void aNicIdMayComeAsDigitsAndEveryEntryKeepsWhatWasSent() {
    Map<String, Object> body = body(null);
    body.put(
        "results",
        List.of(
            Map.of("nic", "42", "ip", "10.0.0.1"),
            Map.of("nic", "forty-two", "ip", "10.0.0.2"),
            Map.of("mac", "00:11", "ip", "10.0.0.3")));
    List<Scan.Entry> entries = ScanParser.parse(body, NOW).entries();
    assertEquals(new Scan.Entry(0, null, 42L, "10.0.0.1", null, "42"), entries.get(0));
    assertEquals("bad nic: not an id", entries.get(1).problem());
    assertEquals("forty-two", entries.get(1).given());
    assertEquals("00:11", entries.get(2).given());
  }

  @Test
  void anIpv4AddressWrittenAsIpv6IsTakenAsIpv4SoItsLabIsFound() {
    Map<String, Object> body = body(null);
    body.put(
        "results",
        List.of(
            Map.of("nic", 1, "ip", "::ffff:10.1.0.6"),
            Map.of("nic", 2, "ip", "0:0:0:0:0:FFFF:10.1.0.7"),
            Map.of("nic", 3, "ip", "2001:db8::1")));
    List<Scan.Entry> entries = ScanParser.parse(body, NOW).entries();
    assertEquals("10.1.0.6", entries.get(0).ip());
    assertEquals("10.1.0.7", entries.get(1).ip());
    assertEquals("2001:db8::1", entries.get(2).ip());
  }

  @Test
  void aBroadcastOrMulticastMacIsABadEntryNotADevice() {
    Map<String, Object> body = body(null);
    body.put(
        "results",
        List.of(
            Map.of("mac", "ff:ff:ff:ff:ff:ff", "ip", "10.1.0.1"),
            Map.of("mac", "0100.5e00.0001", "ip", "10.1.0.2"),
            Map.of("mac", "02:00:00:00:00:01", "ip", "10.1.0.3")));
    List<Scan.Entry> entries = ScanParser.parse(body, NOW).entries();
    assertEquals(
        "bad mac: a broadcast or multicast address, no device's", entries.get(0).problem());
    assertEquals(
        "bad mac: a broadcast or multicast address, no device's", entries.get(1).problem());
    assertEquals("02:00:00:00:00:01", entries.get(2).mac(), "locally administered: a VM's");
  }

  /**
   * An agent's name is shown in the scan sessions' list as hostnames are: one line, all visible.
   */
  @Test
  void anAgentsNameIsOneVisibleLine() {
    for (String agent : List.of("\u202Enimda", "scan\u200Bner", "scan\nner", "scan\tner")) {
      Map<String, Object> body = body(null);
      body.put("agentident", agent);
      List<String> problems = refused(body).errors().get("agentident");
      assertEquals(1, problems.size(), agent);
      assertTrue(problems.get(0).startsWith("must not contain"), problems.get(0));
    }
  }

  @Test
  void theStoredDataIsTheBodyAsJson() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("nic", 7);
    entry.put("ip", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agentident", "a\"b\\");
    body.put("results", List.of(entry, true, 1.5));
    assertEquals(
        "{\"agentident\":\"a\\\"b\\\\\",\"results\":[{\"nic\":7,\"ip\":null},true,1.5]}",
        ScanParser.parse(body, NOW).data());
  }
}
