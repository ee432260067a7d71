package cores.itests;

import static cores.itests.ApiClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change log through the booted distribution: every write path of the API (create, update and
 * delete of each inventory model, making hosts bookable, booking and cancelling, a live conflict
 * action) leaves its change with the acting user, a refused write leaves none, and {@code GET
 * /api/changes} checks the model's view permission.
 */
class ChangeLogIT {
  private static final Pattern ACTION = Pattern.compile("\"action\":\"([a-z]+)\"");

  private static ApiClient api;
  private static String admin;
  private static String plain;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("change-log", builder -> builder);
    admin = api.token(api.user("admin", true));
    plain = api.token(api.user("plain", false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  /** The actions of an object's changes, newest first, after checking who made them. */
  private static List<String> history(String model, long id) throws Exception {
    HttpResponse<String> answer =
        api.send("GET", "/api/changes?model=" + model + "&id=" + id, admin, null);
    assertEquals(200, answer.statusCode(), answer.body());
    List<String> actions = new ArrayList<>();
    Matcher m = ACTION.matcher(answer.body());
    while (m.find()) {
      actions.add(m.group(1));
    }
    assertEquals(
        actions.size(),
        count(answer.body(), "\"username\":\"admin\""),
        model + " changes are the admin's: " + answer.body());
    return actions;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static long rows() throws Exception {
    try (Connection c = api.db().connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM cores_change")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long create(String model, String json) throws Exception {
    return id(api.created("/api/inventory/" + model + "/", admin, json));
  }

  private static void patch(String model, long id, String json) throws Exception {
    HttpResponse<String> answer =
        api.send("PATCH", "/api/inventory/" + model + "/" + id + "/", admin, json);
    assertEquals(200, answer.statusCode(), answer.body());
  }

  private static void delete(String model, long id) throws Exception {
    HttpResponse<String> answer =
        api.send("DELETE", "/api/inventory/" + model + "/" + id + "/", admin, null);
    assertEquals(204, answer.statusCode(), answer.body());
  }

  @Test
  void everyInventoryWriteLeavesOneChangeAndARefusedOneNone() throws Exception {
    long building = create("building", "{\"code\":\"CL\"}");
    long lab = create("lab", "{\"name\":\"cl-lab\",\"building\":" + building + "}");
    long rack = create("rack", "{\"number\":3,\"lab\":" + lab + "}");
    long type = create("hosttype", "{\"name\":\"cl-type\"}");
    long hardware = create("hosthardware", "{\"name\":\"cl-hw\",\"host_type\":" + type + "}");
    long vendor = create("hdvendor", "{\"vendor\":\"cl-vendor\"}");
    long cardtype = create("cardtype", "{\"name\":\"cl-cardtype\"}");
    long host =
        create(
            "host",
            "{\"hostname\":\"cl-host\",\"hardware\":" + hardware + ",\"rack\":" + rack + "}");
    long card = create("card", "{\"cardtype\":" + cardtype + ",\"host\":" + host + "}");
    long nic = create("nic", "{\"mac\":\"02:cc:00:00:00:01\",\"host\":" + host + "}");
    List<Object[]> objects =
        List.of(
            new Object[] {"nic", nic, "{\"model\":\"x520\"}"},
            new Object[] {"card", card, "{\"details\":\"spare\"}"},
            new Object[] {"host", host, "{\"details\":\"in the corner\"}"},
            new Object[] {"cardtype", cardtype, "{\"comments\":\"pci\"}"},
            new Object[] {"hdvendor", vendor, "{\"vendor\":\"cl-vendor-2\"}"},
            new Object[] {"hosthardware", hardware, "{\"details\":\"2U\"}"},
            new Object[] {"hosttype", type, "{\"details\":\"servers\"}"},
            new Object[] {"rack", rack, "{\"comment\":\"left\"}"},
            new Object[] {"lab", lab, "{\"comment\":\"ground floor\"}"},
            new Object[] {"building", building, "{\"comment\":\"main\"}"});
    for (Object[] o : objects) {
      patch((String) o[0], (Long) o[1], (String) o[2]);
    }

    long before = rows();
    HttpResponse<String> badMac =
        api.send("PATCH", "/api/inventory/nic/" + nic + "/", admin, "{\"mac\":\"02:cc\"}");
    assertEquals(400, badMac.statusCode(), badMac.body());
    HttpResponse<String> taken =
        api.send(
            "POST",
            "/api/inventory/host/",
            admin,
            "{\"hostname\":\"CL-HOST\",\"hardware\":" + hardware + "}");
    assertEquals(400, taken.statusCode(), taken.body());
    HttpResponse<String> stillUsed =
        api.send("DELETE", "/api/inventory/hosttype/" + type + "/", admin, null);
    assertEquals(409, stillUsed.statusCode(), stillUsed.body());
    assertEquals(before, rows(), "refused writes leave no change");

    for (Object[] o : objects) {
      delete((String) o[0], (Long) o[1]);
    }
    for (Object[] o : objects) {
      assertEquals(
          List.of("delete", "update", "create"), history((String) o[0], (Long) o[1]), o[0] + "");
    }
    HttpResponse<String> update =
        api.send("GET", "/api/changes?model=host&id=" + host + "&limit=2", admin, null);
    assertTrue(
        update
            .body()
            .contains("{\"name\":\"details\",\"before\":\"\",\"after\":\"in the corner\"}"),
        update.body());
  }

  @Test
  void aHostsChangeOfStatusIsShownWithoutTheTimeItChangedAsItsLastSightingIsNot() throws Exception {
    long type = create("hosttype", "{\"name\":\"ss-type\"}");
    long hardware = create("hosthardware", "{\"name\":\"ss-hw\",\"host_type\":" + type + "}");
    long host = create("host", "{\"hostname\":\"ss-host\",\"hardware\":" + hardware + "}");
    patch("host", host, "{\"status\":\"active\"}");
    HttpResponse<String> answer =
        api.send("GET", "/api/changes?model=host&id=" + host + "&limit=1", admin, null);
    assertEquals(200, answer.statusCode(), answer.body());
    String update = answer.body();
    assertTrue(update.contains("\"action\":\"update\""), update);
    assertTrue(update.contains("\"status\""), update);
    assertFalse(update.contains("status_since"), "a time of writing, noise: " + update);
  }

  @Test
  void bookingAndLiveWritesLeaveTheirChanges() throws Exception {
    long bookable = bookable("bl");
    assertEquals(List.of("create"), history("bookable", bookable));

    long booking = book(bookable, admin);
    HttpResponse<String> changed =
        api.send(
            "PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"comment\":\"tests\"}");
    assertEquals(200, changed.statusCode(), changed.body());
    HttpResponse<String> cancelled =
        api.send("DELETE", "/api/booking/booking/" + booking + "/", admin, null);
    assertTrue(cancelled.statusCode() / 100 == 2, cancelled.body());
    List<String> bookingHistory = history("booking", booking);
    assertEquals("create", bookingHistory.get(bookingHistory.size() - 1), bookingHistory + "");
    assertTrue(bookingHistory.contains("update"), bookingHistory + "");
    assertTrue(
        bookingHistory.get(0).equals("delete") || bookingHistory.get(0).equals("update"),
        bookingHistory + "");

    String scan =
        "{\"agentident\":\"cl-agent\",\"timestamp\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\",\"results\":["
            + "{\"mac\":\"00:cc:00:00:00:77\",\"ip\":\"10.77.0.1\"}]}";
    HttpResponse<String> ingested = api.send("POST", "/api/live/ingest", admin, scan);
    assertEquals(200, ingested.statusCode(), ingested.body());
    HttpResponse<String> conflicts =
        api.send("GET", "/api/live/conflicts/?kind=unknown", admin, null);
    long conflict = id(conflicts);
    HttpResponse<String> resolved =
        api.send("POST", "/api/live/conflicts/" + conflict + "/resolve", admin, null);
    assertEquals(200, resolved.statusCode(), resolved.body());
    assertEquals(List.of("update", "create"), history("scanconflict", conflict));
  }

  /** A new host made bookable; its bookable's id. */
  private static long bookable(String prefix) throws Exception {
    long type = create("hosttype", "{\"name\":\"" + prefix + "-type\"}");
    long hardware =
        create("hosthardware", "{\"name\":\"" + prefix + "-hw\",\"host_type\":" + type + "}");
    long host =
        create(
            "host",
            "{\"hostname\":\""
                + prefix
                + "-host\",\"hardware\":"
                + hardware
                + ",\"status\":\"active\"}");
    HttpResponse<String> bulk =
        api.send(
            "POST",
            "/api/booking/bookable/bulk",
            admin,
            "{\"hosts\":[" + host + "],\"status\":\"active\"}");
    assertEquals(200, bulk.statusCode(), bulk.body());
    HttpResponse<String> withBookable =
        api.send("GET", "/api/inventory/host/" + host + "/", admin, null);
    Matcher bookableId = Pattern.compile("\"bookable\":(\\d+)").matcher(withBookable.body());
    assertTrue(bookableId.find(), withBookable.body());
    return Long.parseLong(bookableId.group(1));
  }

  /** A booking of four hours in two days, by the token's user. */
  private static long book(long bookable, String token) throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    return id(
        api.created(
            "/api/booking/booking/",
            token,
            "{\"bookable\":"
                + bookable
                + ",\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plus(Duration.ofHours(4))
                + "\"}"));
  }

  @Test
  void aBookingsOwnerReadsItsHistoryWithoutTheViewPermissionAndNobodyElseDoes() throws Exception {
    long booking = book(bookable("own"), plain);
    HttpResponse<String> changed =
        api.send(
            "PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"comment\":\"by staff\"}");
    assertEquals(200, changed.statusCode(), changed.body());
    HttpResponse<String> own =
        api.send("GET", "/api/changes?model=booking&id=" + booking, plain, null);
    assertEquals(200, own.statusCode(), own.body());
    assertEquals(2, count(own.body(), "\"object_id\":" + booking + ","), own.body());
    assertTrue(own.body().contains("by staff"), own.body());

    String other = api.token(api.user("other", false));
    HttpResponse<String> theirs =
        api.send("GET", "/api/changes?model=booking&id=" + booking, other, null);
    assertEquals(403, theirs.statusCode(), theirs.body());
    assertTrue(theirs.body().contains("booking.view_booking"), theirs.body());

    // cancelled, the booking is gone; its history is still its owner's to read
    HttpResponse<String> cancel =
        api.send("DELETE", "/api/booking/booking/" + booking + "/", plain, null);
    assertTrue(cancel.statusCode() / 100 == 2, cancel.body());
    HttpResponse<String> cancelled =
        api.send("GET", "/api/changes?model=booking&id=" + booking, plain, null);
    assertEquals(200, cancelled.statusCode(), cancelled.body());
    assertEquals(3, count(cancelled.body(), "\"object_id\":" + booking + ","), cancelled.body());
    assertTrue(cancelled.body().contains("\"action\":\"delete\""), cancelled.body());
    assertEquals(
        403, api.send("GET", "/api/changes?model=booking&id=" + booking, other, null).statusCode());
  }

  @Test
  void readingAnObjectsHistoryNeedsItsModelsViewPermission() throws Exception {
    assertEquals(401, api.send("GET", "/api/changes?model=host&id=1", null, null).statusCode());
    HttpResponse<String> forbidden = api.send("GET", "/api/changes?model=host&id=1", plain, null);
    assertEquals(403, forbidden.statusCode(), forbidden.body());
    assertTrue(forbidden.body().contains("inventory.view_host"), forbidden.body());
    assertEquals(403, api.send("GET", "/api/changes", plain, null).statusCode());
    assertEquals(404, api.send("GET", "/api/changes?model=nothing&id=1", admin, null).statusCode());
    assertEquals(400, api.send("GET", "/api/changes?id=1", admin, null).statusCode());
    assertEquals(400, api.send("GET", "/api/changes?action=drop", admin, null).statusCode());
    assertEquals(400, api.send("GET", "/api/changes?since=yesterday", admin, null).statusCode());
    // a time PostgreSQL cannot hold is the parameter's error, not a failed statement
    HttpResponse<String> far =
        api.send("GET", "/api/changes?before=%2B1000000000-01-01T00:00:00Z", admin, null);
    assertEquals(400, far.statusCode(), far.body());
    assertTrue(far.body().contains("before") && far.body().contains("9999"), far.body());
    assertEquals(
        400, api.send("GET", "/api/changes?since=0000-01-01T00:00:00Z", admin, null).statusCode());
    assertEquals(400, api.send("GET", "/api/changes?model=host&id=0", admin, null).statusCode());
    // a model alone narrows the whole list (superusers), as action and time do
    HttpResponse<String> hosts =
        api.send(
            "GET",
            "/api/changes?model=host&action=create&since=2000-01-01T00:00:00Z&offset=0",
            admin,
            null);
    assertEquals(200, hosts.statusCode(), hosts.body());
    assertTrue(hosts.body().contains("\"model\":\"host\""), hosts.body());
    assertFalse(hosts.body().contains("\"model\":\"building\""), hosts.body());
    assertFalse(hosts.body().contains("\"action\":\"update\""), hosts.body());
    assertEquals(
        403, api.send("GET", "/api/changes?model=host&action=create", plain, null).statusCode());
    assertEquals(200, api.send("GET", "/api/changes?limit=5", admin, null).statusCode());
  }

  @Test
  void theListIsAPageInTheApisNames() throws Exception {
    create("building", "{\"code\":\"page-a\"}");
    create("building", "{\"code\":\"page-b\"}");
    HttpResponse<String> first =
        api.send("GET", "/api/changes?model=building&limit=1", admin, null);
    assertEquals(200, first.statusCode(), first.body());
    String body = first.body();
    assertTrue(body.startsWith("{\"count\":"), body);
    assertTrue(body.contains("\"previous\":null"), body);
    assertTrue(body.contains("\"next\":\"") && body.contains("offset=1"), body);
    assertTrue(body.contains("\"results\":[{\"id\":"), body);
    for (String key : List.of("user_id", "impersonator_id", "object_id")) {
      assertTrue(body.contains("\"" + key + "\":"), key + " in " + body);
    }
    assertFalse(body.contains("\"objectId\""), body);
  }

  @Test
  void otherUsersChangesAreReadOfTheModelsTheReaderMayView() throws Exception {
    create("building", "{\"code\":\"seen-bv\"}");
    String viewer = api.user("building-viewer", false);
    try (Connection c = api.db().connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
              + " 'inventory.view_building' FROM auth_user WHERE username = 'building-viewer'");
    }
    String token = api.token(viewer);
    HttpResponse<String> all = api.send("GET", "/api/changes?limit=1000", token, null);
    assertEquals(200, all.statusCode(), all.body());
    assertTrue(all.body().contains("\"model\":\"building\""), all.body());
    assertFalse(all.body().contains("\"model\":\"host\""), all.body());
    assertEquals(403, api.send("GET", "/api/changes?model=host", token, null).statusCode());
  }
}
