package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An answer is held until it is whole or passes 8 KB, as Jersey's own buffer held it: its length
 * when whole, a problem when its writing fails while held; without 8 KB allocated for each.
 */
class AnswerBufferTest extends ServerFixture {
  /** The status line and headers, and the body (chunks decoded) of an answer to a GET by hand. */
  private record Answer(String head, String body) {
    boolean has(String header) {
      return head.toLowerCase().contains("\r\n" + header.toLowerCase());
    }
  }

  private static Answer fetch(String method, String path) throws Exception {
    String answer =
        raw(
            method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            null);
    int end = answer.indexOf("\r\n\r\n");
    String head = answer.substring(0, end + 2);
    String body = answer.substring(end + 4);
    if (head.toLowerCase().contains("\r\ntransfer-encoding: chunked\r\n")) {
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      int at = 0;
      while (true) {
        int line = body.indexOf("\r\n", at);
        int size = Integer.parseInt(body.substring(at, line), 16);
        if (size == 0) {
          break;
        }
        decoded.writeBytes(body.substring(line + 2, line + 2 + size).getBytes());
        at = line + 2 + size + 2;
      }
      body = decoded.toString();
    }
    return new Answer(head, body);
  }

  @Test
  void anAnswerWrittenWholeWithinEightKilobytesHasItsLength() throws Exception {
    for (int n : List.of(0, 1, 255, 256, 257, 1000, 8191, 8192)) {
      for (int piece : List.of(1, 7, 1000, Math.max(1, n))) {
        Answer answer = fetch("GET", "/api/things/bytes/" + n + "/" + piece);
        String at = n + " bytes in pieces of " + piece + ":\n" + answer.head();
        assertTrue(answer.head().startsWith("HTTP/1.1 200 "), at);
        assertTrue(answer.has("Content-Length: " + n + "\r\n"), at);
        assertFalse(answer.has("Transfer-Encoding"), at);
        assertEquals("#".repeat(n), answer.body(), at);
      }
    }
    Answer head = fetch("HEAD", "/api/things/bytes/100/10");
    assertTrue(head.has("Content-Length: 100\r\n"), head.head());
    assertEquals("", head.body());
  }

  /**
   * A HEAD answers the status and headers of its GET without the body: the GET's Content-Length, or
   * none when the GET went on without one; never a length of 0 for an answer that has bytes.
   */
  @Test
  void aHeadAnswersTheStatusAndLengthOfItsGetWithoutTheBody() throws Exception {
    for (int n : List.of(0, 100, 8192, 8193, 20_000)) {
      for (int piece : List.of(1000, Math.max(1, n))) {
        Answer get = fetch("GET", "/api/things/bytes/" + n + "/" + piece);
        Answer head = fetch("HEAD", "/api/things/bytes/" + n + "/" + piece);
        String at = n + " bytes in pieces of " + piece + ":\n" + get.head() + "\n" + head.head();
        assertEquals(get.head().lines().findFirst(), head.head().lines().findFirst(), at);
        assertEquals(length(get), length(head), at);
        assertEquals("", head.body(), at);
      }
    }
  }

  /** The Content-Length header's line of an answer, "" when it has none. */
  private static String length(Answer answer) {
    return answer
        .head()
        .lines()
        .filter(line -> line.toLowerCase().startsWith("content-length:"))
        .findFirst()
        .orElse("");
  }

  @Test
  void anAnswerPastEightKilobytesGoesOnWithoutALength() throws Exception {
    for (int n : List.of(8193, 20_000, 100_000)) {
      for (int piece : List.of(1, 1000, 8192, n)) {
        Answer answer = fetch("GET", "/api/things/bytes/" + n + "/" + piece);
        String at = n + " bytes in pieces of " + piece + ":\n" + answer.head();
        assertTrue(answer.head().startsWith("HTTP/1.1 200 "), at);
        assertFalse(answer.has("Content-Length"), at);
        assertEquals("#".repeat(n), answer.body(), at);
      }
    }
  }

  @Test
  void aWritingThatFailsWithinEightKilobytesIsAProblemWithoutTheBytesWritten() throws Exception {
    for (int n : List.of(0, 100, 8192)) {
      for (int piece : List.of(1, 1000, Math.max(1, n))) {
        HttpResponse<String> answer = get("/api/things/failing/" + n + "/" + piece);
        Map<String, Object> body = problem(answer, 500);
        assertFalse(answer.body().contains("#"), answer.body());
        assertEquals(
            String.valueOf(answer.body().length()),
            answer.headers().firstValue("Content-Length").orElse(""));
        assertEquals("Internal Server Error", body.get("title"));
      }
    }
  }

  /**
   * A small answer allocates little more on the server than one without a body: Jersey's buffer
   * took 8 KB for each answer with a body, however small.
   */
  @Test
  void aSmallAnswerDoesNotAllocateEightKilobytesToHoldIt() throws Exception {
    long small = Long.MAX_VALUE;
    long none = Long.MAX_VALUE;
    for (int round = 0; round < 15; round++) {
      small = Math.min(small, allocated("/api/things/bytes/100/100", 200));
      none = Math.min(none, allocated("/api/things/nothing", 204));
    }
    long more = small - none;
    assertTrue(more < 8192, more + " bytes more a request with 100 bytes than without a body");
  }

  /** Bytes the server's threads allocated a request, of 100 requests. */
  private static long allocated(String path, int status) throws Exception {
    long before = serverAllocated();
    for (int i = 0; i < 100; i++) {
      assertEquals(status, get(path).statusCode());
    }
    return (serverAllocated() - before) / 100;
  }

  /** What Jetty's threads allocated so far (the pool keeps them between requests). */
  private static long serverAllocated() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("cores-http")) {
        total += threads.getThreadAllocatedBytes(thread.getId());
      }
    }
    return total;
  }
}
