package cores.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A minimal HTTP/1.1 client over a plain socket, for tests that must send a {@code Host} header of
 * their choice (a browser on another host name): {@code java.net.http} refuses to set it. One
 * request per connection ({@code Connection: close}); chunked bodies are decoded, compressed ones
 * are left as sent.
 */
final class RawHttp {

  private static final int TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /** An answer: status, headers (names in lower case, in order), body bytes. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, or null. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The body as UTF-8, un-gzipped when the server compressed it. */
    String text() throws IOException {
      return new String(decoded(), StandardCharsets.UTF_8);
    }

    byte[] decoded() throws IOException {
      if ("gzip".equalsIgnoreCase(header("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          return in.readAllBytes();
        }
      }
      return body;
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * @param headers request headers, {@code Host} included (it is sent as given)
   */
  static Response send(
      int port, String method, String path, Map<String, String> headers, String body)
      throws IOException {
    return sendFrom(null, port, method, path, headers, body);
  }

  /**
   * As {@link #send}, from a local address of the test's choice: on Linux every 127.x.y.z is the
   * loopback, so a test can be several clients.
   *
   * @param from the local address to connect from; null for any
   */
  static Response sendFrom(
      String from, int port, String method, String path, Map<String, String> headers, String body)
      throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = connect(from, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head(method, path, headers, body == null ? null : (long) content.length));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  /**
   * Sends a head that declares {@code declaredLength} body bytes, then only {@code bodyStart}, and
   * returns the status line: for answers the server must give from the head alone (413).
   */
  static String statusLineOfTruncated(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      long declaredLength,
      String bodyStart)
      throws IOException {
    try (Socket socket = connect(null, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head(method, path, headers, declaredLength));
      out.write(bodyStart.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }

  /**
   * As {@link #statusLineOfTruncated}, the whole answer: the head declares {@code declaredLength}
   * body bytes, {@code bodyStart} follows, then the request side is shut, so that a server which
   * answers from the head alone (413) closes at once rather than waiting for the rest.
   */
  static Response sendTruncated(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      long declaredLength,
      String bodyStart)
      throws IOException {
    try (Socket socket = connect(null, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head(method, path, headers, declaredLength));
      out.write(bodyStart.getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  private static Socket connect(String from, int port) throws IOException {
    Socket socket = new Socket();
    try {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static byte[] head(
      String method, String path, Map<String, String> headers, Long contentLength) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("Connection: close\r\n");
    if (contentLength != null) {
      request.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    request.append("\r\n");
    return request.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static Response get(int port, String path, Map<String, String> headers) throws IOException {
    return send(port, "GET", path, headers, null);
  }

  private static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      throw new IOException(
          "no complete response head: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, rest);
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      int lineEnd = indexOf(chunked, crlf, at);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeField.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
