package cores.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

  @Test
  void anAnswerSentWholeIsNotSaidToBeCutOff() throws Exception {
    ACCESS_LOG.clear();
    assertTrue(get("/api/things/bytes/100000/1000").body().length() == 100_000);
    String line = ACCESS_LOG.poll(10, TimeUnit.SECONDS);
    assertTrue(line != null && line.endsWith("ms"), line);
  }
}
