package cores.itests;

import static cores.itests.ApiClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live scan ingest through real HTTP against the booted distribution, in the original agent's
 * format: a scan processed with one status line per entry, the duplicate's 409, bad input's 400,
 * 50,001 entries' 400, a timestamp far from the server's clock a 400, a 20 MB body's 413 with the
 * server still answering, the conflict list and actions with their permissions, the live views
 * (sessions, upload, virtual hosts, MAC vendors, dashboard), and offline warnings' actions only on
 * open ones.
 */
class LiveIngestIT {
  private static TestDatabase db;
  private static CoresProcess cores;
  private static ApiClient api;
  private static String admin;
  private static String plain;
  private static String viewer;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("live-ingest", builder -> builder);
    db = api.db();
    cores = api.cores();
    admin = api.token(api.user("admin", true));
    plain = api.token(api.user("plain", false));
    viewer = api.token(api.user("viewer", false));
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
              + " 'live.view_scanconflict' FROM auth_user WHERE username = 'viewer'");
      s.execute("INSERT INTO inventory_lab (name, network) VALUES ('lab-live', '10.30.0.0/16')");
      s.execute(
          "INSERT INTO inventory_rack (number, lab_id) SELECT 0, id FROM inventory_lab"
              + " WHERE name = 'lab-live'");
      s.execute("INSERT INTO inventory_hosthardware (name) VALUES ('hw-live')");
      s.execute(
          "INSERT INTO inventory_host (hostname, hardware_id, status) SELECT 'live-1', id,"
              + " 'new' FROM inventory_hosthardware WHERE name = 'hw-live'");
      s.execute(
          "INSERT INTO inventory_nic (mac, host_id) SELECT '00:30:00:00:00:01', id"
              + " FROM inventory_host WHERE hostname = 'live-1'");
      s.execute("INSERT INTO inventory_nic (mac, ip) VALUES ('00:30:00:00:00:02', '10.30.0.2')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  /** A scan's timestamp the server takes: within its tolerance of now, whatever day it is. */
  private static Instant recent() {
    return Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  void aScanIsProcessedWithOneStatusLinePerEntryAndADuplicateIs409() throws Exception {
    Instant scanned = recent();
    String scan =
        "{\"agentident\":\"it-agent\",\"timestamp\":\""
            + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scanned.atOffset(ZoneOffset.ofHours(1)))
            + "\",\"results\":["
            + "{\"mac\":\"00:30:00:00:00:01\",\"ip\":\"10.30.0.1\"},"
            + "{\"mac\":\"00:30:00:00:00:02\",\"ip\":\"10.30.0.9\"},"
            + "{\"mac\":\"00:30:00:00:00:03\",\"ip\":\"10.30.0.3\"},"
            + "{\"mac\":\"02:30:00:00:00:04\",\"ip\":\"10.30.0.4\"},"
            + "{\"mac\":\"00:30:00\",\"ip\":\"10.30.0.5\"},"
            + "{\"mac\":\"00:30:00:00:00:06\",\"ip\":\"192.168.200.1\"}]}";
    assertEquals(403, api.send("POST", "/api/live/ingest", plain, scan).statusCode());
    HttpResponse<String> done = api.send("POST", "/api/live/ingest", admin, scan);
    assertEquals(200, done.statusCode(), done.body());
    String body = done.body();
    assertTrue(body.contains("\"timestamp\":\"" + scanned + "\""), body);
    assertTrue(body.contains("IP taken; host now active; placed in rack 0"), body);
    assertTrue(body.contains("\"status\":\"IP differs: conflict; NIC has no host\""), body);
    assertTrue(body.contains("\"status\":\"virtual host\""), body);
    assertTrue(body.contains("\"status\":\"bad mac: "), body);
    assertEquals(2, count(body, "\"status\":\"unknown MAC: conflict\""), body);
    // the original's answer, which its scan agent reads, first
    assertTrue(
        body.startsWith("{\"success\":true,\"result\":[{\"nic\":\"00:30:00:00:00:01\","), body);
    assertTrue(body.contains("{\"nic\":\"00:30:00\",\"error\":\"bad mac: "), body);

    HttpResponse<String> again = api.send("POST", "/api/live/ingest", admin, scan);
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("duplicate scan"), again.body());

    assertEquals(403, api.send("GET", "/api/live/conflicts/", plain, null).statusCode());
    HttpResponse<String> nics = api.send("GET", "/api/live/conflicts/?kind=nic", viewer, null);
    assertEquals(200, nics.statusCode(), nics.body());
    long id = id(nics);
    assertEquals(
        403, api.send("POST", "/api/live/conflicts/" + id + "/accept", viewer, null).statusCode());
    // an action that takes no input refuses what it would ignore, naming every field
    HttpResponse<String> given =
        api.send(
            "POST",
            "/api/live/conflicts/" + id + "/accept",
            admin,
            "{\"ip\":\"10.9.9.9\",\"force\":true}");
    assertEquals(400, given.statusCode(), given.body());
    assertTrue(
        given.body().contains("\"ip\":[\"unknown field\"]")
            && given.body().contains("\"force\":[\"unknown field\"]"),
        given.body());
    assertEquals(
        400, api.send("POST", "/api/live/conflicts/" + id + "/accept", admin, "[1]").statusCode());
    assertTrue(
        api.send("GET", "/api/live/conflicts/" + id, admin, null)
            .body()
            .contains("\"status\":\"new\""));
    HttpResponse<String> accepted =
        api.send("POST", "/api/live/conflicts/" + id + "/accept", admin, "{}");
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertTrue(accepted.body().contains("\"status\":\"resolved\""), accepted.body());

    HttpResponse<String> macs = api.send("GET", "/api/live/macs", plain, null);
    assertEquals(200, macs.statusCode(), macs.body());
    assertTrue(macs.body().contains("\"mac\":\"00:30:00:00:00:02\""), macs.body());
    assertEquals(401, api.send("GET", "/api/live/macs", null, null).statusCode());
  }

  @Test
  void badInputIs400AndLeavesNoSession() throws Exception {
    assertEquals(400, api.send("POST", "/api/live/ingest", admin, "{\"agentident\":").statusCode());
    HttpResponse<String> noResults =
        api.send("POST", "/api/live/ingest", admin, "{\"agentident\":\"it-bad\"}");
    assertEquals(400, noResults.statusCode(), noResults.body());
    assertTrue(noResults.body().contains("\"results\":[\"required\"]"), noResults.body());
    HttpResponse<String> noAgent = api.send("POST", "/api/live/ingest", admin, "{\"results\":[]}");
    assertEquals(400, noAgent.statusCode(), noAgent.body());
    StringBuilder many = new StringBuilder("{\"agentident\":\"it-bad\",\"results\":[");
    for (int i = 0; i <= 50_000; i++) {
      many.append(i == 0 ? "" : ",").append("{\"nic\":").append(i).append(",\"ip\":\"10.0.0.1\"}");
    }
    HttpResponse<String> tooMany = api.send("POST", "/api/live/ingest", admin, many + "]}");
    assertEquals(400, tooMany.statusCode(), tooMany.body());
    assertTrue(tooMany.body().contains("at most 50000 entries per scan"), tooMany.body());
    // a clock far off would pin the hosts' lastseen in the future, or set it to -infinity
    for (Instant off :
        List.of(Instant.now().plus(Duration.ofDays(3650)), Instant.parse("0001-01-01T00:00:00Z"))) {
      HttpResponse<String> refused =
          api.send(
              "POST",
              "/api/live/ingest",
              admin,
              "{\"agentident\":\"it-bad\",\"timestamp\":\""
                  + off
                  + "\",\"results\":[{\"mac\":\"00:30:00:00:00:01\",\"ip\":\"10.30.0.1\"}]}");
      assertEquals(400, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("\"timestamp\":[\"must lie between"), refused.body());
    }
    assertEquals(0, sessions("it-bad"));
  }

  @Test
  void aTwentyMegabyteBodyIs413AndTheServerStaysUp() throws Exception {
    int length = 20 * 1024 * 1024;
    // the server answers from the declared length, before reading the body
    String status =
        RawHttp.statusLineOfTruncated(
            cores.httpPort(),
            "POST",
            "/api/live/ingest",
            Map.of("Host", "127.0.0.1", "Authorization", admin, "Content-Type", "application/json"),
            length,
            "{\"agentident\":\"it-big\",\"results\":[");
    assertTrue(status.startsWith("HTTP/1.1 413"), status);
    assertEquals(200, cores.get("/api/health").statusCode());
    String small =
        "{\"agentident\":\"it-after-413\",\"results\":[{\"mac\":\"00:30:00:00:00:07\","
            + "\"ip\":\"10.30.0.7\"}]}";
    assertEquals(200, api.send("POST", "/api/live/ingest", admin, small).statusCode());
    assertEquals(0, sessions("it-big"));
  }

  @Test
  void theLiveViewsSessionsUploadVirtualHostsVendorsAndDashboard() throws Exception {
    // an Intel MAC nobody has (its vendor from Debian's ieee-data), a virtual machine
    String file =
        "{\"agentident\":\"it-upload\",\"timestamp\":\""
            + recent()
            + "\",\"results\":["
            + "{\"mac\":\"00:1b:21:30:00:01\",\"ip\":\"10.30.1.1\"},"
            + "{\"mac\":\"02:30:00:00:01:01\",\"ip\":\"10.30.1.2\"}]}";
    assertEquals(403, api.send("POST", "/api/live/sessions", viewer, file).statusCode());
    HttpResponse<String> uploaded = api.created("/api/live/sessions", admin, file);
    long session = id(uploaded);
    assertTrue(
        uploaded
            .headers()
            .firstValue("location")
            .orElse("")
            .endsWith("/api/live/sessions/" + session + "/"),
        uploaded.headers().map().toString());
    assertTrue(uploaded.body().contains("\"agent_identifier\":\"it-upload\""), uploaded.body());
    assertTrue(uploaded.body().contains("\"status\":\"virtual host\""), uploaded.body());

    assertEquals(403, api.send("GET", "/api/live/sessions", viewer, null).statusCode());
    HttpResponse<String> list = api.send("GET", "/api/live/sessions?agent=it-upload", admin, null);
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("\"count\":1"), list.body());
    assertTrue(
        list.body()
            .contains("\"counts\":{\"nic\":0,\"unknown\":1,\"virtual\":1,\"ignored\":0,\"bad\":0}"),
        list.body());
    HttpResponse<String> one = api.send("GET", "/api/live/sessions/" + session, admin, null);
    assertEquals(200, one.statusCode(), one.body());
    assertTrue(one.body().contains("\"raw_data\":\"{"), one.body());
    assertEquals(404, api.send("GET", "/api/live/sessions/987654", admin, null).statusCode());

    HttpResponse<String> unknown =
        api.send("GET", "/api/live/conflicts/?kind=unknown&status=new,ignore", viewer, null);
    assertEquals(200, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("\"mac\":\"00:1b:21:30:00:01\""), unknown.body());
    assertTrue(unknown.body().contains("\"vendor\":\"Intel Corporate\""), unknown.body());

    HttpResponse<String> virtual = api.send("GET", "/api/live/virtualhosts", viewer, null);
    assertEquals(200, virtual.statusCode(), virtual.body());
    assertTrue(virtual.body().contains("\"mac\":\"02:30:00:00:01:01\""), virtual.body());
    assertTrue(virtual.body().contains("\"location\":\"lab-live\""), virtual.body());
    assertEquals(403, api.send("GET", "/api/live/virtualhosts", plain, null).statusCode());

    HttpResponse<String> dashboard = api.send("GET", "/api/live/dashboard", viewer, null);
    assertEquals(200, dashboard.statusCode(), dashboard.body());
    assertTrue(dashboard.body().contains("\"last_scan\":{\"id\":"), dashboard.body());
    assertTrue(dashboard.body().contains("\"nics\":"), dashboard.body());
    assertEquals(403, api.send("GET", "/api/live/dashboard", plain, null).statusCode());
  }

  @Test
  void anOfflineWarningChangesOnlyWhileOpenAsAConflictARepeatIs409AndLogsNothing()
      throws Exception {
    long warning =
        db.number(
            "INSERT INTO live_offlinehostwarning (host_id, created) SELECT id, now()"
                + " FROM inventory_host WHERE hostname = 'live-1' RETURNING id");
    String path = "/api/live/offlinewarnings/" + warning;
    HttpResponse<String> given =
        api.send("POST", path + "/ignore", admin, "{\"reason\":\"moved\"}");
    assertEquals(400, given.statusCode(), given.body());
    assertTrue(given.body().contains("\"reason\":[\"unknown field\"]"), given.body());
    assertEquals(
        "new", db.text("SELECT status FROM live_offlinehostwarning WHERE id = ?", warning));
    HttpResponse<String> ignored = api.send("POST", path + "/ignore", admin, null);
    assertEquals(200, ignored.statusCode(), ignored.body());
    HttpResponse<String> resolved = api.send("POST", path + "/resolve", admin, null);
    assertEquals(200, resolved.statusCode(), "an ignored warning is still open");
    assertTrue(resolved.body().contains("\"status\":\"resolved\""), resolved.body());
    long logged =
        db.number(
            "SELECT count(*) FROM cores_change WHERE model = 'offlinehostwarning'"
                + " AND object_id = ?",
            warning);
    for (String action : List.of("/resolve", "/ignore")) {
      HttpResponse<String> refused = api.send("POST", path + action, admin, null);
      assertEquals(409, refused.statusCode(), action + ": " + refused.body());
      assertTrue(
          refused.body().contains("is resolved already; only open ones can be changed"),
          refused.body());
    }
    assertEquals(
        "resolved", db.text("SELECT status FROM live_offlinehostwarning WHERE id = ?", warning));
    assertEquals(
        logged,
        db.number(
            "SELECT count(*) FROM cores_change WHERE model = 'offlinehostwarning'"
                + " AND object_id = ?",
            warning));
  }

  private static long sessions(String agent) throws Exception {
    return db.number("SELECT count(*) FROM live_scansession WHERE agent = ?", agent);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
