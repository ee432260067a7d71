package cores.itests;

import static cores.itests.ApiClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notices, loans and reports of the domain bundle through real HTTP against the booted
 * distribution: permissions (401/403), the dashboard's current notices for any logged-in user, bad
 * input as field errors with nothing written, 404, a loan putting its host on loan and its return
 * setting it back, and the reports as JSON and as CSV downloads.
 */
class NoticesLoansReportsIT {
  private static TestDatabase db;
  private static CoresProcess cores;
  private static ApiClient api;
  private static String admin;
  private static String plain;
  private static String member;
  private static long adminId;
  private static long group;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("notices-loans", builder -> builder);
    db = api.db();
    cores = api.cores();
    admin = api.token(api.user("admin", true));
    plain = api.token(api.user("plain", false));
    member = api.token(api.user("member", false));
    adminId = db.number("SELECT id FROM auth_user WHERE username = 'admin'");
    group = db.number("INSERT INTO auth_group (name) VALUES ('lab-a') RETURNING id");
    db.number(
        "INSERT INTO auth_user_groups (user_id, group_id)"
            + " SELECT id, ? FROM auth_user WHERE username = 'member' RETURNING id",
        group);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void noticesNeedTheirPermissionsButEveryLoggedInUserSeesTheCurrentOnes() throws Exception {
    long everyone =
        id(created("/api/notices/notice/", "{\"title\":\"Everyone\",\"message\":\"hello\"}"));
    created(
        "/api/notices/notice/",
        "{\"title\":\"Lab A only\",\"message\":\"m\",\"priority\":0,\"target\":" + group + "}");
    created("/api/notices/notice/", "{\"title\":\"Hidden\",\"message\":\"m\",\"visible\":false}");
    created(
        "/api/notices/notice/",
        "{\"title\":\"Expired\",\"message\":\"m\",\"expires\":\"2020-01-01T00:00:00Z\"}");

    HttpResponse<String> mine =
        api.send("GET", "/api/notices/notice/" + everyone + "/", admin, null);
    assertTrue(mine.body().contains("\"user\":" + adminId), mine.body());

    HttpResponse<String> forbidden = api.send("GET", "/api/notices/notice/", plain, null);
    assertEquals(403, forbidden.statusCode(), forbidden.body());
    assertTrue(forbidden.body().contains("notices.view_notice"), forbidden.body());
    assertEquals(401, api.send("GET", "/api/notices/notice/?current=1", null, null).statusCode());
    assertEquals(
        403,
        api.send("POST", "/api/notices/notice/", plain, "{\"title\":\"t\",\"message\":\"m\"}")
            .statusCode());

    HttpResponse<String> plainSees = api.send("GET", "/api/notices/notice/?current=1", plain, null);
    assertEquals(200, plainSees.statusCode(), plainSees.body());
    assertTrue(plainSees.body().contains("\"count\":1"), plainSees.body());
    assertTrue(plainSees.body().contains("\"title\":\"Everyone\""), plainSees.body());
    HttpResponse<String> memberSees =
        api.send("GET", "/api/notices/notice/?current=1", member, null);
    assertTrue(memberSees.body().contains("\"count\":2"), memberSees.body());
    assertTrue(
        memberSees.body().indexOf("Lab A only") < memberSees.body().indexOf("Everyone"),
        memberSees.body());
    HttpResponse<String> all = api.send("GET", "/api/notices/notice/", admin, null);
    assertTrue(all.body().contains("\"count\":4"), all.body());
  }

