package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The live and report pages in a real browser through the stack's nginx (every action is a plain
 * form, also with JavaScript off): a scan ingested through the API raises a NIC conflict, a
 * location conflict and unknown devices; on the dashboard staff accept the IP, fix the location (a
 * missing rack first, shown at its field), add a NIC for an unknown MAC (another MAC and an unknown
 * host first) and ignore another MAC; the hosts and unknown-device tabs; each report and its CSV; a
 * user without the permissions gets 403 and no navigation entries; the original's URLs; the offline
 * hosts only for those who may view offline warnings; axe-core on every page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveReportsPagesIT {
  private static final Pattern RACK = Pattern.compile("\"rack\":(\\d+)");

  private final HttpClient http = HttpClient.newHttpClient();
  private WebSite site;
  private List<Long> hosts;
  private long rackOne;
  private long rackTwo;
  private WebSite.Account lena;
  private Browser staff;
  private Browser plain;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("live-reports-pages", builder -> builder);
    hosts = site.inventory("lr", 4);
    rackOne = number(RACK, site.get("/api/inventory/hostbyid/" + hosts.get(0) + "/"));
    rackTwo = number(RACK, site.get("/api/inventory/hostbyid/" + hosts.get(1) + "/"));
    // lr-04 (NIC 10.82.0.4, in Lab Two's network) stands in Lab One's rack: a location conflict
    assertEquals(
        200,
        site.api()
            .send(
                "PATCH",
                "/api/inventory/hostbyid/" + hosts.get(3) + "/",
                site.admin(),
                "{\"rack\":" + rackOne + "}")
            .statusCode());
    try (Connection c = site.api().db().connect();
        PreparedStatement booking =
            c.prepareStatement(
                "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time)"
                    + " SELECT b.id, u.id, now() - interval '10 days', now() - interval '7 days'"
                    + " FROM booking_bookable b, auth_user u"
                    + " WHERE b.host_id = ? AND u.username = 'admin'");
        PreparedStatement reservation =
            c.prepareStatement(
                "INSERT INTO booking_reservation (bookable_id, owner_id, start_time)"
                    + " SELECT b.id, u.id, now() - interval '200 days'"
                    + " FROM booking_bookable b, auth_user u"
                    + " WHERE b.host_id = ? AND u.username = 'admin'")) {
      // a booking in the past for the usage report, a reservation open 200 days for the long ones
      booking.setLong(1, hosts.get(0));
      booking.executeUpdate();
      reservation.setLong(1, hosts.get(1));
      reservation.executeUpdate();
    }
    String scan =
        "{\"agentident\":\"pages-agent\",\"results\":["
            // lr-01's NIC (recorded 10.81.0.1) seen elsewhere in Lab One: a NIC conflict
            + "{\"mac\":\"02:00:00:00:02:01\",\"ip\":\"10.81.0.101\"},"
            + "{\"mac\":\"02:00:00:00:02:03\",\"ip\":\"10.81.0.3\"},"
            + "{\"mac\":\"02:00:00:00:02:04\",\"ip\":\"10.82.0.4\"},"
            // two Intel devices the inventory lacks, and a virtual machine
            + "{\"mac\":\"00:1b:21:aa:bb:01\",\"ip\":\"10.81.0.77\"},"
            + "{\"mac\":\"00:1b:21:aa:bb:02\",\"ip\":\"10.82.0.88\"},"
            + "{\"mac\":\"02:aa:00:00:00:01\",\"ip\":\"10.82.0.99\"}]}";
    HttpResponse<String> ingested = site.api().send("POST", "/api/live/ingest", site.admin(), scan);
    assertEquals(200, ingested.statusCode(), ingested.body());
    lena = site.user("lena", true);
    staff = site.browser(true, 1280);
    WebSite.logIn(staff, lena);
    plain = site.browser(true, 1280);
    WebSite.logIn(plain, site.user("pat", false));
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  @Test
  @Order(1)
  void theDashboardShowsTheScanItsConflictsAndTheNewDevices() throws Exception {
    staff.open("/");
    List<String> nav = staff.all(".cores-nav a").stream().map(a -> a.getText()).toList();
    assertTrue(nav.contains("Live") && nav.contains("Reports"), nav.toString());
    staff.follow(".cores-nav a[href='/live/']");
    assertEquals("/live/hosts", staff.path(), "the original's /live/ lands on the hosts");
    staff.follow("a[href='/live/dash']");
    String text = staff.text();
    assertTrue(text.contains("by pages-agent"), text);
    assertTrue(text.contains("02:00:00:00:02:01"), text);
    assertTrue(text.contains("10.81.0.101"), text);
    assertTrue(text.contains("Intel Corporate"), text);
    assertTrue(text.contains("00:1b:21:aa:bb:02"), text);
    assertTrue(text.contains("B1/Lab Two"), "the lab the moved host was seen in: " + text);
    staff.assertAccessible();
    staff.screenshot("live-dash");
  }

  @Test
  @Order(2)
  void acceptingTheIpGivesTheNicItsNewAddressWithJavaScriptOffToo() throws Exception {
    long conflict = openConflict("nic");
    Browser noScript = site.browser(false, 1280);
    WebSite.logIn(noScript, lena);
    noScript.open("/live/dash");
    noScript.follow("form[action='/live/conflicts/" + conflict + "/accept'] button");
    assertEquals("/live/dash", noScript.path());
    assertTrue(noScript.text().contains("now has the IP 10.81.0.101"), noScript.text());
    assertTrue(
        site.get("/api/inventory/nic/?mac=02:00:00:00:02:01").contains("\"ip\":\"10.81.0.101\""));
    noScript.screenshot("live-dash-accepted-no-javascript");
  }

  @Test
  @Order(3)
  void fixingTheLocationShowsAMissingRackAtItsFieldThenMovesTheHost() throws Exception {
    long conflict = openConflict("location");
    staff.open("/live/dash");
    staff.follow("a[href='/live/conflicts/" + conflict + "/location']");
    assertTrue(staff.find("#lab option[selected]").getText().startsWith("B1/Lab Two"));
    staff.assertAccessible();
    staff.screenshot("live-fix-location");
    staff.type("rack", "9");
    staff.follow("main form button[type=submit]");
    assertEquals("true", staff.find("#rack").getAttribute("aria-invalid"));
    assertTrue(
        staff
            .find(".cores-field--invalid .cores-error")
            .getText()
            .contains("B1/Lab Two has no rack number 9; its racks: 2"),
        staff.text());
    staff.assertAccessible();
    staff.screenshot("live-fix-location-error");
    assertEquals(rackOne, number(RACK, site.get("/api/inventory/hostbyid/" + hosts.get(3) + "/")));
    staff.type("rack", "2");
    staff.follow("main form button[type=submit]");
    assertEquals("/live/dash", staff.path());
    assertTrue(staff.text().contains("lr-04 is now in rack 2 in B1/Lab Two"), staff.text());
    assertEquals(rackTwo, number(RACK, site.get("/api/inventory/hostbyid/" + hosts.get(3) + "/")));
  }

  @Test
  @Order(4)
  void aNicIsAddedForAnUnknownMacOnTheHostNamed() throws Exception {
    long conflict = unknownDevice("00:1b:21:aa:bb:01");
    staff.follow("a[href='/live/conflicts/" + conflict + "/nic']");
    assertEquals("00:1b:21:aa:bb:01", staff.find("#mac").getAttribute("value"));
    assertEquals("true", staff.find("#mac").getAttribute("readonly"), "the device's MAC");
    // a MAC other than the device's, posted all the same, is refused at its field
    HttpResponse<String> other =
        post(
            staff,
            "/live/conflicts/" + conflict + "/nic",
            "csrfmiddlewaretoken="
                + staff.find("input[name=csrfmiddlewaretoken]").getAttribute("value")
                + "&mac=00:1b:21:de:ad:01&host=lr-03");
    assertEquals(400, other.statusCode(), other.body());
    assertTrue(
        other.body().contains("must be the MAC the scan saw, 00:1b:21:aa:bb:01"), other.body());
    assertFalse(site.get("/api/inventory/nic/?mac=00:1b:21:de:ad:01").contains("\"id\""));
    assertEquals("10.81.0.77", staff.find("#ip").getAttribute("value"));
    staff.assertAccessible();
    staff.screenshot("live-add-nic");
    staff.type("host", "lr-99");
    staff.follow("main form button[type=submit]");
    assertTrue(staff.text().contains("no host is called lr-99"), staff.text());
    assertEquals("true", staff.find("#host").getAttribute("aria-invalid"));
    assertEquals("10.81.0.77", staff.find("#ip").getAttribute("value"), "the form as posted");
    assertFalse(site.get("/api/inventory/nic/?mac=00:1b:21:aa:bb:01").contains("\"id\""));
    staff.assertAccessible();
    staff.screenshot("live-add-nic-error");
    staff.type("host", "lr-03");
    staff.follow("main form button[type=submit]");
    assertEquals("/live/dash", staff.path());
    assertTrue(staff.text().contains("Added NIC 00:1b:21:aa:bb:01 to lr-03"), staff.text());
    assertTrue(
        site.get("/api/inventory/nic/?mac=00:1b:21:aa:bb:01").contains("\"host\":" + hosts.get(2)));
    assertTrue(site.get("/api/live/conflicts/" + conflict).contains("\"status\":\"resolved\""));
  }

  @Test
  @Order(5)
  void anIgnoredMacIsListedOnTheUnknownDevicesTabUntilTakenOff() throws Exception {
    long conflict = unknownDevice("00:1b:21:aa:bb:02");
    staff.open("/live/dash");
    staff.follow("form[action='/live/conflicts/" + conflict + "/ignoremac'] button");
    assertTrue(staff.text().contains("Scans skip MAC 00:1b:21:aa:bb:02"), staff.text());
    assertTrue(staff.text().contains("No device the inventory does not know."), staff.text());
    staff.follow("a[href='/live/unknown']");
    String text = staff.text();
    assertTrue(text.contains("B1/Lab Two"), text);
    assertTrue(text.contains("ignored"), text);
    assertTrue(text.contains("Ignored from the live pages by lena"), text);
    staff.assertAccessible();
    staff.screenshot("live-unknown");
    assertTrue(site.get("/api/live/ignoredmacs").contains("00:1b:21:aa:bb:02"));
    staff.follow("form[action^='/live/ignoredmacs/'] button");
    assertEquals("/live/unknown", staff.path());
    assertTrue(staff.text().contains("Scans see that MAC again."), staff.text());
    assertFalse(site.get("/api/live/ignoredmacs").contains("00:1b:21:aa:bb:02"));
  }

  @Test
  @Order(6)
  void theHostsTabListsEveryHostByLabWithTheVirtualMachine() throws Exception {
    staff.open("/live/hosts");
    String text = staff.text();
    assertTrue(text.contains("B1/Lab One"), text);
    assertTrue(text.contains("lr-01"), text);
    assertTrue(text.contains("unknown vm"), text);
    assertTrue(text.contains("02:aa:00:00:00:01"), text);
    staff.assertAccessible();
    staff.screenshot("live-hosts");
  }

  @Test
  @Order(7)
  void eachReportIsAPageWithItsTablesAndACsvDownload() throws Exception {
    staff.open("/");
    staff.follow(".cores-nav a[href='/reports/']");
    staff.assertAccessible();
    staff.screenshot("reports");
    staff.follow("a[href='/reports/assets']");
    assertTrue(staff.text().contains("lr-04"), staff.text());
    assertTrue(staff.text().contains("CX-5"), staff.text());
    staff.assertAccessible();
    staff.screenshot("reports-assets");
    HttpResponse<String> assets =
        get(staff, staff.find("a[href^='/reports/assets.csv']").getDomAttribute("href"));
    assertEquals(200, assets.statusCode(), assets.body());
    assertEquals(
        "text/csv;charset=utf-8",
        assets.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
    assertTrue(
        assets
            .headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .matches("attachment; filename=\"cores-assets-\\d{4}-\\d{2}-\\d{2}\\.csv\""));
    List<String> lines = assets.body().lines().toList();
    assertEquals(5, lines.size(), "a header and four hosts: " + assets.body());
    assertTrue(lines.get(0).startsWith("id,hostname,hardware,mac,"), lines.get(0));

    staff.open("/reports/usage");
    assertTrue(staff.text().contains("lr-01"), staff.text());
    staff.assertAccessible();
    staff.screenshot("reports-usage");
    staff.type("days", "0");
    staff.follow("main form[action='/reports/usage'] button");
    assertTrue(staff.path().startsWith("/reports/usage?days=0"), staff.path());
    assertTrue(
        staff.find(".cores-field--invalid .cores-error").getText().contains("from 1 to 3660"),
        staff.text());
    staff.assertAccessible();
    staff.screenshot("reports-usage-error");
    staff.type("days", "30");
    staff.follow("main form[action='/reports/usage'] button");
    HttpResponse<String> labs =
        get(staff, staff.find("a[href$='table=labs']").getDomAttribute("href"));
    assertEquals(200, labs.statusCode(), labs.body());
    assertTrue(labs.body().startsWith("lab,location,hosts,bookings,booked_seconds,share\r\n"));
    assertTrue(labs.body().contains(",B1/Lab One,"), labs.body());
    assertTrue(
        labs.headers().firstValue("Content-Disposition").orElse("").contains("cores-usage-labs-"));

    staff.open("/reports/longreservations");
    assertTrue(staff.text().contains("lr-02"), staff.text());
    staff.assertAccessible();
    staff.screenshot("reports-longreservations");
    staff.type("days", "365");
    staff.follow("main form[action='/reports/longreservations'] button");
    assertFalse(staff.text().contains("lr-02"), staff.text());
    HttpResponse<String> none =
        get(staff, staff.find("a[href^='/reports/longreservations.csv']").getDomAttribute("href"));
    assertEquals(1, none.body().lines().count(), "only the header: " + none.body());
  }

  @Test
  @Order(8)
  void aUserWithoutThePermissionsSeesNoEntriesAndGets403() throws Exception {
    plain.open("/");
    List<String> nav = plain.all(".cores-nav a").stream().map(a -> a.getText()).toList();
    assertFalse(nav.contains("Live") || nav.contains("Reports"), nav.toString());
    for (String path :
        List.of(
            "/live/dash",
            "/live/hosts",
            "/live/unknown",
            "/reports/",
            "/reports/assets",
            "/reports/usage.csv",
            "/live/conflicts/1/nic")) {
      HttpResponse<String> refused = get(plain, path);
      assertEquals(403, refused.statusCode(), path);
      assertTrue(
          refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
    }
    plain.open("/live/dash");
    plain.assertAccessible();
    plain.screenshot("live-dash-forbidden");
    HttpResponse<String> post = post(plain, "/live/conflicts/1/resolve", true);
    assertEquals(403, post.statusCode(), post.body());
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(site.url() + "/live/dash")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, anonymous.statusCode());
    assertEquals(
        "/login?next=%2Flive%2Fdash",
        anonymous.headers().firstValue("Location").orElse("").replace(site.url(), ""));
  }

  @Test
  @Order(9)
  void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    HttpResponse<String> forged = post(staff, "/live/warnings/1/resolve", false);
    assertEquals(403, forged.statusCode(), forged.body());
    long conflict = number(Pattern.compile("\"id\":(\\d+)"), site.get("/api/live/conflicts/"));
    String before = site.get("/api/live/conflicts/" + conflict);
    assertEquals(403, post(staff, "/live/conflicts/" + conflict + "/resolve", false).statusCode());
    assertEquals(before, site.get("/api/live/conflicts/" + conflict));
  }

  @Test
  @Order(10)
  void theOriginalsUrlsAnswerWithTheirNewPages() throws Exception {
    site.assertMoved(
        List.of(
            new String[] {"/live/", "/live/hosts"},
            new String[] {"/live/list/", "/live/hosts"},
            new String[] {"/live/dash/", "/live/dash"},
            new String[] {"/live/unknown/", "/live/unknown"},
            new String[] {"/live/hosts/?offset=50", "/live/hosts?offset=50"},
            new String[] {"/live/list/?offset=50", "/live/hosts?offset=50"},
            new String[] {"/live/unknown/?offset=50", "/live/unknown?offset=50"},
            new String[] {"/reports/usage/?days=30", "/reports/usage?days=30"},
            new String[] {"/reports/assetsummary/", "/reports/assets"},
            new String[] {"/reports/usage/", "/reports/usage"},
            new String[] {"/reports/longreservations/", "/reports/longreservations"}));
  }

  @Test
  @Order(11)
  void theOfflineHostsAreShownOnlyToThoseWhoMayViewOfflineWarnings() throws Exception {
    WebSite.Account vera = site.user("vera", false);
    try (Connection c = site.api().db().connect();
        PreparedStatement warning =
            c.prepareStatement(
                "INSERT INTO live_offlinehostwarning (host_id, created) VALUES (?, now())");
        PreparedStatement grant =
            c.prepareStatement(
                "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
                    + " 'live.view_scanconflict' FROM auth_user WHERE username = 'vera'")) {
      warning.setLong(1, hosts.get(1));
      warning.executeUpdate();
      grant.executeUpdate();
    }
    staff.open("/live/dash");
    assertTrue(staff.find("#offline-heading + div").getText().contains("lr-02"), staff.text());
    Browser viewer = site.browser(true, 1280);
    WebSite.logIn(viewer, vera);
    viewer.open("/live/dash");
    assertTrue(viewer.text().contains("by pages-agent"), viewer.text());
    assertTrue(viewer.all("#offline-heading").isEmpty(), viewer.text());
    assertFalse(viewer.text().contains("lr-02"), viewer.text());
    viewer.assertAccessible();
  }

  @Test
  @Order(12)
  void aReportFilterWithANulIsShownAgainWithTheProblemAtTheField() throws Exception {
    HttpResponse<String> refused = get(staff, "/reports/usage?days=%00&from=2026-01-01");
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("cores-field--invalid"), refused.body());
    assertTrue(refused.body().contains("must not contain NUL characters"), refused.body());
    assertTrue(refused.body().contains("value=\"2026-01-01\""), "the other filter stays");
    staff.open("/reports/usage?days=%00");
    assertTrue(
        staff.find(".cores-field--invalid .cores-error").getText().contains("NUL"), staff.text());
    staff.assertAccessible();
  }

  @Test
  @Order(13)
  void theUnknownDevicesArePagedAsTheHostsWithEveryLabReachable() throws Exception {
    StringBuilder scan = new StringBuilder("{\"agentident\":\"pages-agent\",\"results\":[");
    for (int i = 1; i <= 60; i++) {
      scan.append(i == 1 ? "" : ",")
          .append(String.format("{\"mac\":\"00:1b:21:cc:00:%02x\",\"ip\":\"10.81.1.%d\"}", i, i));
    }
    scan.append("]}");
    HttpResponse<String> ingested =
        site.api().send("POST", "/api/live/ingest", site.admin(), scan.toString());
    assertEquals(200, ingested.statusCode(), ingested.body());
    staff.open("/live/unknown");
    Matcher range = Pattern.compile("50 a page: 1–50 of (\\d+)\\.").matcher(staff.text());
    assertTrue(range.find(), staff.text());
    long count = Long.parseLong(range.group(1));
    assertTrue(count > 60, staff.text());
    assertEquals(50, staff.all("main section[aria-labelledby^='lab-'] tbody tr").size());
    assertTrue(staff.all("a[rel=prev]").isEmpty());
    staff.assertAccessible();
    staff.follow("a[rel=next]");
    assertEquals("/live/unknown?offset=50", staff.path());
    assertEquals(count - 50, staff.all("main section[aria-labelledby^='lab-'] tbody tr").size());
    assertTrue(staff.text().contains("B1/Lab One (continued)"), staff.text());
    assertTrue(staff.all("a[rel=next]").isEmpty());
    staff.assertAccessible();
    staff.screenshot("live-unknown-page-2");
    staff.follow("a[rel=prev]");
    assertEquals("/live/unknown", staff.path());
  }

  @Test
  @Order(14)
  void addingANicFromTheSecondPageOfUnknownDevicesComesBackToIt() throws Exception {
    staff.open("/live/unknown?offset=50");
    String add = staff.find("main a[href*='/nic?back=']").getAttribute("href");
    assertTrue(add.endsWith("/nic?back=%2Flive%2Funknown%3Foffset%3D50"), add);
    staff.follow("main a[href*='/nic?back=']");
    assertEquals("/live/unknown?offset=50", staff.find("input[name=back]").getAttribute("value"));
    String mac = staff.find("#mac").getAttribute("value");
    staff.follow("main form button[type=submit]");
    assertEquals("/live/unknown?offset=50", staff.path());
    assertTrue(staff.text().contains("Added NIC " + mac), staff.text());
    staff.assertAccessible();
  }

  @Test
  @Order(15)
  void aNulInAnOffsetOrAReturnAddressIsA400NamingIt() throws Exception {
    for (String path : List.of("/live/unknown?offset=%00", "/live/hosts?offset=1%00")) {
      HttpResponse<String> refused = get(staff, path);
      assertEquals(400, refused.statusCode(), path + ": " + refused.body());
      assertTrue(
          refused.body().contains("offset: Text must not contain NUL characters"),
          path + ": " + refused.body());
    }
    long conflict = openConflict("unknown");
    for (String form : List.of("nic", "location")) {
      HttpResponse<String> refused =
          get(staff, "/live/conflicts/" + conflict + "/" + form + "?back=%2Flive%2Funknown%00");
      assertEquals(400, refused.statusCode(), form + ": " + refused.body());
      assertTrue(
          refused.body().contains("back: Text must not contain NUL characters"),
          form + ": " + refused.body());
    }
    staff.open("/live/conflicts/" + conflict + "/nic");
    HttpResponse<String> forged =
        post(
            staff,
            "/live/conflicts/" + conflict + "/ignore",
            "csrfmiddlewaretoken="
                + staff.find("input[name=csrfmiddlewaretoken]").getAttribute("value")
                + "&back=%2Flive%2Funknown%00");
    assertEquals(400, forged.statusCode(), forged.body());
    assertTrue(forged.body().contains("back: Text must not contain NUL characters"), forged.body());
    assertTrue(site.get("/api/live/conflicts/" + conflict).contains("\"status\":\"new\""));
  }

  @Test
  @Order(16)
  void stoppingToIgnoreAMacFromTheSecondPageOfUnknownDevicesComesBackToIt() throws Exception {
    HttpResponse<String> ignored =
        site.api()
            .send(
                "POST",
                "/api/live/ignoredmacs",
                site.admin(),
                "{\"mac\":\"00:1b:21:aa:bb:09\",\"reason\":\"a printer\"}");
    assertTrue(ignored.statusCode() < 300, ignored.body());
    staff.open("/live/unknown?offset=50");
    WebElement stop = staff.find("form[action^='/live/ignoredmacs/']");
    assertEquals(
        "/live/unknown?offset=50",
        stop.findElement(By.cssSelector("input[name=back]")).getAttribute("value"));
    staff.follow("form[action^='/live/ignoredmacs/'] button[type=submit]");
    assertEquals("/live/unknown?offset=50", staff.path());
    assertTrue(staff.text().contains("Scans see that MAC again."), staff.text());
    staff.assertAccessible();
  }

  /** The first open conflict of a kind (a query of /api/live/conflicts). */
  private long openConflict(String kind) throws Exception {
    return number(
        Pattern.compile("\"id\":(\\d+)"), site.get("/api/live/conflicts/?status=new&kind=" + kind));
  }

  /** The open unknown-device conflict of a MAC. */
  private long unknownDevice(String mac) throws Exception {
    return number(
        Pattern.compile(
            "\"id\":(\\d+),\"kind\":\"unknown\",\"status\":\"new\",\"scan\":\\d+,\"mac\":\""
                + mac
                + "\""),
        site.get("/api/live/conflicts/?status=new&kind=unknown"));
  }

  private static long number(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), text);
    return Long.parseLong(m.group(1));
  }

  /** A GET with the browser's session, not following redirects. */
  private HttpResponse<String> get(Browser browser, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Cookie", "cores_session=" + session(browser))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A form POST with the browser's session, with or without its CSRF token. */
  private HttpResponse<String> post(Browser browser, String path, boolean token) throws Exception {
    return post(
        browser,
        path,
        token
            ? "csrfmiddlewaretoken="
                + browser.find("input[name=csrfmiddlewaretoken]").getAttribute("value")
            : "");
  }

  /** A form POST of that body with the browser's session. */
  private HttpResponse<String> post(Browser browser, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Cookie", "cores_session=" + session(browser))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String session(Browser browser) {
    return browser.driver().manage().getCookieNamed("cores_session").getValue();
  }
}
