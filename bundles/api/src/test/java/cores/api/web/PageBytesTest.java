package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page's bytes are its text as UTF-8, kept in the pieces written (bytes by reference) and sent in
 * few writes: its length is the Content-Length of exactly what is sent.
 */
class PageBytesTest {

  @Test
  void theLengthIsThatOfTheUtf8SentAndTheTextDecodesBack() throws Exception {
    PageBytes page = new PageBytes();
    page.write("<p>Grüße ");
    page.write("&middot;</p>".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    page.write(sent);
    byte[] expected = "<p>Grüße &middot;</p>".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, sent.toByteArray());
    assertEquals(expected.length, page.length());
    assertEquals("<p>Grüße &middot;</p>", page.toString());
  }

  @Test
  void bytesWrittenAndABodysPiecesAreKeptByReference() {
    byte[] table = "<table></table>".getBytes(StandardCharsets.UTF_8);
    PageBytes body = new PageBytes();
    body.write(table);
    PageBytes page = new PageBytes();
    page.write("<main>");
    page.write(body);
    page.write("</main>");
    List<byte[]> pieces = new ArrayList<>();
    page.pieces(pieces::add);
    assertEquals(3, pieces.size());
    assertSame(table, pieces.get(1));
    assertEquals("<main><table></table></main>", page.toString());
  }

  @Test
  void smallPiecesAreSentInFewWrites() throws Exception {
    PageBytes page = new PageBytes();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      page.write("<td>" + i + "</td>");
      text.append("<td>").append(i).append("</td>");
      if (i == 100) {
        // a large piece while small ones are gathered: sent after them
        page.write("y".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        text.append("y".repeat(5000));
      }
    }
    byte[] big = "x".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
    page.write(big);
    text.append("x".repeat(20_000));
    List<Integer> writes = new ArrayList<>();
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    page.write(
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new AssertionError("no single bytes");
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
            sent.write(b, off, len);
          }
        });
    assertEquals(text.toString(), sent.toString(StandardCharsets.US_ASCII));
    // 5,000 pieces of some 12 bytes in writes of up to 8 KB, the large piece as it is
    assertTrue(writes.size() <= page.length() / 8192 + 5, writes.toString());
  }
}
