package cores.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormTest {
  @Test
  void storableTextANulIsAProblemAtItsFieldWithTheFormAsTyped() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("first_name", "A\u0000nn");
    posted.add("last_name", "Lee");
    Form form = Form.posted(posted);
    assertTrue(form.hasErrors());
    assertEquals(
        List.of("Text must not contain NUL characters (\\u0000)."), form.errors("first_name"));
    assertFalse(form.invalid("last_name"));
    assertEquals("Lee", form.value("last_name"), "as typed");
    assertTrue(form.general().get(0).contains("first_name"), form.general().toString());
  }

  /** One rule for every form's checkbox: ticked, or left out; "maybe" is no tick, nor an untick. */
  @Test
  void aCheckboxSentWithAnotherValueThanATicksIsAProblemAtItsField() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("on", "on");
    posted.add("one", "1");
    posted.add("maybe", "maybe");
    Form form = Form.posted(posted);
    assertTrue(form.ticked("on"));
    assertTrue(form.ticked("one"));
    assertFalse(form.ticked("absent"));
    assertFalse(form.hasErrors());
    form.ticked("maybe");
    assertEquals(List.of(Form.NOT_A_TICK), form.errors("maybe"));
  }

  @Test
  void controlCharactersPostgresqlStoresAreNoProblem() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("comment", "tab\tline\nescape\u001b\ud83d\ude00");
    assertFalse(Form.posted(posted).hasErrors());
  }

  @Test
  void aFieldSentTwiceIsAProblemAtItsFieldAndAboveTheForm() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("start", "2026-01-01");
    posted.add("start", "2026-02-01");
    posted.add("csrfmiddlewaretoken", "a");
    posted.add("csrfmiddlewaretoken", "b");
    posted.add("comment", "once");
    Form form = Form.posted(posted);
    assertTrue(form.hasErrors());
    assertEquals(List.of(Form.TWICE), form.errors("start"));
    assertEquals(List.of(Form.TWICE), form.errors("csrfmiddlewaretoken"));
    assertFalse(form.invalid("comment"));
    assertEquals("2026-01-01", form.value("start"), "shown again as first sent");
    assertTrue(form.general().get(0).contains("csrfmiddlewaretoken"), form.general().toString());
    ProblemException refused = assertThrows(ProblemException.class, form::refuseIfAny);
    assertEquals(400, refused.status());
    assertEquals(List.of(Form.TWICE), refused.errors().get("start"));
  }

  @Test
  void aFieldSentOnceIsNoProblem() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("start", "2026-01-01");
    posted.add("end", "2026-01-01");
    Form form = Form.posted(posted);
    assertFalse(form.hasErrors());
    form.refuseIfAny();
  }
}
