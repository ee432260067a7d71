package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract with the original's clients: an import script and a scan agent written for the
 * original Cores talk to the booted distribution exactly as they talked to it (its field names,
 * {@code Authorization: Token <key>}, its scan payload, dates without an offset), and what they
 * read back has the original's shapes: the keys of its serializers (Cores' own data beside them)
 * and its computed fields.
 */
class OriginalClientIT {
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ApiClient api;
  private static String token;
  private static long adminId;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("original-client", b -> b.env("CORES_TIME_ZONE", ZONE.getId()));
    token = api.token(api.user("admin", true));
    adminId = api.db().number("SELECT id FROM auth_user WHERE username = 'admin'");
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void anOriginalImportScriptAndScanAgentWorkUnchanged() throws Exception {
    assertEquals(200, api.send("GET", "/api/auth-test", token, null).statusCode());

    // the import script builds the inventory with the original's field names
    long building = id(post("/api/inventory/building/", "{'code':'LAB1','comment':'main'}"));
    long lab =
        id(
            post(
                "/api/inventory/lab/",
                "{'name':'lab-a','building':" + building + ",'network':'10.40.0.0/16'}"));
    post("/api/inventory/rack/", "{'number':0,'lab':" + lab + ",'comment':'default'}");
    long rack = id(post("/api/inventory/rack/", "{'number':3,'lab':" + lab + "}"));
    JsonNode hostType =
        ok("POST", "/api/import/gethosttype", "{'name':'tcpreplay','details':'replays traffic'}");
    assertKeys(hostType, "name", "details", "id", "created");
    assertTrue(hostType.get("created").asBoolean());
    JsonNode hardware =
        ok(
            "POST",
            "/api/import/gethosthardware",
            "{'name':'R640','host_type':" + hostType.get("id") + ",'details':'Dell'}");
    assertKeys(hardware, "name", "details", "host_type", "id", "created");
    assertEquals(hostType.get("id").asLong(), hardware.get("host_type").asLong());
    long vendor = id(post("/api/inventory/hdvendor/", "{'vendor':'Seagate'}"));
    long cardType = id(post("/api/inventory/cardtype/", "{'name':'X710','comments':'10G'}"));
    long host =
        id(
            post(
                "/api/inventory/hostbyid/",
                "{'hostname':'orig-1','serial_no':'SN-1','asset_no':'A-1','diskvendor':"
                    + vendor
                    + ",'hardware':"
                    + hardware.get("id")
                    + ",'rack':"
                    + rack
                    + ",'hypervisor':true,'details':'hypervisor','status':'active'}"));
    long guest =
        id(
            post(
                "/api/inventory/hostbyid/",
                "{'hostname':'orig-vm','hardware':"
                    + hardware.get("id")
                    + ",'vm_host':"
                    + host
                    + "}"));
    post(
        "/api/inventory/card/",
        "{'cardtype':" + cardType + ",'details':'port 1','asset_no':'C-1','host':" + host + "}");
    post(
        "/api/inventory/nicbyid/",
        "{'model':'X710','mac':'00:40:00:00:00:01','integrated':false,'management':false,"
            + "'host':"
            + host
            + ",'primary':true}");
    long bookable =
        id(post("/api/booking/bookable/", "{'host':" + host + ",'status':'active','comment':''}"));

    // the scan agent: every NIC's MAC, then a scan in the original's format (NIC ids as text, as
    // in the original's example payload) whose answer it reads by success and result
    JsonNode macs = ok("GET", "/api/live/macs", null);
    String nic = null;
    for (JsonNode row : macs) {
      if ("00:40:00:00:00:01".equals(row.get("mac").asText())) {
        nic = row.get("id").asText();
      }
    }
    JsonNode scan =
        ok(
            "POST",
            "/api/live/ingest",
            "{'agentident':'agent-1','results':[{'nic':'"
                + nic
                + "','ip':'10.40.0.11'},{'mac':'00:40:00:00:00:99','ip':'10.40.0.99'},"
                + "{'mac':'00:40','ip':'10.40.0.98'}]}");
    assertTrue(scan.get("success").asBoolean(), scan.toString());
    JsonNode result = scan.get("result");
    assertEquals(3, result.size(), scan.toString());
    assertKeys(result.get(0), "nic", "success");
    assertEquals("00:40:00:00:00:01", result.get(0).get("nic").asText());
    assertKeys(result.get(1), "nic", "success");
    assertEquals("00:40:00:00:00:99", result.get(1).get("nic").asText());
    assertKeys(result.get(2), "nic", "error");
    assertEquals("00:40", result.get(2).get("nic").asText());
    // Cores' own answer beside the original's
    assertEquals(3, scan.get("results").size(), scan.toString());
    assertTrue(scan.has("session"), scan.toString());

    // a booking with local times (no offset): the original read them in its time zone
    LocalDateTime start = LocalDate.now(ZONE).plusDays(2).atTime(9, 0);
    LocalDateTime end = start.plusDays(1);
    HttpResponse<String> dateOnly =
        api.send(
            "POST",
            "/api/booking/booking/",
            token,
            json(
                "{'bookable':"
                    + bookable
                    + ",'start':'"
                    + start.toLocalDate()
                    + "','end':'"
                    + end
                    + "','comment':'c'}"));
    assertEquals(400, dateOnly.statusCode(), dateOnly.body());
    assertTrue(dateOnly.body().contains("a date alone is not enough"), dateOnly.body());
    JsonNode booking =
        JSON.readTree(
            post(
                    "/api/booking/booking/",
                    "{'bookable':"
                        + bookable
                        + ",'owner':"
                        + adminId
                        + ",'start':'"
                        + start
                        + "','end':'"
                        + end
                        + "','comment':'imported','import_id':42}")
                .body());
    assertKeys(
        booking,
        "id",
        "bookable",
        "owner",
        "start",
        "end",
        "comment",
        "timestamp",
        "mail_start_reminder_sent",
        "mail_end_reminder_sent",
        "mail_end_sent",
        "import_id");
    assertEquals(start.atZone(ZONE).toInstant(), Instant.parse(booking.get("start").asText()));
    assertEquals(42, booking.get("import_id").asLong());
    JsonNode byImport = ok("GET", "/api/booking/booking/?import_id=42", null);
    assertEquals(1, byImport.get("count").asInt(), byImport.toString());

    // read back: the original's keys (Cores' own may be beside them), none of Cores' old names
    JsonNode hostRow = ok("GET", "/api/inventory/hostbyid/?hostname=ORIG-1", null);
    assertEquals(1, hostRow.get("count").asInt(), hostRow.toString());
    JsonNode h = hostRow.get("results").get(0);
    assertHasKeys(
        h,
        "id",
        "hostname",
        "ip",
        "serial_no",
        "asset_no",
        "diskvendor",
        "hardware",
        "rack",
        "hypervisor",
        "vm_host",
        "details",
        "lastseen",
        "status",
        "group",
        "bookable");
    assertEquals(bookable, h.get("bookable").asLong());
    assertEquals("10.40.0.11", h.get("ip").asText());
    assertEquals("SN-1", h.get("serial_no").asText());
    assertEquals(vendor, h.get("diskvendor").asLong());
    assertEquals(
        host, ok("GET", "/api/inventory/host/" + guest + "/", null).get("vm_host").asLong());
    assertKeys(
        ok("GET", "/api/inventory/hosthardware/" + hardware.get("id") + "/", null),
        "id",
        "name",
        "details",
        "host_type");
    JsonNode card = ok("GET", "/api/inventory/card/?host=" + host, null).get("results").get(0);
    assertKeys(card, "id", "cardtype", "details", "asset_no", "host");
    assertKeys(
        ok("GET", "/api/inventory/nicbyid/?mac=00:40:00:00:00:01", null).get("results").get(0),
        "id",
        "model",
        "mac",
        "integrated",
        "management",
        "primary",
        "host",
        "ip",
        "lastseen");

    JsonNode row = ok("GET", "/api/booking/bookable/" + bookable + "/", null);
    assertHasKeys(
        row,
        "id",
        "status",
        "host",
        "comment",
        "hostname",
        "ip",
        "hardware",
        "cards",
        "rack",
        "booked",
        "reserved");
    assertEquals("[tcpreplay] R640", row.get("hardware").asText());
    assertEquals("3 in LAB1/lab-a", row.get("rack").asText());
    assertEquals(1, row.get("cards").size(), row.toString());
    assertKeys(row.get("cards").get(0), "id", "cardtype__name", "details");
    assertEquals("X710", row.get("cards").get(0).get("cardtype__name").asText());
    assertEquals("port 1", row.get("cards").get(0).get("details").asText());
    assertFalse(row.get("reserved").asBoolean());
    // booked only while a booking holds: this one starts in two days
    assertFalse(row.get("booked").asBoolean());
    // anonymous readers see the same rows
    JsonNode anonymous =
        JSON.readTree(
            api.send("GET", "/api/booking/bookable/?active=1&lab=" + lab, null, null).body());
    assertEquals(1, anonymous.get("count").asInt(), anonymous.toString());
    assertEquals(row, anonymous.get("results").get(0));
  }

