package cores.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlBytesTest {
  private static byte[] bytes(HtmlBytes page) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    page.write(out);
    return out.toByteArray();
  }

  @Test
  void textIsEncodedAsJavaEncodesUtf8InOneGrowingArray() throws Exception {
    String text =
        "plain ASCII, Latin-1 \u00e9\u00df, two bytes \u0101, three \u2026\u20ac,"
            + " a pair \ud83d\ude00, lone surrogates \ud83d and \ude00 and at the end \ud83d";
    HtmlBytes page = new HtmlBytes(1);
    page.writeContent("<p>");
    page.writeContent(text);
    page.writeContent("xx" + text + "yy", 2, text.length() + 2);
    page.writeContent("</p>");
    String all = "<p>" + text + text + "</p>";
    assertArrayEquals(all.getBytes(StandardCharsets.UTF_8), bytes(page));
    assertEquals(all.getBytes(StandardCharsets.UTF_8).length, page.length());
  }

  /**
   * A refused form is shown again as typed: its NUL as U+FFFD, as a browser reads it, the other C0
   * control characters and DEL as references a browser reads back as the same character, and the C1
   * controls (whose references a browser reads as windows-1252's characters) as U+FFFD.
   */
  @Test
  void noControlCharacterIsWrittenRaw() throws Exception {
    HtmlBytes page = new HtmlBytes(1);
    page.writeContent("<input value=\"A\u0000nn\u001b\u007f\tb\r\nc\u0080\u0085\u009f\u00a0\">");
    assertEquals(
        "<input value=\"A\uFFFDnn&#x1B;&#x7F;\tb\r\nc\uFFFD\uFFFD\uFFFD\u00a0\">",
        new String(bytes(page), StandardCharsets.UTF_8));
  }

  @Test
  void numbersAreWrittenAsTheirDecimalDigits() throws Exception {
    HtmlBytes page = new HtmlBytes(1);
    long[] numbers = {0, 7, -7, 10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE};
    StringBuilder expected = new StringBuilder();
    for (long n : numbers) {
      page.writeUserContent(n);
      page.writeContent(" ");
      expected.append(n).append(' ');
    }
    page.writeUserContent(Integer.MIN_VALUE);
    expected.append(Integer.MIN_VALUE);
    assertArrayEquals(expected.toString().getBytes(StandardCharsets.US_ASCII), bytes(page));
  }

  @Test
  void aPairCutByTheRangeIsTwoLoneSurrogates() throws Exception {
    HtmlBytes page = new HtmlBytes(4);
    String pair = "a\ud83d\ude00b";
    page.writeContent(pair, 0, 2);
    page.writeContent(pair, 2, 4);
    assertArrayEquals("a??b".getBytes(StandardCharsets.US_ASCII), bytes(page));
  }

  /**
   * A page is rendered into its bytes and answered from them: about what the page weighs is
   * allocated, not the string builder, string, characters and encoding of each page (eight times
   * its length with a character beyond Latin-1 in it).
   */
  @Test
  void aPageAllocatesLittleMoreThanItsBytes() throws Exception {
    Templates templates = new Templates();
    Frame frame =
        new Frame(
            "Documentation \u2026",
            "/docs/",
            List.of(),
            "someone",
            null,
            "token",
            List.of(),
            "/static/css/cores.css",
            "/static/js/cores.js",
            "/static/js/htmx.min.js",
            "/static/favicon.svg");
    Map<String, Object> params = Map.of("frame", frame);
    String expected = templates.render("docs.jte", params);
    assertArrayEquals(
        expected.getBytes(StandardCharsets.UTF_8), bytes(templates.page("docs.jte", params)));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 200; i++) {
      long before = threads.getThreadAllocatedBytes(thread);
      HtmlBytes page = templates.page("docs.jte", params);
      page.write(OutputStreamNowhere.INSTANCE);
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    int length = expected.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(least < 2L * length, least + " bytes allocated for a page of " + length);
  }

  /** Writes nothing, allocates nothing. */
  private static final class OutputStreamNowhere extends java.io.OutputStream {
    static final OutputStreamNowhere INSTANCE = new OutputStreamNowhere();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
