package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A read-only field sent back with the value it has is taken; with another, it is refused at the
 * field as read-only; a name the row does not show is unknown (ReadOnly, the one rule).
 */
class ReadOnlyTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aValueIsTheRowsAsTheApiWritesIt() {
    Instant created = Instant.parse("2026-07-01T07:00:00.123456Z");
    assertTrue(ReadOnly.same("2026-07-01T07:00:00.123456Z", created, PARIS));
    assertTrue(ReadOnly.same("2026-07-01T09:00:00.123456+02:00", created, PARIS));
    assertTrue(ReadOnly.same("2026-07-01T09:00:00.123456", created, PARIS));
    assertFalse(ReadOnly.same("2026-07-01T07:00:00.123456", created, PARIS));
    assertFalse(ReadOnly.same("yesterday", created, PARIS));
    assertTrue(ReadOnly.same(5, 5L, PARIS));
    assertTrue(ReadOnly.same(BigInteger.valueOf(5), 5L, PARIS));
    assertTrue(ReadOnly.same(2.50, new BigDecimal("2.5"), PARIS));
    assertFalse(ReadOnly.same("5", 5L, PARIS));
    assertFalse(ReadOnly.same(Double.NaN, 5L, PARIS));
    assertTrue(ReadOnly.same(null, null, PARIS));
    assertFalse(ReadOnly.same(0, null, PARIS));
    assertFalse(ReadOnly.same(null, "", PARIS));
    assertTrue(ReadOnly.same(List.of(1, 2), List.of(1L, 2L), PARIS));
    assertFalse(ReadOnly.same(List.of(1), List.of(1L, 2L), PARIS));
    assertFalse(ReadOnly.same(Map.of(), List.of(), PARIS));
    assertTrue(ReadOnly.same(List.of(Map.of("id", 1)), List.of(Map.of("id", 1L)), PARIS));
    assertFalse(ReadOnly.same(Map.of("id", 1, "x", 2), Map.of("id", 1L), PARIS));
    assertTrue(ReadOnly.same("10.0.0.1", "10.0.0.1", PARIS));
  }

  @Test
  void aReadOnlyFieldWithAnotherValueIsRefusedAndAnUnknownNameIsUnknown() {
    Map<String, Object> row = Map.of("id", 7L, "name", "old", "lastseen", "x");
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("id", 7);
    sent.put("name", "new");
    sent.put("lastseen", "y");
    sent.put("colour", "red");
    FieldErrors errors = new FieldErrors();
    ReadOnly.check(errors, sent, "name"::equals, row, PARIS);
    ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
    assertEquals(
        Map.of("lastseen", List.of(ReadOnly.PROBLEM), "colour", List.of(ReadOnly.UNKNOWN)),
        e.errors());
  }
}
