package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The live ingest's models in the admin, in a real browser through the stack's nginx: a scan posted
 * to the API raises a NIC conflict and an unknown device, which the conflicts' list shows filtered
 * by kind and status; the NIC's new IP is accepted from the conflict's page (the same domain code
 * as the API's, refused as a whole where it does not apply) and the conflict's history shows it; a
 * MAC added to the ignore list is skipped by the next scan; scan sessions, offline warnings and
 * virtual hosts are listed read-only. A staff user who may only view conflicts sees no action and a
 * forged one is 403. axe-core finds no serious problem on any page; each is saved as a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminLiveIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private WebSite site;
  private Browser root;
  private List<Long> hosts;
  private int scans;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-live", builder -> builder);
    // al-01 in Lab One (10.81.0.0/16) with the NIC 02:00:00:00:02:01 at 10.81.0.1
    hosts = site.inventory("al", 2);
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  private long number(String query, Object... values) throws Exception {
    return site.api().db().number(query, values);
  }

  private String text(String query, Object... values) throws Exception {
    return site.api().db().text(query, values);
  }

  /** Posts a scan of these MAC/IP pairs as the agent does; answers the report. */
  private String scan(String... macIps) throws Exception {
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < macIps.length; i += 2) {
      results.append(i == 0 ? "" : ",");
      results.append("{\"mac\":\"" + macIps[i] + "\",\"ip\":\"" + macIps[i + 1] + "\"}");
    }
    Instant at =
        Instant.now().minus(Duration.ofMinutes(30 - scans++)).truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> done =
        site.api()
            .send(
                "POST",
                "/api/live/ingest",
                site.admin(),
                "{\"agentident\":\"admin-agent\",\"timestamp\":\""
                    + at
                    + "\",\"results\":["
                    + results
                    + "]}");
    assertEquals(200, done.statusCode(), done.body());
    return done.body();
  }

  private void apply() {
    root.follow("form.cores-filters button[type=submit]");
  }

  @Test
  @Order(1)
  void aScansConflictIsFilteredByKindAndStatusAcceptedFromItsPageAndInItsHistory()
      throws Exception {
    scan("02:00:00:00:02:01", "10.81.0.50", "00:50:00:00:00:01", "10.82.0.60");
    long conflict = number("SELECT id FROM live_scanconflict WHERE kind = 'nic'");
    long device = number("SELECT id FROM live_scanconflict WHERE kind = 'unknown'");

    root.open("/admin");
    root.follow("a[href='/admin/live/scanconflict']");
    assertEquals(2, root.all("#results tbody tr").size(), root.text());
    new Select(root.find("#f-kind")).selectByVisibleText("nic");
    new Select(root.find("#f-status")).selectByVisibleText("new");
    apply();
    List<WebElement> rows = root.all("#results tbody tr");
    assertEquals(1, rows.size(), root.text());
    assertTrue(rows.get(0).getText().contains("al-01"), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains("10.81.0.50"), rows.get(0).getText());
    assertTrue(root.path().contains("kind=nic"), root.path());
    root.assertAccessible();
    root.screenshot("admin-live-conflicts");
    root.open(
        "/admin/live/scanconflict?lab="
            + number("SELECT id FROM inventory_lab WHERE name = 'Lab Two'"));
    assertEquals(1, root.all("#results tbody tr").size(), "the unknown device in Lab Two");

    // the domain refuses the NIC action on an unknown device: all or none
    root.open("/admin/live/scanconflict");
    root.click("#select-" + conflict).click("#select-" + device);
    new Select(root.find("#action")).selectByVisibleText("Accept the seen IP (NIC conflicts)");
    root.follow("#results form button[type=submit]");
    assertTrue(
        root.find("[role=alert]").getText().contains("is an unknown conflict, not a nic conflict"),
        root.text());
    assertEquals("new", text("SELECT status FROM live_scanconflict WHERE id = ?", conflict));
    root.assertAccessible();

    root.open("/admin/live/scanconflict/" + conflict);
    // named by its kind and what it is about, not "scanconflict nic conflict #3"
    String named = "NIC 02:00:00:00:02:01 of al-01 seen at 10.81.0.50";
    assertEquals("View scan conflict " + named, root.find("h1").getText(), root.text());
    assertTrue(root.all("main form button[value=accept]").size() == 1, root.text());
    assertEquals("Lab One", root.find("#f-lab").getAttribute("value"), "a reference by its label");
    assertEquals("al-01", root.find("#f-host").getAttribute("value"));
    root.assertAccessible();
    // its actions follow its fields
    new Actions(root.driver())
        .scrollToElement(root.find("main form button[value=resolve]"))
        .perform();
    root.screenshot("admin-live-conflict");
    root.follow("main form button[value=accept]");
    assertTrue(
        root.text().contains("1 scan conflict was resolved by accepting the seen IP."),
        root.text());
    assertEquals("resolved", text("SELECT status FROM live_scanconflict WHERE id = ?", conflict));
    assertEquals(
        "10.81.0.50",
        text("SELECT host(ip) FROM inventory_nic WHERE mac = '02:00:00:00:02:01'"),
        "the NIC took the IP it was seen at");

    root.open("/admin/live/scanconflict/" + conflict + "/history");
    assertTrue(root.find("h1").getText().endsWith(named), root.find("h1").getText());
    String history = root.find("#history").getText();
    assertTrue(history.contains("Changed status by root"), history);
    assertTrue(history.contains("Status new resolved"), history);
    root.assertAccessible();
    root.screenshot("admin-live-conflict-history");

    root.open("/admin");
    assertTrue(root.find("main").getText().contains("scan conflict " + named), "in the changes");
    root.open("/admin/live/scanconflict/" + device);
    assertTrue(
        root.find("h1").getText().endsWith("unknown device 00:50:00:00:00:01 at 10.82.0.60"),
        root.find("h1").getText());

    // a resolved conflict's page offers nothing; an unknown device's its own actions and the live
    // page adding its NIC, not a NIC conflict's
    root.open("/admin/live/scanconflict/" + conflict);
    assertEquals(0, root.all("main button[name=action]").size(), root.text());
    root.open("/admin/live/scanconflict/" + device);
    assertEquals(0, root.all("main form button[value=accept]").size(), root.text());
    assertEquals(1, root.all("main form button[value=ignoremac]").size(), root.text());
    assertEquals(1, root.all("main a[href='/live/conflicts/" + device + "/nic']").size());
    root.assertAccessible();
  }

  @Test
  @Order(5)
  void aLocationConflictsPageLeadsToFixingTheLocation() throws Exception {
    // al-01 seen in Lab Two
    scan("02:00:00:00:02:01", "10.82.0.51");
    long location = number("SELECT id FROM live_scanconflict WHERE kind = 'location'");
    root.open("/admin/live/scanconflict/" + location);
    assertEquals(0, root.all("main form button[value=accept]").size(), root.text());
    assertEquals(1, root.all("main form button[value=resolve]").size(), root.text());
    root.assertAccessible();
    root.follow("main a[href='/live/conflicts/" + location + "/location']");
    assertTrue(root.text().contains("Fix the location of al-01"), root.text());
  }

  @Test
  @Order(2)
  void anIgnoredMacAddedInTheAdminIsSkippedByTheNextScan() throws Exception {
    root.open("/admin/live/ignoredmac/add");
    root.type("mac", "00:50:zz").type("reason", "the lab's printer");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-mac").getAttribute("aria-invalid"), root.text());
    assertEquals(0, number("SELECT count(*) FROM live_ignoredmac"));
    root.assertAccessible();
    root.type("mac", "00:50:00:00:00:02");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The ignored MAC \"[^\"]+\" was added successfully\\..*"),
        root.text());
    assertTrue(root.find("#results tbody").getText().contains("the lab's printer"), root.text());
    root.assertAccessible();
    root.screenshot("admin-live-ignoredmacs");

    String report = scan("00:50:00:00:00:02", "10.81.0.70", "02:50:00:00:00:03", "10.81.0.71");
    assertTrue(report.contains("ignored: MAC on the ignore list"), report);
    assertEquals(
        0, number("SELECT count(*) FROM live_scanconflict WHERE mac = '00:50:00:00:00:02'"));
    long mac = number("SELECT id FROM live_ignoredmac");
    root.open("/admin/live/ignoredmac/" + mac + "/history");
    assertTrue(root.find("#history").getText().contains("Added by root"), root.text());
  }

  @Test
  @Order(3)
  void sessionsWarningsAndVirtualHostsAreListedReadOnly() throws Exception {
    site.api()
        .db()
        .execute(
            "INSERT INTO live_offlinehostwarning (host_id, lastseen, created)"
                + " VALUES (?, now() - interval '3 days', now())",
            hosts.get(1));
    root.open("/admin/live/scansession?processed=yes");
    assertEquals(2, root.all("#results tbody tr").size(), root.text());
    assertTrue(root.all("a[href='/admin/live/scansession/add']").isEmpty(), "no add");
    assertTrue(root.all("#action").isEmpty(), "no bulk action, not even delete");
    root.assertAccessible();
    root.screenshot("admin-live-sessions");
    long session = number("SELECT min(id) FROM live_scansession");
    root.open("/admin/live/scansession/" + session);
    assertTrue(root.all("main form button[type=submit]").isEmpty(), "nothing to save");
    root.assertAccessible();

    root.open("/admin/live/virtualhost?status=active");
    assertTrue(root.find("#results tbody").getText().contains("02:50:00:00:00:03"), root.text());
    root.assertAccessible();
    root.screenshot("admin-live-virtualhosts");

    long labTwo = number("SELECT id FROM inventory_lab WHERE name = 'Lab Two'");
    root.open("/admin/live/offlinehostwarning?status=new&lab=" + labTwo);
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    assertTrue(root.find("#results tbody").getText().contains("al-02"), root.text());
    root.assertAccessible();
    root.screenshot("admin-live-warnings");
    long warning = number("SELECT id FROM live_offlinehostwarning");
    root.click("#select-" + warning);
    new Select(root.find("#action")).selectByVisibleText("Mark resolved");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("1 offline host warning was marked resolved."), root.text());
    assertEquals("resolved", text("SELECT status FROM live_offlinehostwarning"));

    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("paula", true));
    phone.open("/admin/live/scanconflict");
    phone.assertAccessible();
    phone.screenshot("admin-live-conflicts-phone");
  }

  @Test
  @Order(4)
  void aStaffUserWhoMayOnlyViewConflictsSeesNoActionAndAForgedOneIs403() throws Exception {
    WebSite.Account vic = site.user("vic", false);
    try (Connection c = site.api().db().connect();
        Statement s = c.createStatement()) {
      s.execute("UPDATE auth_user SET is_staff = true WHERE username = 'vic'");
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
              + " 'live.view_scanconflict' FROM auth_user WHERE username = 'vic'");
    }
    long device = number("SELECT id FROM live_scanconflict WHERE kind = 'unknown'");
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, vic);
    browser.open("/admin/live/scanconflict");
    assertEquals(2, browser.all("#results tbody tr").size(), browser.text());
    assertTrue(browser.all("#action").isEmpty(), "no bulk actions");
    browser.open("/admin/live/scanconflict/" + device);
    assertTrue(browser.all("main form button").isEmpty(), browser.text());
    assertFalse(browser.text().contains("Ignore the MAC"), browser.text());
    browser.assertAccessible();
    String token =
        URLEncoder.encode(
            browser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
            StandardCharsets.UTF_8);
    HttpResponse<String> forged =
        post(
            browser,
            "/admin/live/scanconflict",
            "csrfmiddlewaretoken=" + token + "&action=ignoremac&ids=" + device);
    assertEquals(403, forged.statusCode(), forged.body());
    assertEquals("new", text("SELECT status FROM live_scanconflict WHERE id = ?", device));
    assertEquals(1, number("SELECT count(*) FROM live_ignoredmac"));
    HttpResponse<String> add =
        post(
            browser,
            "/admin/live/ignoredmac/add",
            "csrfmiddlewaretoken=" + token + "&mac=00:50:00:00:00:09");
    assertEquals(403, add.statusCode(), add.body());
    assertEquals(1, number("SELECT count(*) FROM live_ignoredmac"));
    // what no one may do is no page at all, not a permission to ask for
    browser.open("/admin/live/virtualhost/add");
    assertTrue(browser.text().contains("The admin does not add virtual hosts."), browser.text());
  }

  private HttpResponse<String> post(Browser browser, String path, String body) throws Exception {
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", "cores_session=" + session)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
