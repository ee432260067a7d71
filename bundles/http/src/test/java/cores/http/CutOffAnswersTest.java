package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An answer cut off mid-body is said to be so: before, its access log line was that of an answer
 * sent whole, and nothing named the request.
 */
class CutOffAnswersTest extends ServerFixture {
  /** Far more than the socket buffers of the loopback hold: the server is still writing. */
  private static final String LARGE = "/api/things/bytes/50000000/65536";

  @Test
  void anAnswerCutOffByTheClientGoneIsLoggedSo() throws Exception {
    ACCESS_LOG.clear();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + LARGE + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      // gone mid-body: a reset, as a client that crashed or gave up
      socket.setSoLinger(true, 0);
    }
    String line = ACCESS_LOG.poll(20, TimeUnit.SECONDS);
    assertTrue(line != null && line.contains("\"GET " + LARGE + " HTTP/1.1\" 200 "), line);
    assertTrue(line.contains(" cut off: "), line);
  }

  /**
   * Past Jetty's buffer the status and the first bytes are out when the resource's writing throws:
   * before, Jetty saw every write and the request succeed, and ended the answer as whole (its last
   * chunk sent, the connection kept), so the client took a short body for the whole one and the
   * access log said nothing; only Jersey's SEVERE trace, naming no request, told.
   */
  @Test
  void anAnswerWhoseWritingThrowsPastJettysBufferIsCutOffAndLoggedSo() throws Exception {
    String path = "/api/things/failing/100000/1000";
    ACCESS_LOG.clear();
    PrintStream previous = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    String answer;
    boolean ended;
    String line;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          read.write(buffer, 0, n);
        }
        ended = true;
      } catch (SocketTimeoutException e) {
        ended = false; // the connection kept open for the next request: the answer looked whole
      }
      answer = read.toString(StandardCharsets.ISO_8859_1);
      line = ACCESS_LOG.poll(20, TimeUnit.SECONDS);
    } finally {
      System.setErr(previous);
    }
    assertTrue(answer.startsWith("HTTP/1.1 200 "), answer.lines().findFirst().orElse(answer));
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertTrue(head.contains("transfer-encoding: chunked"), head);
    assertTrue(answer.contains("#".repeat(AnswerBuffer.LIMIT)), "the bytes written went out");
    assertFalse(answer.endsWith("\r\n0\r\n\r\n"), "no last chunk: the body is not whole");
    assertTrue(ended, "the connection ended with the answer");
    assertTrue(line != null && line.contains("\"GET " + path + " HTTP/1.1\" 200 "), line);
    assertTrue(
        line.endsWith(" cut off: java.lang.IllegalStateException: failed after 100000 bytes"),
        line);
    // once, as the warning with the writer's trace: before, Jersey's SEVERE trace came above it
    List<String> lines =
        logged
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.contains(" INFO ") && !l.contains("[INFO]"))
            .filter(l -> !l.startsWith("\tat ") && !l.startsWith("java.lang.IllegalStateException"))
            .filter(l -> !l.matches("\\s+\\.\\.\\. \\d+ more"))
            .toList();
    assertEquals(1, lines.size(), logged.toString());
    assertTrue(logged.toString().contains("\tat "), "the writer's trace: " + logged);
    assertTrue(
        lines
            .get(0)
            .contains(
                "WARN cores.http.CutOffAnswers - GET " + path + ": its answer (200) was cut off"),
        logged.toString());
  }

  /**
   * Past 8 KB but within Jetty's buffer (32 KB), nothing went out yet when the writing throws:
   * before, Jetty sent what it held as a whole 200 answer; now the answer is an error.
   */
  @Test
  void aWritingThatThrowsBeforeJettySentAnythingIsAProblem() throws Exception {
    HttpResponse<String> answer = get("/api/things/failing/20000/1000");
    problem(answer, 500);
    assertFalse(answer.body().contains("#"), answer.body());
  }

  @Test
  void anAnswerSentWholeIsNotSaidToBeCutOff() throws Exception {
    ACCESS_LOG.clear();
    assertTrue(get("/api/things/bytes/100000/1000").body().length() == 100_000);
    String line = ACCESS_LOG.poll(10, TimeUnit.SECONDS);
    assertTrue(line != null && line.endsWith("ms"), line);
  }
}
