package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void insertsValuesThroughTheEscaper() {
    Template t = new Template("<b>{{host}}</b> {{ missing }}!");
    assertEquals(
        "<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b> !",
        t.render(Map.of("host", "<script>alert('x')</script>"), Template::html));
    assertEquals("<b>a&b</b> !", t.render(Map.of("host", "a&b"), Template::plain));
  }

  @Test
  void sectionsAppearOnlyWithAValue() {
    Template t = new Template("A{{#prev}} after {{prev}}{{/prev}}.");
    assertEquals("A after Bob.", t.render(Map.of("prev", "Bob"), Template::plain));
    assertEquals("A.", t.render(Map.of(), Template::plain));
    assertEquals("A.", t.render(Map.of("prev", "  "), Template::plain));
  }

  @Test
  void valuesAreNotParsedAgain() {
    Template t = new Template("{{comment}}");
    assertEquals(
        "{{#x}}{{host}}",
        t.render(Map.of("comment", "{{#x}}{{host}}", "host", "h"), Template::plain));
  }

  @Test
  void brokenTemplatesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Template("{{a").render(Map.of(), Template::plain));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Template("{{#a}}x").render(Map.of("a", "1"), Template::plain));
  }
}
