package cores.notify.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

class SmtpChannelTest {
  private GreenMail mail;
  private ServerSocket proxy;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "smtp-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    mail.stop();
  }

  /** Counts the channel's SMTP connections on their way to GreenMail. */
  private void accept() {
    while (!proxy.isClosed()) {
      try {
        Socket client = proxy.accept();
        connections.incrementAndGet();
        Socket server = new Socket("127.0.0.1", mail.getSmtp().getPort());
        pump(client.getInputStream(), server.getOutputStream(), server);
        pump(server.getInputStream(), client.getOutputStream(), client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(InputStream in, OutputStream out, Socket closeAfter) {
    Thread t =
        new Thread(
            () -> {
              try (closeAfter) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side closed
              }
            });
    t.setDaemon(true);
    t.start();
  }

  private SmtpChannel channel(int port, long idleMillis) throws Exception {
    return new SmtpChannel(new Config("127.0.0.1", Integer.toString(port), idleMillis, "False"));
  }

  private static Notification note(int i) {
    return new Notification(
        "outbox." + i + ".1@cores.example.org",
        "user" + i + "@example.org",
        "Subject " + i + " ünïcode",
        "plain " + i,
        "<p>html " + i + "</p>");
  }

  @Test
  void oneConnectionWhileBusyANewOneAfterIdling() throws Exception {
    try (SmtpChannel channel = channel(proxy.getLocalPort(), 300)) {
      for (int i = 1; i <= 10; i++) {
        channel.deliver(note(i));
      }
      assertTrue(mail.waitForIncomingEmail(5000, 10));
      assertEquals(1, connections.get(), "one connection for the burst");
      Thread.sleep(1000);
      channel.deliver(note(11));
      assertTrue(mail.waitForIncomingEmail(5000, 11));
      assertEquals(2, connections.get(), "the idle connection was closed, a new one opened");
    }
  }

  @Test
  void multipartAlternativeWithStableMessageIdAndUtf8Subject() throws Exception {
    try (SmtpChannel channel = channel(mail.getSmtp().getPort(), 2000)) {
      channel.deliver(note(1));
      channel.deliver(note(1));
    }
    assertTrue(mail.waitForIncomingEmail(5000, 2));
    MimeMessage[] received = mail.getReceivedMessages();
    assertEquals(received[0].getMessageID(), received[1].getMessageID(), "same id on a repeat");
    MimeMessage m = received[0];
    assertEquals("<outbox.1.1@cores.example.org>", m.getMessageID());
    assertEquals("Subject 1 ünïcode", m.getSubject());
    assertEquals("cores@example.org", m.getFrom()[0].toString());
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertTrue(m.isMimeType("multipart/alternative"));
    assertEquals("plain 1", parts.getBodyPart(0).getContent().toString().strip());
    assertEquals("<p>html 1</p>", parts.getBodyPart(1).getContent().toString().strip());
  }

  @Test
  void aServerThatIsDownIsAFailedDelivery() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (SmtpChannel channel = channel(closed, 2000)) {
      DeliveryException e = assertThrows(DeliveryException.class, () -> channel.deliver(note(1)));
      assertTrue(e.getMessage().startsWith("SMTP: "), e.getMessage());
    }
  }

  @Test
  void sessionPropertiesTimeoutsFromAndTls() throws Exception {
    Properties p =
        SmtpChannel.properties(
            SmtpSettings.from(new Config("mail.example.org", "587", 2000, "True")));
    assertEquals("10000", p.getProperty("mail.smtp.connectiontimeout"));
    assertEquals("10000", p.getProperty("mail.smtp.timeout"));
    assertEquals("10000", p.getProperty("mail.smtp.writetimeout"));
    assertEquals("cores@example.org", p.getProperty("mail.from"));
    assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
    assertEquals("false", p.getProperty("mail.smtp.auth"));
  }

  /** The checks CONFIG.md promises for SMTP_* values, made by the channel that owns them. */
  @Test
  void badSettingsAreRefusedByTheirProperty() {
    assertRefused(new Config("", "25", 2000, "False"), "server", "required");
    assertRefused(
        new Config("mail", "70000", 2000, "False"),
        "port",
        "\"70000\" is not a port number (1 to 65535)");
    assertRefused(
        new Config("mail", "25", 2000, "sometimes"),
        "starttls",
        "\"sometimes\" is not a boolean (use True or False)");
    Config both =
        new Config("mail", "25", 2000, "True") {
          @Override
          public String ssl() {
            return "True";
          }
        };
    assertRefused(both, "ssl", "cannot be combined with {starttls} (choose one)");
    Config passwordOnly =
        new Config("mail", "25", 2000, "False") {
          @Override
          public String password() {
            return "s3cret";
          }
        };
    assertRefused(passwordOnly, "user", "required when {password} is set");
  }

  private static void assertRefused(SmtpConfig config, String property, String reason) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new SmtpChannel(config));
    assertEquals(property, e.getProperty());
    assertEquals(reason, e.getReason());
  }

  static class Config implements SmtpConfig {
    private final String server;
    private final String port;
    private final long idleCloseMillis;
    private final String starttls;

    Config(String server, String port, long idleCloseMillis, String starttls) {
      this.server = server;
      this.port = port;
      this.idleCloseMillis = idleCloseMillis;
      this.starttls = starttls;
    }

    @Override
    public String server() {
      return server;
    }

    @Override
    public String port() {
      return port;
    }

    @Override
    public long idleCloseMillis() {
      return idleCloseMillis;
    }

    @Override
    public String starttls() {
      return starttls;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
      return SmtpConfig.class;
    }

    @Override
    public String from() {
      return "cores@example.org";
    }

    @Override
    public String user() {
      return "";
    }

    @Override
    public String password() {
      return "";
    }

    @Override
    public String ssl() {
      return "False";
    }

    @Override
    public int timeoutMillis() {
      return 10_000;
    }
  }
}