  @Test
  void theBookableRowSaysWhoHoldsItNowAsTheOriginalDid() throws Exception {
    long hardware = id(post("/api/inventory/hosthardware/", "{'name':'held-hw'}"));
    long host =
        id(
            post(
                "/api/inventory/host/",
                "{'hostname':'held-1','hardware':" + hardware + ",'status':'active'}"));
    long bookable = id(post("/api/booking/bookable/", "{'host':" + host + ",'status':'active'}"));
    // starting now (a start a little in the past is refused): a booking holding from the request
    LocalDateTime end = LocalDateTime.now(ZONE).plusHours(3).withNano(0);
    post(
        "/api/booking/booking/",
        "{'bookable':" + bookable + ",'end':'" + end + "','comment':'now'}");
    JsonNode row = ok("GET", "/api/booking/bookable/" + bookable + "/", null);
    assertEquals(
        "Booked until " + end.format(DateTimeFormatter.ofPattern("dd/MM/yy")) + " by admin",
        row.get("booked").asText());
    assertEquals("admin", row.get("booked_by").asText());
    assertEquals("held-hw", row.get("hardware").asText());
    assertTrue(row.get("rack").isNull(), row.toString());
    assertEquals(0, row.get("cards").size());
  }

  /**
   * A client of the original sends a row back as it read it (GET, then PUT of the same body): every
   * model the API serves takes it, the read-only fields (id, owner, timestamps, derived values)
   * with the values they have ignored, and the row stays as it was. A read-only field sent with
   * another value is a 400 at the field saying so, and a name the row does not have is unknown.
   * Bookings and reservations answered 400 "Unknown field." for the first; a host's ip a 400.
   */
  @Test
  void aRowReadIsTakenBackAsItWasReadAndAChangedReadOnlyFieldIsRefused() throws Exception {
    long building = id(post("/api/inventory/building/", "{'code':'RT1'}"));
    long lab = id(post("/api/inventory/lab/", "{'name':'rt-lab','building':" + building + "}"));
    long rack = id(post("/api/inventory/rack/", "{'number':1,'lab':" + lab + "}"));
    long type = id(post("/api/inventory/hosttype/", "{'name':'rt-type'}"));
    long hardware =
        id(post("/api/inventory/hosthardware/", "{'name':'rt-hw','host_type':" + type + "}"));
    long vendor = id(post("/api/inventory/hdvendor/", "{'vendor':'rt-vendor'}"));
    long cardType = id(post("/api/inventory/cardtype/", "{'name':'rt-card'}"));
    long host =
        id(
            post(
                "/api/inventory/host/",
                "{'hostname':'rt-1','hardware':"
                    + hardware
                    + ",'rack':"
                    + rack
                    + ",'diskvendor':"
                    + vendor
                    + ",'status':'active'}"));
    long card =
        id(post("/api/inventory/card/", "{'cardtype':" + cardType + ",'host':" + host + "}"));
    long nic =
        id(
            post(
                "/api/inventory/nic/",
                "{'model':'m','mac':'00:41:00:00:00:01','host':" + host + ",'primary':true}"));
    long bookable = id(post("/api/booking/bookable/", "{'host':" + host + ",'status':'active'}"));
    long notice =
        id(
            post(
                "/api/notices/notice/",
                "{'title':'rt','message':'m','expires':'2099-01-01T09:00'}"));
    long customer = id(post("/api/loans/customer/", "{'name':'RT Ltd'}"));
    long loanHost =
        id(post("/api/inventory/host/", "{'hostname':'rt-2','hardware':" + hardware + "}"));
    long loan =
        id(
            post(
                "/api/loans/loan/",
                "{'host':"
                    + loanHost
                    + ",'customer':"
                    + customer
                    + ",'start':'"
                    + LocalDate.now(ZONE)
                    + "'}"));
    LocalDateTime start = LocalDate.now(ZONE).plusDays(3).atTime(9, 0);
    long booking =
        id(
            post(
                "/api/booking/booking/",
                "{'bookable':"
                    + bookable
                    + ",'start':'"
                    + start
                    + "','end':'"
                    + start.plusHours(2)
                    + "'}"));
    long reservation =
        id(
            post(
                "/api/booking/reservation/",
                "{'bookable':" + bookable + ",'start':'" + start.plusDays(2) + "'}"));
    List<String> rows =
        List.of(
            "/api/inventory/building/" + building,
            "/api/inventory/lab/" + lab,
            "/api/inventory/rack/" + rack,
            "/api/inventory/hosttype/" + type,
            "/api/inventory/hosthardware/" + hardware,
            "/api/inventory/hdvendor/" + vendor,
            "/api/inventory/cardtype/" + cardType,
            "/api/inventory/card/" + card,
            "/api/inventory/host/" + host,
            "/api/inventory/hostbyid/" + host,
            "/api/inventory/nic/" + nic,
            "/api/inventory/nicbyid/" + nic,
            "/api/booking/bookable/" + bookable,
            "/api/notices/notice/" + notice,
            "/api/loans/customer/" + customer,
            "/api/loans/loan/" + loan,
            "/api/booking/booking/" + booking,
            "/api/booking/reservation/" + reservation);
    for (String path : rows) {
      JsonNode read = ok("GET", path + "/", null);
      for (String method : List.of("PUT", "PATCH")) {
        HttpResponse<String> back = api.send(method, path + "/", token, read.toString());
        assertEquals(200, back.statusCode(), method + " " + path + ": " + back.body());
        assertEquals(read, ok("GET", path + "/", null), method + " " + path);
      }
      ObjectNode moved = read.deepCopy();
      moved.put("id", read.get("id").asLong() + 1000);
      moved.put("no_such_field", 1);
      HttpResponse<String> refused = api.send("PUT", path + "/", token, moved.toString());
      assertEquals(400, refused.statusCode(), path + ": " + refused.body());
      JsonNode errors = JSON.readTree(refused.body()).get("errors");
      assertEquals(
          "read-only: send the value it has, or leave it out",
          errors.path("id").path(0).asText(),
          path + ": " + refused.body());
      assertEquals("unknown field", errors.path("no_such_field").path(0).asText(), path);
      assertEquals(read, ok("GET", path + "/", null), path);
    }
    ObjectNode owned = (ObjectNode) ok("GET", "/api/booking/booking/" + booking + "/", null);
    String comment = owned.get("comment").asText();
    owned.put("comment", "changed");
    owned.put("owner", owned.get("owner").asLong() + 1000);
    HttpResponse<String> owner =
        api.send("PUT", "/api/booking/booking/" + booking + "/", token, owned.toString());
    assertEquals(400, owner.statusCode(), owner.body());
    assertTrue(owner.body().contains("\"owner\":[\"read-only"), owner.body());
    // the change the body asked for beside it is undone
    assertEquals(
        comment, ok("GET", "/api/booking/booking/" + booking + "/", null).get("comment").asText());
  }

