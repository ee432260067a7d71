package cores.domain.live;

import cores.api.web.Characters;
import cores.api.web.Dates;
import cores.api.web.FieldErrors;
import cores.domain.inventory.Addresses;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the original agent's payload {@code {"agentident", "timestamp", "results": [{"mac", "ip"} |
 * {"nic", "ip"}]}}. A request that is unusable as a whole (no agent, no results, a bad timestamp,
 * unknown fields, too many entries) is a 400; a bad entry only gets its problem recorded.
 */
public final class ScanParser {
  /** The most entries one scan may carry; larger scans are split by the agent. */
  public static final int MAX_ENTRIES = 50_000;

  /**
   * How far a scan's timestamp may lie before the server's clock: a scan kept back by an agent that
   * could not reach Cores for a while is still taken, an older one would set last-seen times far
   * behind what later scans set (and, unbounded, as far back as {@code -infinity}).
   */
  public static final Duration MAX_AGE = Duration.ofHours(24);

  /**
   * How far a scan's timestamp may lie after the server's clock: room for agents' clocks running a
   * little fast; a far-future one would pin last-seen times, which only move forward, for good.
   */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(10);

  private static final int MAX_AGENT = 100;
  private static final Set<String> FIELDS = Set.of("agentident", "timestamp", "results");
  private static final Set<String> ENTRY_FIELDS = Set.of("mac", "nic", "ip");

  /** An IPv4 address written as IPv6 ({@code ::ffff:10.1.0.6}): the IPv4 address in group 1. */
  private static final Pattern MAPPED =
      Pattern.compile("(?i)(?:::|(?:0{1,4}:){5})ffff:((?:[0-9]{1,3}\\.){3}[0-9]{1,3})");

  private ScanParser() {}

  /** The scan; a missing timestamp means {@code now}. */
  public static Scan parse(Map<String, Object> body, Instant now) {
    if (body == null) {
      throw FieldErrors.single("results", "required");
    }
    FieldErrors errors = new FieldErrors().onlyKnown(body, FIELDS);
    String agent = agent(body.get("agentident"), errors);
    Instant scanned = timestamp(body.get("timestamp"), now, errors);
    Object results = body.get("results");
    List<?> list = results instanceof List<?> given ? given : List.of();
    if (!(results instanceof List)) {
      errors.check("results", results == null ? "required" : "must be a list");
    } else if (list.size() > MAX_ENTRIES) {
      errors.check(
          "results",
          "at most "
              + MAX_ENTRIES
              + " entries per scan (got "
              + list.size()
              + "); send larger scans in parts");
    }
    errors.throwIfAny();
    List<Scan.Entry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(i, list.get(i)));
    }
    return new Scan(agent, scanned, entries, Json.write(body));
  }

  private static String agent(Object value, FieldErrors errors) {
    if (!(value instanceof String agent) || agent.isBlank()) {
      errors.check("agentident", value == null ? "required" : "must be a non-empty string");
      return null;
    }
    if (Characters.count(agent) > MAX_AGENT) {
      errors.check("agentident", "at most " + MAX_AGENT + " characters");
    } else if (agent.indexOf('\0') >= 0) {
      errors.check("agentident", "must not contain NUL characters");
    } else {
      // an identifier, shown in the scan sessions' list: one line, nothing invisible, as hostnames
      String invisible = Characters.invisible(agent);
      errors.check("agentident", invisible != null ? invisible : Characters.oneLine(agent));
    }
    return agent;
  }

  /**
   * ISO date-time; with a zone or offset as given, without one in UTC (the original's rule); within
   * {@link #MAX_AGE} before and {@link #MAX_AHEAD} after {@code now}.
   */
  static Instant timestamp(Object value, Instant now, FieldErrors errors) {
    if (value == null) {
      return now;
    }
    if (value instanceof String text) {
      try {
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                text.trim().replace(' ', 'T'), ZonedDateTime::from, LocalDateTime::from);
        // to the microsecond PostgreSQL keeps, so that the answer says what is stored
        Instant instant =
            (parsed instanceof ZonedDateTime zoned
                    ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC))
                .truncatedTo(ChronoUnit.MICROS);
        if (instant.isBefore(now.minus(MAX_AGE)) || instant.isAfter(now.plus(MAX_AHEAD))) {
          errors.check(
              "timestamp",
              "must lie between "
                  + MAX_AGE.toHours()
                  + " hours before and "
                  + MAX_AHEAD.toMinutes()
                  + " minutes after the server's time ("
                  + now
                  + "); check the agent's clock, or leave the timestamp out for now");
          return null;
        }
        return instant;
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    errors.check("timestamp", "not an ISO date-time (e.g. 2026-11-25T06:00:00Z) " + Dates.YEARS);
    return null;
  }

  private static Scan.Entry entry(int ord, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return bad(ord, "bad entry: not an object", null);
    }
    Object mac = map.get("mac");
    Object nic = map.get("nic");
    Object ip = map.get("ip");
    Object given = mac != null ? mac : nic;
    for (Object key : map.keySet()) {
      if (!ENTRY_FIELDS.contains(key)) {
        return bad(ord, "bad entry: unknown field " + key, given);
      }
    }
    if ((mac == null) == (nic == null)) {
      return bad(ord, "bad entry: give either mac or nic", given);
    }
    if (!(ip instanceof String written) || Addresses.ip(written) != null) {
      // the stored line keeps a good MAC or NIC id, so that the operator can find the device
      String goodMac = mac instanceof String text && Addresses.mac(text) == null ? text : null;
      return new Scan.Entry(ord, goodMac, nicId(nic), null, "bad ip: " + Addresses.ip(null), given);
    }
    // as IPv4, so that the lab whose IPv4 network holds it is found
    Matcher mapped = MAPPED.matcher(written);
    String address = mapped.matches() ? mapped.group(1) : written;
    if (mac != null) {
      if (!(mac instanceof String text) || Addresses.mac(text) != null) {
        return bad(ord, "bad mac: " + Addresses.mac(null), given);
      }
      // the group bit of the first octet: a broadcast or multicast address is no device's own
      return (Integer.parseInt(text.substring(0, 2), 16) & 1) == 0
          ? new Scan.Entry(ord, text, null, address, null, given)
          : bad(ord, "bad mac: a broadcast or multicast address, no device's", given);
    }
    Long id = nicId(nic);
    return id != null
        ? new Scan.Entry(ord, null, id, address, null, given)
        : bad(ord, "bad nic: not an id", given);
  }

  /** A NIC id, given as a number or (as the original's example payload has it) as digits. */
  private static Long nicId(Object nic) {
    if (nic instanceof Integer || nic instanceof Long) {
      return ((Number) nic).longValue();
    }
    if (nic instanceof String text && text.matches("[0-9]{1,18}")) {
      return Long.valueOf(text);
    }
    return null;
  }

  private static Scan.Entry bad(int ord, String problem, Object given) {
    return new Scan.Entry(ord, null, null, null, problem, given);
  }
}
