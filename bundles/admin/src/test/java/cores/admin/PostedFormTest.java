package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.web.ProblemException;
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
    ProblemException refused =
        assertThrows(ProblemException.class, () -> PostedForm.requireStorable(posted));
    assertEquals(400, refused.status());
    Form form =
        new Form(PostedForm.values(GROUP, posted))
            .refused(refused, List.of("name", "permissions", "kinds"));
    assertEquals(
        List.of(Views.Message.of("Text must not contain NUL characters (\\u0000).")),
        form.errors("name"));
    assertEquals("sta\u0000ff", form.value("name"), "as typed");
    assertEquals("a\nb", form.value("kinds"));
    // tab, line feed and the other control characters PostgreSQL stores as sent
    posted.putSingle("name", "tab\tline\nescape\u001b");
    PostedForm.requireStorable(posted);
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
}
