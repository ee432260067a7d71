package cores.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Outbox -> SMTP throughput of the built distribution against the physical limit here.
 *
 * <ol>
 *   <li>Baseline: this JVM sends N multipart (plain + HTML) messages over one reused SMTP
 *       connection to GreenMail on 127.0.0.1, no database.
 *   <li>Outbox: the distribution runs with SMTP_SERVER pointing at the same GreenMail; N rows are
 *       inserted into notify_outbox in one transaction; the clock runs until GreenMail has received
 *       all N (rendered from the templates, each claimed, sent and marked sent by the dispatcher).
 * </ol>
 *
 * Usage: {@code java -cp target/classes:target/lib/* cores.bench.OutboxThroughput <distribution
 * dir> [messages]}; needs PostgreSQL on 127.0.0.1:5432 (trust).
 */
public final class OutboxThroughput {
  private OutboxThroughput() {}

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int smtpPort = LocalCores.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    mail.start();
    try {
      outbox(dist, smtpPort, n, runs, mail);
    } finally {
      mail.stop();
    }
  }

  private static double baseline(int port, int n, GreenMail mail) throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(port));
    Session session = Session.getInstance(p);
    long start = System.nanoTime();
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      for (int i = 1; i <= n; i++) {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("cores@example.org"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("user" + i + "@example.org"));
        m.setSubject("Booking confirmed: host-" + i);
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your booking of host-" + i + " is confirmed.", "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Your booking of host-" + i + " is confirmed.</p>", "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        transport.sendMessage(m, m.getAllRecipients());
      }
    }
    if (!mail.waitForIncomingEmail(60_000, n)) {
      throw new IllegalStateException("baseline: not all messages arrived");
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Starts the distribution once, then alternates baseline and outbox runs (the machine is shared:
   * alternating exposes both to the same load) and prints each pair and the median ratio.
   */
  private static void outbox(Path dist, int smtpPort, int n, int runs, GreenMail mail)
      throws Exception {
    Map<String, String> smtp =
        Map.of("SMTP_SERVER", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort));
    try (LocalCores cores = LocalCores.start(dist, "outbox", smtp, "notify_outbox")) {
      double[] ratios = new double[runs];
      for (int run = 0; run < runs; run++) {
        mail.purgeEmailFromAllMailboxes();
        double baseline = baseline(smtpPort, n, mail);
        mail.purgeEmailFromAllMailboxes();
        long start = System.nanoTime();
        try (Connection c = LocalCores.connect(cores.db);
            Statement s = c.createStatement()) {
          s.execute(
              "INSERT INTO notify_outbox (type, recipient, data) SELECT 'booking_confirmed',"
                  + " 'user' || i || '@example.org', jsonb_build_object('host', 'host-' || i,"
                  + " 'host_id', i::text, 'start', '2026-12-01', 'end', '2026-12-02')"
                  + " FROM generate_series(1, "
                  + n
                  + ") i");
        }
        if (!mail.waitForIncomingEmail(300_000, n)) {
          throw new IllegalStateException("outbox: not all messages arrived; log " + cores.log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(500);
        if (mail.getReceivedMessages().length != n) {
          throw new IllegalStateException(
              "outbox: " + mail.getReceivedMessages().length + " received");
        }
        double outbox = n / seconds;
        ratios[run] = outbox / baseline;
        System.out.printf(
            "run %d: messages=%d baseline=%.0f msg/s outbox=%.0f msg/s (%.2f s) ratio=%.2f%n",
            run + 1, n, baseline, outbox, seconds, ratios[run]);
      }
      java.util.Arrays.sort(ratios);
      System.out.printf(
          "median ratio over %d runs: %.2f (log %s)%n", runs, ratios[runs / 2], cores.log);
    }
  }
}
