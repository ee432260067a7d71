package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change form's digest: what the form edits counts, nothing else does. */
class EditedSinceTest {
  private static final List<AdminField> HOST =
      List.of(
          new AdminField("hostname", "text", true, true, List.of(), null),
          new AdminField("details", "text", false, true, List.of(), null),
          new AdminField("lastseen", "time", false, false, List.of(), null, "derived"));
  private static final List<AdminField> NIC =
      List.of(new AdminField("mac", "mac", true, true, List.of(), null));

  private static String digest(Map<String, String> host, Map<Long, String> macs) {
    EditedSince edited = new EditedSince().add(HOST, host, field -> field);
    macs.forEach(
        (id, mac) -> edited.add(NIC, Map.of("mac", mac), field -> "nic-" + id + "-" + field));
    return edited.digest();
  }

  @Test
  void aChangeOfAWritableFieldOrOfAnInlineRowChangesTheDigest() {
    String opened =
        digest(Map.of("hostname", "h1", "details", "a", "lastseen", "t1"), Map.of(7L, "02:00"));
    assertEquals(
        opened,
        digest(Map.of("hostname", "h1", "details", "a", "lastseen", "t1"), Map.of(7L, "02:00")));
    assertNotEquals(
        opened,
        digest(Map.of("hostname", "h1", "details", "b", "lastseen", "t1"), Map.of(7L, "02:00")));
    assertNotEquals(
        opened,
        digest(Map.of("hostname", "h1", "details", "a", "lastseen", "t1"), Map.of(7L, "02:01")));
    assertNotEquals(
        opened,
        digest(
            Map.of("hostname", "h1", "details", "a", "lastseen", "t1"),
            Map.of(7L, "02:00", 8L, "02:02")),
        "a row added by someone else");
  }

  @Test
  void aFieldOnlyCoresWritesDoesNotCount() {
    assertEquals(
        digest(Map.of("hostname", "h1", "details", "a", "lastseen", "t1"), Map.of()),
        digest(Map.of("hostname", "h1", "details", "a", "lastseen", "t2"), Map.of()));
  }

  @Test
  void valuesAreNotRunTogether() {
    // run together, both would be "details" "a" "hostname" "hostname" "b"
    assertNotEquals(
        digest(Map.of("details", "a", "hostname", "hostnameb"), Map.of()),
        digest(Map.of("details", "ahostname", "hostname", "b"), Map.of()));
  }

  /** A tampered stamp was told as someone else's change (409); it is a malformed form. */
  @Test
  void onlyADigestsShapeIsWellFormed() {
    assertTrue(EditedSince.wellFormed(digest(Map.of("hostname", "h1"), Map.of())));
    for (String tampered :
        List.of(
            "garbage",
            "0123456789abcdef0123456789abcdeF",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdeg")) {
      assertFalse(EditedSince.wellFormed(tampered), tampered);
    }
  }
}
