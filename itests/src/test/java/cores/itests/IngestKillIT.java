package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Cores in the middle of a 10,000-entry scan ingest, then a restart: the scan is
 * applied fully or not at all, and posting it again ends in the state one clean ingest of it gives
 * on a second database seeded the same way.
 */
class IngestKillIT {
  private static final int ENTRIES = 10_000;
  private static final int KNOWN = 4_000;
  private static final Duration BOOT = Duration.ofSeconds(120);

  /** The tables a scan writes, compared without their own ids and creation times. */
  private static final List<String> TABLES =
      List.of(
          "inventory_host",
          "inventory_nic",
          "live_scansession",
          "live_scanconflict",
          "live_virtualhost",
          "live_offlinehostwarning");

  @Test
  void aScanKilledMidwayIsAllOrNothingAndPostingItAgainEqualsOneCleanIngest() throws Exception {
    String scan = scan();

    // the reference: one clean ingest on its own database
    Map<String, String> clean;
    Map<String, String> seeded;
    try (ApiClient reference = ApiClient.boot("ingest-kill-reference", b -> b)) {
      seed(reference.db());
      seeded = state(reference.db());
      String admin = reference.token(reference.user("admin", true));
      HttpResponse<String> done = reference.send("POST", "/api/live/ingest", admin, scan);
      assertEquals(200, done.statusCode(), done.body());
      clean = state(reference.db());
    }
    assertFalse(clean.equals(seeded), "the scan changes the tables");

    ApiClient first = ApiClient.boot("ingest-kill", b -> b);
    TestDatabase db = first.db();
    try {
      seed(db);
      assertEquals(seeded, state(db), "both databases start alike");
      String admin = first.token(first.user("admin", true));
      CompletableFuture<HttpResponse<String>> posted =
          first.sendAsync("POST", "/api/live/ingest", admin, scan);
      awaitIngestInProgress(db, posted);
      first.cores().kill();
      assertTrue(posted.handle((r, e) -> e != null).get(), "the client saw the connection drop");

      Map<String, String> afterKill = state(db);
      assertTrue(
          afterKill.equals(seeded) || afterKill.equals(clean),
          "all or nothing; after the kill:\n" + afterKill + "\nseeded:\n" + seeded);

      try (CoresProcess restarted =
          CoresProcess.builder("ingest-kill-restart")
              .env(db.environment())
              .env("CORES_DATA", first.cores().dataDirectory().toString())
              .start()) {
        restarted.awaitHealthy(BOOT);
        ApiClient again = new ApiClient(restarted, db);
        HttpResponse<String> reposted = again.send("POST", "/api/live/ingest", admin, scan);
        // applied before the kill: a duplicate; rolled back: processed now
        assertEquals(afterKill.equals(clean) ? 409 : 200, reposted.statusCode(), reposted.body());
        assertEquals(clean, state(db), "posted again, the state of one clean ingest");
        assertEquals(0, restarted.stop());
      }
    } finally {
      first.close();
    }
  }

  /** Waits until a transaction of Cores holds the ingest's lock (taken first, freed at commit). */
  private static void awaitIngestInProgress(
      TestDatabase db, CompletableFuture<HttpResponse<String>> posted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertFalse(posted.isDone(), "the ingest ended before it was seen running: " + posted);
      long holding =
          db.number(
              "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                  + " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = ?"
                  + " AND a.application_name = 'cores'",
              db.name());
      if (holding > 0) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the ingest did not start within 60 s");
  }

  /**
   * A lab with rack 0 and {@value #KNOWN} new hosts with a NIC each, every other one with an IP.
   */
  private static void seed(TestDatabase db) throws Exception {
    db.execute("INSERT INTO inventory_lab (name, network) VALUES ('lab-kill', '10.40.0.0/16')");
    db.execute(
        "INSERT INTO inventory_rack (number, lab_id) SELECT 0, id FROM inventory_lab"
            + " WHERE name = 'lab-kill'");
    db.execute("INSERT INTO inventory_hosthardware (name) VALUES ('hw-kill')");
    db.execute(
        "INSERT INTO inventory_host (hostname, hardware_id, status) SELECT 'kill-' || g, h.id,"
            + " 'new' FROM generate_series(0, ?) g, inventory_hosthardware h"
            + " WHERE h.name = 'hw-kill' ORDER BY g",
        KNOWN - 1);
    db.execute(
        "INSERT INTO inventory_nic (mac, host_id, ip) SELECT"
            + " ('00:40:00:00:' || lpad(to_hex(g >> 8), 2, '0') || ':'"
            + " || lpad(to_hex(g & 255), 2, '0'))::macaddr, h.id,"
            + " CASE WHEN g % 2 = 0 THEN ('10.40.' || (g >> 8) || '.' || (g & 255))::inet END"
            + " FROM generate_series(0, ?) g JOIN inventory_host h ON h.hostname = 'kill-' || g"
            + " ORDER BY g",
        KNOWN - 1);
  }

  /**
   * {@value #ENTRIES} entries: the known NICs (at their IP, at another one, or first seen), unknown
   * MACs inside and outside the lab, virtual machines, and some bad MACs.
   */
  /** One timestamp for every sending of the scan, within the server's tolerance of now. */
  private static final Instant SCANNED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static String scan() {
    StringBuilder s =
        new StringBuilder(
            "{\"agentident\":\"kill-agent\",\"timestamp\":\"" + SCANNED + "\",\"results\":[");
    for (int i = 0; i < ENTRIES; i++) {
      String mac;
      String ip;
      if (i < KNOWN) {
        mac = mac("00:40", i);
        ip = i % 4 == 2 ? "10.40." + (100 + (i >> 8)) + "." + (i & 255) : ip(i);
      } else if (i < 9_000) {
        mac = mac("00:41", i);
        ip = i % 10 == 0 ? "192.168." + ((i >> 8) & 255) + "." + (i & 255) : ip(i);
      } else if (i < 9_900) {
        mac = mac("02:40", i);
        ip = ip(i);
      } else {
        mac = "00:40:bad:" + i;
        ip = ip(i);
      }
      s.append(i == 0 ? "" : ",")
          .append("{\"mac\":\"")
          .append(mac)
          .append("\",\"ip\":\"")
          .append(ip)
          .append("\"}");
    }
    return s.append("]}").toString();
  }

  private static String mac(String prefix, int i) {
    return String.format("%s:00:%02x:%02x:%02x", prefix, (i >> 16) & 255, (i >> 8) & 255, i & 255);
  }

  private static String ip(int i) {
    return "10.40." + (i >> 8) + "." + (i & 255);
  }

  /**
   * Per table: its row count and a digest of its rows without id, the times of their writing
   * (creation, a host's last change of status) and session.
   */
  private static Map<String, String> state(TestDatabase db) throws Exception {
    Map<String, String> state = new LinkedHashMap<>();
    for (String table : TABLES) {
      // the table names are the constants above
      state.put(
          table,
          db.text(
              "SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '-')"
                  + " FROM (SELECT (to_jsonb(t) - 'id' - 'created' - 'status_since' - 'session_id')::text AS r"
                  + " FROM "
                  + table
                  + " t) x"));
    }
    return state;
  }
}
