package cores.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Live scan ingest of the built distribution against a plain bulk insert of the same rows.
 *
 * <ol>
 *   <li>Seed: 20 labs (10.1.0.0/16 .. 10.20.0.0/16, each with rack 0) and 10,000 active hosts with
 *       one NIC each, spread over the labs.
 *   <li>Scan: {@code POST /api/live/ingest} of N entries in the agent's format, 85% unchanged
 *       (known MAC, recorded IP), 10% moved (known MAC, another IP of its lab), 5% unknown MACs;
 *       timed end to end (request sent to answer read) from this JVM.
 *   <li>Baseline, in the same run: {@code COPY} of the same N (mac, ip) rows into a scratch table
 *       over one open JDBC connection, committed.
 * </ol>
 *
 * Runs alternate (the machine is shared), after one untimed warm-up of each; each scan has its own
 * timestamp. Prints each pair and the median ratio for N = 10,000 and N = 200.
 *
 * <p>Usage: {@code java -cp bench/target/classes:bench/target/lib/* cores.bench.LiveIngest
 * launcher/target/cores [runs]}; needs PostgreSQL on 127.0.0.1:5432 (trust).
 */
public final class LiveIngest {
  private static final int NICS = 10_000;
  private static final int LABS = 20;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LiveIngest() {}

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (LocalCores cores = LocalCores.start(dist, "live", Map.of(), "live_scansession");
        Connection c = LocalCores.connect(cores.db)) {
      int port = cores.port;
      seed(c);
      String token = token(port, user(c));
      Bench bench = new Bench(port, token, c);
      for (int n : new int[] {NICS, 200}) {
        bench.ingest(n, "warm-up-" + n);
        bench.copy(n);
        double[] ratios = new double[runs];
        for (int run = 0; run < runs; run++) {
          double copy = bench.copy(n);
          double ingest = bench.ingest(n, "run-" + n);
          ratios[run] = ingest / copy;
          System.out.printf(
              "entries=%d run %d: ingest over HTTP %.1f ms, COPY %.1f ms, ratio %.1f%n",
              n, run + 1, ingest, copy, ratios[run]);
        }
        Arrays.sort(ratios);
        System.out.printf(
            "entries=%d median ratio over %d runs: %.1f%n", n, runs, ratios[runs / 2]);
      }
      System.out.println("log: " + cores.log);
    }
  }

  /** The scan entries and both ways of writing them. */
  private static final class Bench {
    private final int port;
    private final String token;
    private final Connection c;
    private int scans;

    /** Scans are timestamped from here on, one second apart: near now, as the server requires. */
    private final Instant started = Instant.now().minus(Duration.ofHours(1));

    Bench(int port, String token, Connection c) {
      this.port = port;
      this.token = token;
      this.c = c;
    }

    /** Entry i: NIC i unchanged (85%), moved within its lab (10%), or an unknown MAC (5%). */
    private static String[] entry(int i) {
      int lab = i % LABS + 1;
      int slot = i / LABS;
      String ip = "10." + lab + "." + (slot / 250) + "." + (slot % 250 + 1);
      int bucket = i % 100;
      if (bucket < 85) {
        return new String[] {mac(0, i), ip};
      }
      if (bucket < 95) {
        return new String[] {mac(0, i), "10." + lab + ".200." + (slot % 250 + 1)};
      }
      return new String[] {mac(1, i), ip};
    }

    /** ms for POST /api/live/ingest of n entries, answer read. */
    double ingest(int n, String agent) throws Exception {
      StringBuilder body = new StringBuilder(n * 48);
      body.append("{\"agentident\":\"")
          .append(agent)
          .append("\",\"timestamp\":\"")
          .append(started.plusSeconds(++scans))
          .append("\",\"results\":[");
      for (int i = 0; i < n; i++) {
        String[] e = entry(i);
        body.append(i == 0 ? "" : ",")
            .append("{\"mac\":\"")
            .append(e[0])
            .append("\",\"ip\":\"")
            .append(e[1])
            .append("\"}");
      }
      body.append("]}");
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live/ingest"))
              .timeout(Duration.ofSeconds(120))
              .header("Content-Type", "application/json")
              .header("Authorization", token)
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build();
      long start = System.nanoTime();
      HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - start) / 1e6;
      if (answer.statusCode() != 200 || count(answer.body(), "\"entry\":") != n) {
        throw new IllegalStateException(
            "ingest: " + answer.statusCode() + " " + answer.body().substring(0, 300));
      }
      return ms;
    }

    /** ms for COPY of the same n (mac, ip) rows into a scratch table, committed. */
    double copy(int n) throws Exception {
      StringBuilder rows = new StringBuilder(n * 32);
      for (int i = 0; i < n; i++) {
        String[] e = entry(i);
        rows.append(e[0]).append('\t').append(e[1]).append('\n');
      }
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE bench_scan");
      }
      c.commit();
      long start = System.nanoTime();
      new CopyManager(c.unwrap(BaseConnection.class))
          .copyIn("COPY bench_scan (mac, ip) FROM STDIN", new StringReader(rows.toString()));
      c.commit();
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static String mac(int kind, int i) {
    return String.format(
        "00:5%d:00:%02x:%02x:%02x", kind, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  /**
   * 20 labs with rack 0, 10,000 active hosts with one NIC each (IP in its lab), a scratch table.
   */
  private static void seed(Connection c) throws Exception {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO inventory_lab (name, network) SELECT 'lab' || l, ('10.' || l"
              + " || '.0.0/16')::cidr FROM generate_series(1, "
              + LABS
              + ") l");
      s.execute("INSERT INTO inventory_rack (number, lab_id) SELECT 0, id FROM inventory_lab");
      s.execute("INSERT INTO inventory_hosthardware (name) VALUES ('bench')");
      s.execute(
          "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status)"
              + " SELECT 'host-' || i, (SELECT id FROM inventory_hosthardware),"
              + " (SELECT r.id FROM inventory_rack r JOIN inventory_lab l ON l.id = r.lab_id"
              + " WHERE l.name = 'lab' || (i % "
              + LABS
              + " + 1)), 'active' FROM generate_series(0, "
              + (NICS - 1)
              + ") i");
      s.execute(
          "INSERT INTO inventory_nic (mac, ip, host_id, \"primary\") SELECT format("
              + "'00:50:00:%s:%s:%s', lpad(to_hex((i >> 16) & 255), 2, '0'),"
              + " lpad(to_hex((i >> 8) & 255), 2, '0'), lpad(to_hex(i & 255), 2, '0'))::macaddr,"
              + " ('10.' || (i % "
              + LABS
              + " + 1) || '.' || ((i / "
              + LABS
              + ") / 250) || '.' || ((i / "
              + LABS
              + ") % 250 + 1))::inet, h.id, true"
              + " FROM generate_series(0, "
              + (NICS - 1)
              + ") i JOIN inventory_host h ON h.hostname = 'host-' || i");
      s.execute(
          "UPDATE inventory_host h SET ip = n.ip FROM inventory_nic n WHERE n.host_id = h.id");
      s.execute("CREATE TABLE bench_scan (mac macaddr NOT NULL, ip inet NOT NULL)");
      s.execute("ANALYZE");
    }
    c.commit();
  }

  /** A staff user with a Django-format password hash of few iterations; its Basic header. */
  private static String user(Connection c) throws Exception {
    String password = "bench-" + System.nanoTime();
    String salt = "salt" + System.nanoTime();
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(
                new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1000, 256))
            .getEncoded();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO auth_user (username, password, is_staff, is_superuser)"
                + " VALUES ('bench', ?, true, true)")) {
      insert.setString(
          1, "pbkdf2_sha256$1000$" + salt + "$" + Base64.getEncoder().encodeToString(hash));
      insert.executeUpdate();
    }
    c.commit();
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("bench:" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String token(int port, String basic) throws Exception {
    HttpResponse<String> issued =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/tokens"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"bench\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(issued.body());
    if (!m.find()) {
      throw new IllegalStateException("no token: " + issued.statusCode() + " " + issued.body());
    }
    return "Token " + m.group(1);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
