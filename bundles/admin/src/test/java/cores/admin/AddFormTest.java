package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new object's form: what it holds before anything is entered. */
class AddFormTest {
  private static final AdminModel USER =
      TestModels.of(
          "auth",
          "user",
          "Users",
          List.of(
              new AdminField("username", "text", true, true, List.of(), null),
              new AdminField("is_active", "bool", false, true, List.of(), null, "true"),
              new AdminField("is_staff", "bool", false, true, List.of(), null, "false"),
              new AdminField("group", "ref", false, true, List.of(), "group"),
              new AdminField("last_login", "time", false, false, List.of(), null, "derived")));

  @Test
  void aNewObjectsFormStartsWithEachFieldsInitialValue() {
    Form form = new Form(PostedForm.initial(USER, new MultivaluedHashMap<>()));
    assertTrue(form.checked("is_active"), "a box the domain defaults to yes starts ticked");
    assertFalse(form.checked("is_staff"));
    assertEquals("", form.value("username"));
    assertEquals("", form.value("group"));
    assertEquals("", form.value("last_login"), "a field the domain derives is not the form's");
  }

  @Test
  void whatALinkFillsInWinsOverTheInitialValue() {
    MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
    query.putSingle("group", "7");
    query.putSingle("is_active", "");
    query.putSingle("last_login", "2026-01-01T00:00:00Z");
    Form form = new Form(PostedForm.initial(USER, query));
    assertEquals("7", form.value("group"));
    assertFalse(form.checked("is_active"));
    assertEquals("", form.value("last_login"));
  }
}