  @Test
  void badNoticeInputIsAFieldErrorAndNothingIsWritten() throws Exception {
    long before = db.number("SELECT count(*) FROM notices_notice");
    HttpResponse<String> bad =
        api.send(
            "POST",
            "/api/notices/notice/",
            admin,
            "{\"title\":\"t\",\"message\":\""
                + "x".repeat(501)
                + "\",\"style\":\"purple\",\"priority\":7,\"user\":1,\"bogus\":true}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(
        bad.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    for (String field : new String[] {"message", "style", "priority", "user", "bogus"}) {
      assertTrue(bad.body().contains("\"" + field + "\":["), field + ": " + bad.body());
    }
    assertEquals(before, db.number("SELECT count(*) FROM notices_notice"));
    assertEquals(404, api.send("GET", "/api/notices/notice/987654/", admin, null).statusCode());
    assertEquals(404, api.send("DELETE", "/api/notices/notice/987654/", admin, null).statusCode());
    assertEquals(404, api.send("GET", "/api/notices/bogus/", admin, null).statusCode());
  }

  @Test
  void aLoanPutsTheHostOnLoanAndReturningItSetsItBack() throws Exception {
    long hardware = id(created("/api/inventory/hosthardware/", "{\"name\":\"Loaner HW\"}"));
    long host =
        id(
            created(
                "/api/inventory/host/",
                "{\"hostname\":\"loaner-1\",\"hardware\":" + hardware + ",\"status\":\"active\"}"));
    HttpResponse<String> bulk =
        api.send(
            "POST",
            "/api/booking/bookable/bulk",
            admin,
            "{\"hosts\":[" + host + "],\"status\":\"active\"}");
    assertEquals(200, bulk.statusCode(), bulk.body());
    long customer =
        id(
            created(
                "/api/loans/customer/",
                "{\"name\":\"ACME\",\"contact_email\":\"ops@acme.example\",\"internal_contact\":"
                    + adminId
                    + "}"));
    String loanBody =
        "{\"host\":"
            + host
            + ",\"customer\":"
            + customer
            + ",\"user\":"
            + adminId
            + ",\"start\":\"2026-11-20\",\"due_return\":\"2026-12-20\"}";
    assertEquals(403, api.send("POST", "/api/loans/loan/", plain, loanBody).statusCode());
    assertEquals(403, api.send("GET", "/api/loans/customer/", plain, null).statusCode());

    HttpResponse<String> badLoan =
        api.send(
            "POST",
            "/api/loans/loan/",
            admin,
            "{\"host\":" + host + ",\"customer\":987654,\"start\":\"20.11.2026\"}");
    assertEquals(400, badLoan.statusCode(), badLoan.body());
    assertTrue(
        badLoan.body().contains("\"customer\":[\"no customer with id 987654"), badLoan.body());
    assertTrue(badLoan.body().contains("\"start\":[\"must be a date"), badLoan.body());
    assertEquals("active", hostStatus(host));

    long loan = id(created("/api/loans/loan/", loanBody));
    assertEquals("on_loan", hostStatus(host));
    // the API keeps the stored value; the host's page and the asset report name it as the admin
    HttpResponse<String> lent = api.send("GET", "/api/inventory/host/" + host + "/", admin, null);
    assertTrue(lent.body().contains("\"status\":\"on_loan\""), lent.body());
    for (String path : List.of("/hosts/" + host + "/", "/reports/assets")) {
      String page = api.send("GET", path, admin, null).body();
      assertTrue(page.contains("on loan"), path + "\n" + page);
      assertFalse(page.contains("on_loan"), path + "\n" + page);
    }
    assertEquals(
        "suspended", db.text("SELECT status FROM booking_bookable WHERE host_id = ?", host));
    HttpResponse<String> second = api.send("POST", "/api/loans/loan/", admin, loanBody);
    assertEquals(409, second.statusCode(), second.body());
    assertTrue(second.body().contains("already on loan"), second.body());
    HttpResponse<String> deleteOpen =
        api.send("DELETE", "/api/loans/loan/" + loan + "/", admin, null);
    assertEquals(409, deleteOpen.statusCode(), deleteOpen.body());

    HttpResponse<String> returned =
        api.send("PATCH", "/api/loans/loan/" + loan + "/", admin, "{\"returned\":true}");
    assertEquals(200, returned.statusCode(), returned.body());
    assertTrue(returned.body().contains("\"returned\":true"), returned.body());
    assertFalse(returned.body().contains("\"returned_date\":null"), returned.body());
    assertEquals("active", hostStatus(host));
    HttpResponse<String> reopen =
        api.send("PATCH", "/api/loans/loan/" + loan + "/", admin, "{\"returned\":false}");
    assertEquals(400, reopen.statusCode(), reopen.body());
    assertEquals(
        204, api.send("DELETE", "/api/loans/loan/" + loan + "/", admin, null).statusCode());
    assertEquals(404, api.send("GET", "/api/loans/loan/" + loan + "/", admin, null).statusCode());
  }

  @Test
  void reportsAnswerJsonOrACsvDownload() throws Exception {
    long hardware = id(created("/api/inventory/hosthardware/", "{\"name\":\"Report HW\"}"));
    created(
        "/api/inventory/host/",
        "{\"hostname\":\"report-1\",\"hardware\":"
            + hardware
            + ",\"serial_no\":\"SN, 1\",\"asset_no\":\"=HYPERLINK(\\\"x\\\")\"}");
    for (String[] report :
        new String[][] {
          {"assets", "inventory.view_host"},
          {"usage", "booking.view_booking"},
          {"longreservations", "booking.view_reservation"}
        }) {
      HttpResponse<String> forbidden = api.send("GET", "/api/reports/" + report[0], plain, null);
      assertEquals(403, forbidden.statusCode(), forbidden.body());
      assertTrue(forbidden.body().contains(report[1]), forbidden.body());
      HttpResponse<String> json = api.send("GET", "/api/reports/" + report[0], admin, null);
      assertEquals(200, json.statusCode(), json.body());
      assertTrue(json.body().contains("\"count\":"), json.body());
      assertTrue(json.body().contains("\"results\":["), json.body());
    }
    assertEquals(401, api.send("GET", "/api/reports/assets", null, null).statusCode());

    HttpResponse<String> json = api.send("GET", "/api/reports/assets", admin, null);
    assertTrue(json.body().contains("\"serial_no\":\"SN, 1\""), json.body());

    HttpResponse<String> csv = api.send("GET", "/api/reports/assets?format=csv", admin, null);
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
    assertTrue(
        csv.headers()
            .firstValue("content-disposition")
            .orElse("")
            .matches("attachment; filename=\"cores-assets-\\d{4}-\\d{2}-\\d{2}\\.csv\""),
        csv.headers().map().toString());
    assertTrue(
        csv.body()
            .startsWith("id,hostname,hardware,mac,lastseen,rack,serial_no,asset_no,status\r\n"),
        csv.body());
    assertTrue(
        csv.body().contains(",report-1,Report HW,,,,\"SN, 1\",\"'=HYPERLINK(\"\"x\"\")\",new\r\n"),
        csv.body());
    HttpResponse<String> cards =
        api.send("GET", "/api/reports/assets?format=csv&table=cards", admin, null);
    assertTrue(
        cards
            .headers()
            .firstValue("content-disposition")
            .orElse("")
            .matches("attachment; filename=\"cores-assets-cards-\\d{4}-\\d{2}-\\d{2}\\.csv\""),
        cards.headers().map().toString());
    assertTrue(cards.body().startsWith("id,cardtype,details,asset_no,host,hostname\r\n"));
    HttpResponse<String> noTable =
        api.send("GET", "/api/reports/assets?format=csv&table=nics", admin, null);
    assertEquals(400, noTable.statusCode(), noTable.body());
    assertTrue(noTable.body().contains("one of [results, cards]"), noTable.body());

    HttpRequest accept =
        HttpRequest.newBuilder(cores.uri("/api/reports/usage"))
            .header("Authorization", admin)
            .header("Accept", "text/csv")
            .build();
    HttpResponse<String> usage = cores.send(accept);
    assertEquals(200, usage.statusCode(), usage.body());
    assertTrue(
        usage
            .body()
            .startsWith(
                "bookable,host,hostname,hardware_id,hardware,lab,location,group,owner,biggest_user,"
                    + "bookings,booked_seconds,share\r\n"),
        usage.body());
    HttpResponse<String> period =
        api.send("GET", "/api/reports/usage?from=2026-01-01&to=2026-01-31", admin, null);
    assertEquals(200, period.statusCode(), period.body());
    assertTrue(period.body().contains("\"days\":31.00"), period.body());
    for (String table : new String[] {"hardware", "labs", "users"}) {
      assertTrue(period.body().contains("\"" + table + "\":["), period.body());
    }
    HttpResponse<String> badPeriod =
        api.send("GET", "/api/reports/usage?from=2026-01-31&to=2026-01-01", admin, null);
    assertEquals(400, badPeriod.statusCode(), badPeriod.body());
    assertTrue(badPeriod.body().contains("must not be before from"), badPeriod.body());
    HttpResponse<String> badDays =
        api.send("GET", "/api/reports/longreservations?days=-1", admin, null);
    assertEquals(400, badDays.statusCode(), badDays.body());
    assertTrue(badDays.body().contains("\"days\":["), badDays.body());

    HttpResponse<String> badFormat = api.send("GET", "/api/reports/usage?format=xml", admin, null);
    assertEquals(400, badFormat.statusCode(), badFormat.body());
    assertTrue(badFormat.body().contains("\"format\":["), badFormat.body());
  }

  private static String hostStatus(long host) throws Exception {
    return db.text("SELECT status FROM inventory_host WHERE id = ?", host);
  }

  private static HttpResponse<String> created(String path, String body) throws Exception {
    return api.created(path, admin, body);
  }
}
