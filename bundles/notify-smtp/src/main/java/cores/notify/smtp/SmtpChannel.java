package cores.notify.smtp;

import cores.api.config.Settings;
import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP. Each notification becomes a multipart/alternative message (plain text and HTML)
 * with the notification's id as its Message-ID. One connection is reused while messages keep coming
 * (a dispatch batch) and closed after {@link SmtpConfig#idleCloseMillis()} without use.
 *
 * <p>Jakarta Mail finds its transport and content handlers through the thread context class loader;
 * in OSGi that is whatever the calling thread had, so every call into it runs with this bundle's
 * class loader, which imports the Angus packages.
 */
@Component(
    service = NotificationChannel.class,
    configurationPid = SmtpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    // each message goes to its recipient alone: password reset links may go this way
    property = NotificationChannel.PRIVATE + ":Boolean=true")
@Designate(ocd = SmtpConfig.class)
public final class SmtpChannel implements NotificationChannel, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpChannel.class);

  private final SmtpSettings config;
  private final Session session;
  private final InternetAddress from;
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledExecutorService closer;
  private Transport transport;
  private long lastUsedNanos;

  @Activate
  public SmtpChannel(SmtpConfig configuration) throws ConfigurationException {
    this.config = SmtpSettings.from(configuration);
    try {
      this.from = new InternetAddress(config.from(), true);
    } catch (AddressException e) {
      throw new ConfigurationException(
          "from", Settings.quote(config.from()) + " is not an email address", e);
    }
    this.session = withBundleLoader(() -> Session.getInstance(properties(config)));
    this.closer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cores-smtp-idle-close");
              thread.setDaemon(true);
              return thread;
            });
    long idle = Math.max(config.idleCloseMillis(), 100);
    closer.scheduleWithFixedDelay(this::closeIfIdle, idle, idle, TimeUnit.MILLISECONDS);
    LOG.info("SMTP channel: {}:{} from {}", config.server(), config.port(), config.from());
  }

  static Properties properties(SmtpSettings config) {
    Properties p = new Properties();
    String timeout = Integer.toString(config.timeoutMillis());
    p.setProperty("mail.smtp.host", config.server());
    p.setProperty("mail.smtp.port", Integer.toString(config.port()));
    p.setProperty("mail.from", config.from());
    p.setProperty("mail.smtp.from", config.from());
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.auth", Boolean.toString(!config.user().isEmpty()));
    if (config.starttls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      // never fall back to plain text when the operator asked for TLS
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    if (config.ssl()) {
      p.setProperty("mail.smtp.ssl.enable", "true");
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public void deliver(Notification notification) throws DeliveryException {
    MimeMessage message;
    try {
      message = message(notification);
    } catch (MessagingException e) {
      throw new DeliveryException("cannot build the message: " + e.getMessage(), e);
    }
    lock.lock();
    try {
      // not Transport.isConnected(): Angus answers it with a NOOP round trip to the server, which
      // per message halved the throughput; a dropped connection shows as a failed send instead
      boolean reused = transport != null;
      try {
        send(message);
      } catch (MessagingException e) {
        closeTransport();
        if (!reused) {
          throw e;
        }
        // the server may have dropped an idle connection: one more try on a new one
        send(message);
      }
    } catch (MessagingException e) {
      closeTransport();
      throw new DeliveryException("SMTP: " + describe(e), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The message and its causes' messages: "IOException while sending message" alone says little.
   */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      text.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
      if (c.getCause() == c) {
        break;
      }
    }
    return text.toString();
  }

  private void send(MimeMessage message) throws MessagingException {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(SmtpChannel.class.getClassLoader());
    try {
      if (transport == null) {
        transport = connect();
      }
      transport.sendMessage(message, message.getAllRecipients());
      lastUsedNanos = System.nanoTime();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private Transport connect() throws MessagingException {
    // the Angus transport directly: no provider lookup that depends on class loader visibility;
    // SMTP_SSL is mail.smtp.ssl.enable on this "smtp" transport
    Transport t =
        new SMTPTransport(
            session, new URLName("smtp", config.server(), config.port(), null, null, null));
    if (config.user().isEmpty()) {
      t.connect();
    } else {
      t.connect(config.server(), config.port(), config.user(), config.password());
    }
    return t;
  }

  private MimeMessage message(Notification n) throws MessagingException {
    MimeMessage message = new StableIdMessage(session, "<" + n.id() + ">");
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(n.recipient(), true));
    message.setSubject(n.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    MimeMultipart alternative = new MimeMultipart("alternative");
    // parts from bytes: no content handler lookup (mailcap) is needed to write them
    alternative.addBodyPart(part(n.text(), "text/plain; charset=UTF-8"));
    if (n.html() != null) {
      alternative.addBodyPart(part(n.html(), "text/html; charset=UTF-8"));
    }
    DataHandler content = new DataHandler(alternative, alternative.getContentType());
    content.setCommandMap(MultipartCommandMap.INSTANCE);
    message.setDataHandler(content);
    alternative.setParent(message);
    withBundleLoaderChecked(message::saveChanges);
    return message;
  }

  private static MimeBodyPart part(String content, String type) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(
        new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type)));
    part.setHeader("Content-Type", type);
    return part;
  }

  private void closeIfIdle() {
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (transport != null
          && System.nanoTime() - lastUsedNanos
              >= TimeUnit.MILLISECONDS.toNanos(config.idleCloseMillis())) {
        closeTransport();
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeTransport() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        LOG.debug("Closing the SMTP connection failed", e);
      }
      transport = null;
    }
  }

  @Deactivate
  @Override
  public void close() {
    closer.shutdownNow();
    lock.lock();
    try {
      closeTransport();
    } finally {
      lock.unlock();
    }
  }

  private interface MailCall {
    void run() throws MessagingException;
  }

  private static void withBundleLoaderChecked(MailCall call) throws MessagingException {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(SmtpChannel.class.getClassLoader());
    try {
      call.run();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static <T> T withBundleLoader(java.util.function.Supplier<T> call) {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(SmtpChannel.class.getClassLoader());
    try {
      return call.get();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** A message whose Message-ID is the notification's, not a fresh random one. */
  private static final class StableIdMessage extends MimeMessage {
    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