  /**
   * A user or group read may be sent back as it was read, by the same rule as a model's row: its id
   * and times with the values it has are taken, another value is a 400 at the field, an unknown
   * name stays a 400. Both answered 400 "Unknown field." for the id.
   */
  @Test
  void aUserOrGroupReadIsTakenBackAsItWasReadAndAChangedReadOnlyFieldIsRefused() throws Exception {
    long group = id(post("/api/auth/groups/", "{'name':'rt-group'}"));
    long user = id(post("/api/auth/users/", "{'username':'rt-user','groups':[" + group + "]}"));
    for (String path : List.of("/api/auth/users/" + user, "/api/auth/groups/" + group)) {
      JsonNode read = ok("GET", path + "/", null);
      for (String method : List.of("PUT", "PATCH")) {
        HttpResponse<String> back = api.send(method, path + "/", token, read.toString());
        assertEquals(200, back.statusCode(), method + " " + path + ": " + back.body());
        assertEquals(read, ok("GET", path + "/", null), method + " " + path);
      }
      List<String> fields =
          path.contains("users") ? List.of("id", "date_joined", "last_login") : List.of("id");
      for (String field : fields) {
        ObjectNode changed = read.deepCopy();
        if (field.equals("id")) {
          changed.put("id", read.get("id").asLong() + 1000);
        } else {
          changed.put(field, "2020-01-01T00:00:00Z");
        }
        HttpResponse<String> refused = api.send("PUT", path + "/", token, changed.toString());
        assertEquals(400, refused.statusCode(), path + ": " + refused.body());
        assertEquals(
            "read-only: send the value it has, or leave it out",
            JSON.readTree(refused.body()).get("errors").path(field).path(0).asText(),
            path + ": " + refused.body());
      }
      ObjectNode unknown = read.deepCopy();
      unknown.put("no_such_field", 1);
      HttpResponse<String> refused = api.send("PUT", path + "/", token, unknown.toString());
      assertEquals(400, refused.statusCode(), path + ": " + refused.body());
      assertTrue(refused.body().contains("\"no_such_field\":[\"Unknown field.\"]"), refused.body());
      assertEquals(read, ok("GET", path + "/", null), path);
    }
  }

  /** The original client's JSON, written with single quotes for readability. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static HttpResponse<String> post(String path, String singleQuoted) throws Exception {
    return api.created(path, token, json(singleQuoted));
  }

  private static JsonNode ok(String method, String path, String singleQuoted) throws Exception {
    HttpResponse<String> response =
        api.send(method, path, token, singleQuoted == null ? null : json(singleQuoted));
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static long id(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("id").asLong();
  }

  /** Exactly these keys. */
  private static void assertKeys(JsonNode node, String... keys) {
    assertEquals(new TreeSet<>(List.of(keys)), keys(node), node.toString());
  }

  /** At least these keys (Cores' own data may be beside them). */
  private static void assertHasKeys(JsonNode node, String... keys) {
    Set<String> missing = new TreeSet<>(List.of(keys));
    missing.removeAll(keys(node));
    assertTrue(missing.isEmpty(), "missing " + missing + " in " + node);
  }

  private static Set<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = ((ObjectNode) node).fieldNames();
    it.forEachRemaining(names::add);
    return new TreeSet<>(names);
  }
}
