package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.Checkbox;
import cores.api.web.ProblemException;
import cores.api.web.SentTwice;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a posted form gives the desks: one value a field, the ticked boxes of a field one a line.
 */
class PostedFormTest {
  private static final List<AdminField> GROUP =
      List.of(
          new AdminField("name", "text", true, true, List.of(), null),
          new AdminField("permissions", "permissions", false, true, List.of(), null),
          new AdminField("kinds", "multi", false, true, List.of("a", "b"), null));

  @Test
  void everyTickedPermissionIsKept() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("name", "staff");
    posted.addAll(
        "permissions", "inventory.view_host", "inventory.view_nic", "booking.add_booking");
    posted.addAll("kinds", "a", "b");
    assertEquals(
        Map.of(
            "name", "staff",
            "permissions", "inventory.view_host\ninventory.view_nic\nbooking.add_booking",
            "kinds", "a\nb"),
        PostedForm.values(GROUP, posted));
  }

  @Test
  void noTickedBoxIsAnEmptyField() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("name", "staff");
    assertEquals(
        Map.of("name", "staff", "permissions", "", "kinds", ""), PostedForm.values(GROUP, posted));
  }

  @Test
  void storableTextANulIsRefusedAtItsFieldWithTheFormAsTyped() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("name", "sta\u0000ff");
    posted.addAll("kinds", "a", "b");
    Form form = shownAgain(posted, refused(posted));
    assertEquals(
        List.of(Views.Message.of("Text must not contain NUL characters (\\u0000).")),
        form.errors("name"));
    assertEquals("sta\u0000ff", form.value("name"), "as typed");
    assertEquals("a\nb", form.value("kinds"));
    // tab, line feed and the other control characters PostgreSQL stores as sent
    posted.putSingle("name", "tab\tline\nescape\u001b");
    requireSound(posted);
  }

  private static void requireSound(MultivaluedMap<String, String> posted) {
    PostedForm.requireSound(posted, PostedForm.many(GROUP)::contains, PostedForm.boxes(GROUP));
  }

  /** The refusal of a posted form that is not sound: a 400. */
  private static ProblemException refused(MultivaluedMap<String, String> posted) {
    ProblemException refused = assertThrows(ProblemException.class, () -> requireSound(posted));
    assertEquals(400, refused.status());
    return refused;
  }

  /** The form shown again after its refusal: as typed, the problems at their fields. */
  private static Form shownAgain(MultivaluedMap<String, String> posted, ProblemException refused) {
    return new Form(PostedForm.values(GROUP, posted))
        .refused(refused, List.of("name", "permissions", "kinds"));
  }

  /**
   * As the user pages' forms: a field the form sends once, sent twice, is refused at the field with
   * the form as typed; the ticked boxes of a multi-select and of the permissions picker repeat.
   */
  @Test
  void aSingleValuedFieldSentTwiceIsRefusedAtItsFieldAndAMultiMayRepeat() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.addAll("name", "staff", "admins");
    posted.addAll("permissions", "inventory.view_host", "inventory.view_nic");
    posted.addAll("kinds", "a", "b");
    ProblemException refused = refused(posted);
    assertEquals(Map.of("name", List.of(SentTwice.MESSAGE)), refused.errors());
    Form form = shownAgain(posted, refused);
    assertEquals(
        List.of(Views.Message.of("Sent twice: which of its values was meant is not guessed.")),
        form.errors("name"));
    assertEquals("staff", form.value("name"), "as typed, its first value");
    posted.putSingle("name", "staff");
    requireSound(posted);
  }

  /** An inline's list of its rows repeats; its rows' fields, the digest and the token do not. */
  @Test
  void anInlinesRowsRepeatButNotTheirFields() {
    AdminModel host =
        new AdminModel(
            "inventory",
            "host",
            "Hosts",
            GROUP,
            List.of("name"),
            List.of(),
            "name",
            Map.of(),
            List.of());
    AdminModel nic =
        new AdminModel(
            "inventory",
            "nic",
            "NICs",
            List.of(new AdminField("mac", "text", true, true, List.of(), null)),
            List.of("mac"),
            List.of(),
            "mac",
            Map.of(),
            List.of());
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.addAll("nic-rows", "4", "5");
    posted.addAll("kinds", "a", "b");
    PostedForm.requireSound(
        posted, PostedForm.many(host, List.of(nic)), PostedForm.boxes(host, List.of(nic)));
    for (String once : List.of("nic-4-mac", EditedSince.FIELD, "csrfmiddlewaretoken")) {
      MultivaluedMap<String, String> twice = new MultivaluedHashMap<>(posted);
      twice.addAll(once, "x", "y");
      ProblemException refused =
          assertThrows(
              ProblemException.class,
              () ->
                  PostedForm.requireSound(
                      twice,
                      PostedForm.many(host, List.of(nic)),
                      PostedForm.boxes(host, List.of(nic))));
      assertEquals(Map.of(once, List.of(SentTwice.MESSAGE)), refused.errors(), once);
    }
  }

  /** A model of a required text field and a yes/no one. */
  private static AdminModel withABox(
      String app, String name, String label, String text, String box) {
    return new AdminModel(
        app,
        name,
        label,
        List.of(
            new AdminField(text, "text", true, true, List.of(), null),
            new AdminField(box, "bool", false, true, List.of(), null)),
        List.of(text),
        List.of(),
        text,
        Map.of(),
        List.of());
  }

  /**
   * One rule for every form's checkbox, as the user pages' ({@link Checkbox}): ticked, or left out;
   * "maybe" is no tick, nor an untick, but a 400 at its field with the form as typed. So too an
   * inline row's yes/no field and its delete box; other fields may hold any text.
   */
  @Test
  void aCheckboxSentWithAnotherValueThanATicksIsRefusedAtItsField() {
    AdminModel user = withABox("auth", "user", "Users", "username", "is_active");
    AdminModel nic = withABox("inventory", "nic", "NICs", "mac", "is_primary");
    for (String tick : List.of("on", "1", "true", "")) {
      MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
      posted.add("username", "maybe");
      posted.add("is_active", tick);
      posted.add("nic-4-is_primary", tick);
      posted.add("nic-4-DELETE", tick);
      posted.add("nic-new2-mac", "maybe");
      PostedForm.requireSound(posted, name -> false, PostedForm.boxes(user, List.of(nic)));
    }
    for (String box :
        List.of("is_active", "nic-4-is_primary", "nic-new2-is_primary", "nic-4-DELETE")) {
      MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
      posted.add("username", "ann");
      posted.add(box, "maybe");
      ProblemException refused =
          assertThrows(
              ProblemException.class,
              () ->
                  PostedForm.requireSound(
                      posted, name -> false, PostedForm.boxes(user, List.of(nic))));
      assertEquals(400, refused.status());
      assertEquals(Map.of(box, List.of(Checkbox.NOT_A_TICK)), refused.errors(), box);
    }
    // a ticked box shows ticked again, whichever tick it sent
    assertTrue(new Form(Map.of("is_active", "1")).checked("is_active"));
  }

  @Test
  void aPageNumberNeverTakesAListsOffsetBeyondAnInt() {
    assertEquals(1, PostedForm.pageNumber(null));
    assertEquals(1, PostedForm.pageNumber("-3"));
    assertEquals(1, PostedForm.pageNumber("abc"));
    assertEquals(7, PostedForm.pageNumber("7"));
    assertEquals(PostedForm.MAX_PAGE, PostedForm.pageNumber("999999999"));
    assertTrue((long) (PostedForm.MAX_PAGE - 1) * 1000 <= Integer.MAX_VALUE);
  }

  /** A refused save shows what Cores set (a host's IP address) as it is, not blank. */
  @Test
  void aRefusedSaveShowsWhatCoresSetAsStored() {
    AdminModel host =
        TestModels.of(
            "inventory",
            "host",
            "hosts",
            List.of(
                new AdminField("hostname", "text", true, true, List.of(), null),
                new AdminField("ip", "text", false, false, List.of(), null)));
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("hostname", "web01");
    posted.add("ip", "10.9.9.9");
    Map<String, String> values = PostedForm.values(host, posted);
    assertEquals(Map.of("hostname", "web01"), values, "what Cores sets is not taken from a form");
    assertEquals(
        Map.of("hostname", "web01", "ip", "10.1.2.3"),
        PostedForm.shownAgain(host, values, Map.of("hostname", "web00", "ip", "10.1.2.3")));
  }
}
