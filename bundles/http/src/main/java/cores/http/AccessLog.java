package cores.http;

import cores.http.auth.AuthenticationFilter;
import cores.http.auth.ClientAddresses;
import java.net.InetAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request to the logger {@code cores.http.access}, NCSA-like: client address, user,
 * request line, status, bytes sent, duration in milliseconds, and for an answer cut off mid-body
 * why ({@link CutOffAnswers}). The time stamp is the logging back-end's.
 *
 * <p>The request thread only builds the line; one writer thread hands the lines to the logger. The
 * logging back-end writes each line under one lock and flushes it to standard output, which made
 * every request thread queue behind the others. When the writer falls behind by {@link #CAPACITY}
 * lines, request threads wait for it rather than lose lines.
 */
final class AccessLog implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("cores.http.access");

  /** The path of the password-reset links (cores.web's PasswordResetPages). */
  private static final String RESET = "/password-reset/";

  /** Lines waiting for the writer at most. */
  static final int CAPACITY = 8192;

  private final Consumer<String> sink;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread writer = new Thread(this::write, "cores-http-access-log");
  private volatile boolean closed;

  /** Lines go to the logger {@code cores.http.access}. */
  AccessLog() {
    this(LOG::info);
  }

  /** Lines go to the sink, from the writer thread: tests read them. */
  AccessLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Starts the writer. */
  void start() {
    writer.setDaemon(true);
    writer.start();
  }

  /** Writes the lines still queued and stops the writer; later lines are written directly. */
  void close() throws InterruptedException {
    closed = true;
    writer.interrupt();
    writer.join(TimeUnit.SECONDS.toMillis(5));
  }

  private void write() {
    try {
      while (!closed) {
        sink.accept(lines.take());
      }
    } catch (InterruptedException e) {
      // closing: what is queued still gets written below
    }
    for (String line = lines.poll(); line != null; line = lines.poll()) {
      sink.accept(line);
    }
  }

  @Override
  public void log(Request request, Response response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Object user = request.getAttribute(AuthenticationFilter.USER_PROPERTY);
    // the client as the front handler found it (behind a trusted proxy, the one the proxy names)
    String client =
        request.getAttribute(ClientAddresses.PROPERTY) instanceof InetAddress address
            ? address.getHostAddress()
            : Request.getRemoteAddr(request);
    String line =
        client
            + " - "
            + (user == null ? "-" : clean(user.toString()))
            + " \""
            + request.getMethod()
            + " "
            + clean(loggable(request.getHttpURI().getPathQuery()))
            + " "
            + request.getConnectionMetaData().getProtocol()
            + "\" "
            + response.getStatus()
            + " "
            + Response.getContentBytesWritten(response)
            + " "
            + NanoTime.millisSince(request.getBeginNanoTime())
            + "ms"
            + (request.getAttribute(CutOffAnswers.CAUSE) instanceof String cause
                ? " cut off: " + cause
                : "");
    if (closed || !writer.isAlive()) {
      sink.accept(line);
      return;
    }
    try {
      lines.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sink.accept(line);
    }
  }

  /**
   * The request's path and query, but for the key of a password-reset link: it lets whoever reads
   * it set the account's password for an hour, and logs are read by more people than mail is.
   */
  static String loggable(String pathQuery) {
    if (pathQuery == null || !pathQuery.startsWith(RESET)) {
      return pathQuery;
    }
    int end = RESET.length();
    while (end < pathQuery.length()
        && pathQuery.charAt(end) != '/'
        && pathQuery.charAt(end) != '?') {
      end++;
    }
    return end == RESET.length() ? pathQuery : RESET + "[key]" + pathQuery.substring(end);
  }

  /** No control characters: a log line must stay one line. */
  static String clean(String value) {
    if (value == null) {
      return "-";
    }
    StringBuilder clean = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      clean.append(Character.isISOControl(c) ? '?' : c);
    }
    return clean.toString();
  }
}
