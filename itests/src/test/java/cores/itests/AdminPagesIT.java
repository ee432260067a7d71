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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin pages in a real browser through the stack's nginx: a superuser creates a building, a
 * lab in the building's page, a rack in the lab's, hardware in its host type's, a host through the
 * generic forms with a NIC in the add form's inline row, searches and filters and sorts the host
 * list, makes an active host bookable in bulk (refused, all or none, beside one not active), is
 * refused an invalid value at its field (nothing written), deletes the host after a confirmation
 * that names its NIC (left without a host), and sees every step in the host's history; a bulk
 * delete; a staff user without inventory.delete_host sees no delete control and a forged delete is
 * 403. axe-core finds no serious problem on any page; the main pages are saved as screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesIT {
  private WebSite site;
  private Browser root;
  private long hostId;
  private long otherHostId;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-pages", builder -> builder);
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

  /** Fills the add form of a model and saves it; answers the list's message. */
  private String add(String model, String... typedThenSelected) {
    root.open("/admin/inventory/" + model + "/add");
    for (int i = 0; i + 2 < typedThenSelected.length; i += 3) {
      String how = typedThenSelected[i];
      String name = typedThenSelected[i + 1];
      String value = typedThenSelected[i + 2];
      if ("type".equals(how)) {
        root.type(name, value);
      } else {
        new Select(root.find("#f-" + name)).selectByVisibleText(value);
      }
    }
    root.follow("main form button[type=submit]");
    assertTrue(root.path().startsWith("/admin/inventory/" + model + "?done=added"), root.path());
    return root.find("[role=status]").getText();
  }

  /** Saves the change form open in the browser, which goes back to the model's list. */
  private void saveInline(String model) {
    root.follow("main form button[type=submit]");
    assertTrue(
        root.path().startsWith("/admin/inventory/" + model + "?done=changed"),
        root.path() + " " + root.text());
  }

  @Test
  @Order(1)
  void staffFindTheAdminInTheMenuAndCreateTheInventoryThroughItsForms() throws Exception {
    root.open("/");
    root.follow("a[href='/admin']");
    assertEquals("/admin", root.path());
    assertTrue(root.text().contains("Hosts"), root.text());
    root.assertAccessible();

    assertEquals(
        "The building \"HQ2\" was added successfully.", add("building", "type", "code", "HQ2"));
    // as in the original's admin: a lab added in its building's form, a rack in its lab's,
    // hardware in its host type's, each in the blank inline row
    long building = number("SELECT id FROM inventory_building WHERE code = 'HQ2'");
    root.open("/admin/inventory/building/" + building);
    root.type("lab-new-name", "lab-x").type("lab-new-network", "10.9.0.0/16");
    saveInline("building");
    long lab = number("SELECT id FROM inventory_lab WHERE building_id = ?", building);
    root.open("/admin/inventory/lab/" + lab);
    assertEquals("lab-x", root.find("#f-name").getAttribute("value"));
    root.type("rack-new-number", "1");
    saveInline("lab");
    root.open("/admin/inventory/lab/" + lab);
    root.assertAccessible();
    root.screenshot("admin-lab-racks");
    long rack = number("SELECT id FROM inventory_rack WHERE lab_id = ? AND number = 1", lab);
    assertEquals("1", root.find("#f-rack-" + rack + "-number").getAttribute("value"));
    // a lab with racks cannot be deleted: its confirmation says why and offers no delete
    root.open("/admin/inventory/lab/" + lab + "/delete");
    assertTrue(
        root.find("#obstacles").getText().contains("1 rack refers to it by lab"), root.text());
    assertTrue(root.all("main form button[type=submit]").isEmpty(), root.text());
    root.assertAccessible();
    root.screenshot("admin-delete-stopped");
    add("hosttype", "type", "name", "tg");
    long type = number("SELECT id FROM inventory_hosttype WHERE name = 'tg'");
    root.open("/admin/inventory/hosttype/" + type);
    root.type("hosthardware-new-name", "R650");
    saveInline("hosttype");
    assertEquals(
        type, number("SELECT host_type_id FROM inventory_hosthardware WHERE name = 'R650'"));
    root.open("/admin/inventory/host/add");
    root.assertAccessible();
    root.screenshot("admin-host-add");
    add(
        "host",
        "type",
        "hostname",
        "adm-01",
        "select",
        "hardware",
        "R650",
        "select",
        "rack",
        "lab-x rack 1",
        "select",
        "status",
        "active",
        // a NIC added with the host, in the add form's blank inline row
        "type",
        "nic-new-mac",
        "02:AD:00:00:00:01",
        "type",
        "nic-new-ip",
        "10.9.0.1");
    hostId = number("SELECT id FROM inventory_host WHERE hostname = 'adm-01'");
    // one save, one entry: the host as saved, with the IP it takes from its NIC, and only the
    // fields given a value
    root.open("/admin/inventory/host/" + hostId + "/history");
    // the NIC added inline is part of the host's history, named and linking to its own
    assertEquals("NIC Added", HistorySteps.parts(root.all("#history > li")), root.text());
    List<WebElement> added = HistorySteps.own(root.all("#history > li"));
    assertEquals(1, added.size(), root.text());
    String entry = added.get(0).getText();
    assertTrue(entry.startsWith("Added by root"), entry);
    assertTrue(entry.matches("(?s).*\\bIP address\\s+10\\.9\\.0\\.1\\b.*"), entry);
    assertFalse(entry.contains("Serial"), entry);
    assertFalse(entry.contains("Before"), entry);
    assertEquals(
        "lab-x|1|R650",
        site.api()
            .db()
            .text(
                "SELECT l.name || '|' || r.number || '|' || hw.name FROM inventory_host h"
                    + " JOIN inventory_rack r ON r.id = h.rack_id JOIN inventory_lab l ON"
                    + " l.id = r.lab_id JOIN inventory_hosthardware hw ON hw.id = h.hardware_id"
                    + " WHERE h.id = ?",
                hostId));
    long hardware = number("SELECT id FROM inventory_hosthardware WHERE name = 'R650'");
    otherHostId =
        site.create(
            "/api/inventory/host/",
            "{\"hostname\":\"adm-02\",\"hardware\":" + hardware + ",\"status\":\"new\"}");

    long nic = number("SELECT id FROM inventory_nic WHERE host_id = ?", hostId);
    root.open("/admin/inventory/host/" + hostId);
    assertEquals(
        "02:ad:00:00:00:01",
        root.find("#f-nic-" + nic + "-mac").getAttribute("value"),
        "the host's page lists its NICs, editable");
    root.assertAccessible();
  }

  @Test
  @Order(2)
  void theHostListIsSearchedFilteredAndSorted() throws Exception {
    root.open("/admin/inventory/host?q=adm-0");
    assertEquals(2, root.all("#results tbody tr").size(), root.text());
    assertTrue(root.find("#results-heading").getText().contains("(2)"));
    root.open("/admin/inventory/host?q=02:ad:00:00:00:01");
    assertEquals(1, root.all("#results tbody tr").size(), "a NIC's MAC finds its host");
    assertTrue(root.find("#results tbody").getText().contains("adm-01"));

    root.open("/admin/inventory/host?q=adm");
    new Select(root.find("#f-status")).selectByVisibleText("active");
    root.follow("form.cores-filters button[type=submit]");
    assertTrue(root.path().contains("status=active"), root.path());
    List<WebElement> rows = root.all("#results tbody tr");
    assertEquals(1, rows.size(), root.text());
    assertTrue(rows.get(0).getText().contains("adm-01"));
    assertTrue(rows.get(0).getText().contains("R650"), "references show their labels");
    root.assertAccessible();
    root.screenshot("admin-hosts");

    root.open("/admin/inventory/host?q=adm");
    root.follow("#results th a[href*='sort=hostname']");
    root.follow("#results th a[href*='sort=-hostname']");
    assertEquals("descending", root.find("th[aria-sort]").getAttribute("aria-sort"));
    assertTrue(root.find("#results tbody tr").getText().contains("adm-02"), root.text());
    for (WebElement box : root.all("input[name=ids]")) {
      box.click();
    }
    new Select(root.find("#action")).selectByVisibleText("Make bookable");
    root.follow("#results form button[type=submit]");
    // adm-02 is new, not active: it cannot have an active bookable, and the action is all or none
    assertTrue(
        root.find("[role=alert]")
            .getText()
            .contains("Nothing was made bookable: host adm-02: The host is new"),
        root.text());
    assertEquals(
        0,
        number(
            "SELECT count(*) FROM booking_bookable WHERE host_id IN (?, ?)", hostId, otherHostId));
    // the list as it was posted: both rows still ticked, the action still chosen
    assertTrue(root.find("#select-" + hostId).isSelected(), root.text());
    assertTrue(root.find("#select-" + otherHostId).isSelected(), root.text());
    assertEquals(
        "Make bookable", new Select(root.find("#action")).getFirstSelectedOption().getText());
    root.assertAccessible();
    // no row ticked: said so, the action kept for the rows to tick
    for (WebElement box : root.all("input[name=ids]")) {
      box.click();
    }
    root.follow("#results form button[type=submit]");
    assertTrue(root.find("[role=alert]").getText().contains("No row was selected"), root.text());
    assertEquals(
        "Make bookable", new Select(root.find("#action")).getFirstSelectedOption().getText());
    root.open("/admin/inventory/host?q=adm");
    root.click("#select-" + hostId);
    new Select(root.find("#action")).selectByVisibleText("Make bookable");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("1 host was made bookable."), root.text());
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM booking_bookable WHERE status = 'active' AND host_id = ?",
            hostId));
    // each host's bookable state, as the original's list showed it, and a filter by it
    root.open("/admin/inventory/host?q=adm");
    int state = headers().indexOf("Bookable status");
    assertTrue(state >= 0, root.text());
    assertEquals(List.of("active", "none"), column("#results tbody tr", state));
    new Select(root.find("#f-bookable_status")).selectByVisibleText("none");
    root.follow("form.cores-filters button[type=submit]");
    assertEquals(List.of("none"), column("#results tbody tr", state));
    assertTrue(root.find("#results tbody").getText().contains("adm-02"), root.text());
  }

  /** The list's column headers, as shown. */
  private List<String> headers() {
    return root.all("#results thead th").stream().map(h -> h.getText().strip()).toList();
  }

  /** The text of the {@code index}th cell (headers' numbering) of each row. */
  private List<String> column(String rows, int index) {
    return root.all(rows).stream()
        .map(r -> r.findElements(By.cssSelector("th, td")).get(index).getText().strip())
        .toList();
  }

  @Test
  @Order(3)
  void anInvalidValueIsShownAtItsFieldAndNothingIsWritten() throws Exception {
    long nic = number("SELECT id FROM inventory_nic WHERE host_id = ?", hostId);
    root.open("/admin/inventory/nic/" + nic);
    root.type("mac", "02:ad");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-mac").getAttribute("aria-invalid"));
    assertTrue(
        root.find("#f-mac-error").getText().startsWith("not a MAC address"),
        root.find("#f-mac-error").getText());
    assertEquals("02:ad", root.find("#f-mac").getAttribute("value"), "kept as typed");
    root.assertAccessible();
    root.screenshot("admin-field-error");
    assertEquals(
        "02:ad:00:00:00:01",
        site.api().db().text("SELECT mac::text FROM inventory_nic WHERE id = ?", nic));

    root.open("/admin/inventory/host/" + hostId);
    root.type("hostname", "").type("details", "never saved");
    root.follow("main form button[type=submit]");
    assertEquals("required", root.find("#f-hostname-error").getText().strip());
    assertTrue(root.find("#problems").getText().contains("Hostname: required"), root.text());
    assertEquals(
        "adm-01|",
        site.api()
            .db()
            .text("SELECT hostname || '|' || details FROM inventory_host WHERE id = ?", hostId));

    root.type("hostname", "adm-01").type("details", "top of the rack");
    root.follow("main form button[type=submit]");
    // as Django's: the host named and linked, to change it again
    assertEquals(
        "The host \"adm-01\" was changed successfully.", root.find("[role=status]").getText());
    assertTrue(
        root.find("[role=status] a")
            .getAttribute("href")
            .endsWith("/admin/inventory/host/" + hostId),
        root.find("[role=status]").getAttribute("innerHTML"));
  }

  @Test
  @Order(31)
  void anInvalidInlineMacIsShownAtTheRowsFieldAndNothingIsWritten() throws Exception {
    long nic = number("SELECT id FROM inventory_nic WHERE host_id = ?", hostId);
    root.open("/admin/inventory/host/" + hostId);
    root.type("details", "inline never saved").type("nic-" + nic + "-mac", "02:ad");
    root.type("nic-new-mac", "02:AD:00:00:00:99");
    root.follow("main form button[type=submit]");
    String field = "#f-nic-" + nic + "-mac";
    assertEquals("true", root.find(field).getAttribute("aria-invalid"));
    assertTrue(
        root.find(field + "-error").getText().startsWith("not a MAC address"),
        root.find(field + "-error").getText());
    assertEquals("02:ad", root.find(field).getAttribute("value"), "kept as typed");
    assertEquals("02:AD:00:00:00:99", root.find("#f-nic-new-mac").getAttribute("value"));
    // listed above the form too, linked to the row's field (far down, and on a phone off screen)
    assertEquals(
        "#f-nic-" + nic + "-mac",
        root.find("#problems a").getAttribute("href").replaceAll("^.*#", "#"));
    assertTrue(
        root.find("#problems").getText().contains("MAC of NIC " + nic + ": not a MAC address"),
        root.find("#problems").getText());
    root.assertAccessible();
    root.driver().executeScript("document.getElementById('nics').scrollIntoView()");
    root.screenshot("admin-inline-error");
    assertEquals(
        "02:ad:00:00:00:01",
        site.api().db().text("SELECT mac::text FROM inventory_nic WHERE id = ?", nic));
    assertEquals(1, number("SELECT count(*) FROM inventory_nic WHERE host_id = ?", hostId));
    assertEquals(
        "top of the rack",
        site.api().db().text("SELECT details FROM inventory_host WHERE id = ?", hostId));
  }

  @Test
  @Order(32)
  void suspendingAHostWithABookingAheadIsConfirmedOverTheBookingFirst() throws Exception {
    long bookable = number("SELECT id FROM booking_bookable WHERE host_id = ?", hostId);
    site.api()
        .db()
        .execute(
            "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) SELECT ?,"
                + " id, now() + interval '1 day', now() + interval '2 days' FROM auth_user"
                + " WHERE username = 'root'",
            bookable);
    root.open("/admin/inventory/host?q=adm-01");
    root.click("#select-" + hostId);
    new Select(root.find("#action")).selectByVisibleText("Suspend (bookable)");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("Suspend (bookable) for this host?"), root.text());
    List<WebElement> holds = root.all("#holds tbody tr");
    assertEquals(1, holds.size(), root.text());
    assertTrue(holds.get(0).getText().startsWith("adm-01 booking root"), holds.get(0).getText());
    assertEquals(
        "active",
        site.api().db().text("SELECT status FROM booking_bookable WHERE id = ?", bookable));
    root.assertAccessible();
    root.screenshot("admin-bulk-confirm");
    root.follow("main form button[type=submit]");
    assertTrue(root.text().contains("1 host was suspended for booking."), root.text());
    assertEquals(
        "suspended",
        site.api().db().text("SELECT status FROM booking_bookable WHERE id = ?", bookable));
  }

  @Test
  @Order(33)
  void aSaveOverSomeoneElsesChangeIsRefusedUntilMadeAgainKnowingIt() throws Exception {
    String details = "SELECT details FROM inventory_host WHERE id = ?";
    // on the other host: the first one's history is counted below
    // a write of Cores' own (a scan's last seen) is not someone else's change of the form
    root.open("/admin/inventory/host/" + otherHostId);
    site.api().db().execute("UPDATE inventory_host SET lastseen = now() WHERE id = ?", otherHostId);
    root.type("details", "after a scan");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The host \"[^\"]+\" was changed successfully\\..*"),
        root.text());
    assertEquals("after a scan", site.api().db().text(details, otherHostId));

    root.open("/admin/inventory/host/" + otherHostId);
    site.api()
        .db()
        .execute("UPDATE inventory_host SET details = 'theirs' WHERE id = ?", otherHostId);
    root.type("details", "mine");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().contains("Someone else changed this host since you opened this form"),
        root.text());
    assertEquals("theirs", site.api().db().text(details, otherHostId), "nothing written");
    assertEquals("mine", root.find("#f-details").getAttribute("value"), "kept as typed");
    root.assertAccessible();
    root.screenshot("admin-changed-since");

    // saved again, knowing: what is shown is kept
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The host \"[^\"]+\" was changed successfully\\..*"),
        root.text());
    assertEquals("mine", site.api().db().text(details, otherHostId));

    // the same on a phone without JavaScript: a plain form post
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("phoebe", true));
    phone.open("/admin/inventory/host/" + otherHostId);
    site.api()
        .db()
        .execute("UPDATE inventory_host SET details = 'theirs' WHERE id = ?", otherHostId);
    phone.type("details", "from the phone");
    phone.follow("main form button[type=submit]");
    assertTrue(
        phone.text().contains("Someone else changed this host since you opened this form"),
        phone.text());
    assertEquals("theirs", site.api().db().text(details, otherHostId), "nothing written");
    phone.assertAccessible();
    phone.screenshot("admin-changed-since-phone-no-javascript");
    phone.follow("main form button[type=submit]");
    assertTrue(
        phone.text().matches("(?s).*The host \"[^\"]+\" was changed successfully\\..*"),
        phone.text());
    assertEquals("from the phone", site.api().db().text(details, otherHostId));
  }

  @Test
  @Order(40)
  void aStaffUserWithoutDeleteHostSeesNoDeleteAndAForgedDeleteIs403() throws Exception {
    WebSite.Account dora = site.user("dora", false);
    try (Connection c = site.api().db().connect();
        Statement s = c.createStatement()) {
      s.execute("UPDATE auth_user SET is_staff = true WHERE username = 'dora'");
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id, p FROM auth_user,"
              + " unnest(ARRAY['inventory.view_host', 'inventory.change_host']) p"
              + " WHERE username = 'dora'");
    }
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, dora);
    browser.open("/admin");
    assertEquals(
        List.of("Hosts"),
        browser.all("main table th a").stream().map(WebElement::getText).toList());
    browser.open("/admin/inventory/host");
    assertTrue(browser.all("#action option[value=delete]").isEmpty(), "no bulk delete");
    assertTrue(browser.text().contains("adm-02"));
    // the bookables' actions need the booking permissions she lacks: only the host's own offered
    assertTrue(browser.all("#action option[value=bookable]").isEmpty(), "no Make bookable");
    assertTrue(browser.all("#action option[value=suspend]").isEmpty(), "no Suspend");
    assertFalse(browser.all("#action option[value=status_missing]").isEmpty(), "her own actions");
    browser.open("/admin/inventory/host/" + otherHostId);
    assertFalse(browser.text().contains("Delete"), browser.text());
    assertFalse(browser.text().contains("Make bookable"), browser.text());
    assertFalse(browser.text().contains("Suspend"), browser.text());
    browser.assertAccessible();
    String token =
        URLEncoder.encode(
            browser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
            StandardCharsets.UTF_8);
    HttpResponse<String> forged =
        post(
            browser,
            "/admin/inventory/host/" + otherHostId + "/delete",
            "csrfmiddlewaretoken=" + token);
    assertEquals(403, forged.statusCode(), forged.body());
    HttpResponse<String> bulk =
        post(
            browser,
            "/admin/inventory/host/delete",
            "csrfmiddlewaretoken=" + token + "&ids=" + otherHostId);
    assertEquals(403, bulk.statusCode(), bulk.body());
    assertEquals(1, number("SELECT count(*) FROM inventory_host WHERE id = ?", otherHostId));
    // a NIC row forged into the host's form (she may not even see NICs): refused, none written
    long nics = number("SELECT count(*) FROM inventory_nic");
    HttpResponse<String> inline =
        post(
            browser,
            "/admin/inventory/host/" + otherHostId,
            "csrfmiddlewaretoken=" + token + "&hostname=adm-02&nic-new-mac=02:00:00:00:77:01");
    assertEquals(403, inline.statusCode(), inline.body());
    assertTrue(inline.body().contains("inventory.view_nic"), inline.body());
    assertEquals(nics, number("SELECT count(*) FROM inventory_nic"));
    browser.open("/admin/inventory/building");
    assertTrue(browser.text().contains("403"), browser.text());
  }

  @Test
  @Order(50)
  void aDeleteIsConfirmedNamingWhatGoesWithItAndTheHistoryShowsEveryStep() throws Exception {
    root.open("/admin/inventory/host/" + hostId);
    root.follow("a[href$='/delete']");
    assertTrue(root.text().contains("Delete this host?"), root.text());
    assertTrue(
        root.find("#consequences").getText().contains("1 NIC will lose its host"),
        root.find("#consequences").getText());
    root.assertAccessible();
    root.screenshot("admin-delete");
    root.follow("main form button[type=submit]");
    // as Django's admin: what was deleted, by its name, said once
    assertTrue(root.text().contains("The host \"adm-01\" was deleted successfully."), root.text());
    assertFalse(root.text().contains("Successfully deleted 1 host."), root.text());
    assertEquals(0, number("SELECT count(*) FROM inventory_host WHERE id = ?", hostId));
    root.open(root.path());
    assertTrue(root.text().contains("Successfully deleted 1 host."), root.text());
    assertFalse(root.text().contains("adm-01\" was deleted"), root.text());
    // a name this site did not sign for this session (a sibling subdomain may set cookies) is
    // not shown
    root.driver()
        .manage()
        .addCookie(
            new Cookie(
                "cores_admin_deleted",
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString("inventory.host\nforged-01".getBytes(StandardCharsets.UTF_8)),
                "/admin"));
    root.open(root.path());
    assertFalse(root.text().contains("forged-01"), root.text());
    assertTrue(root.text().contains("Successfully deleted 1 host."), root.text());

    root.open("/admin/inventory/host/" + hostId + "/history");
    // its parts: the NIC added with it and losing it, its bookable made, suspended and deleted
    assertEquals(
        "NIC Added, NIC Changed host, bookable Added, bookable Changed status, bookable Deleted",
        HistorySteps.parts(root.all("#history > li")));
    List<WebElement> steps = HistorySteps.own(root.all("#history > li"));
    assertEquals(3, steps.size(), root.text());
    assertTrue(steps.get(0).getText().startsWith("Deleted by root"), steps.get(0).getText());
    assertTrue(
        steps.get(1).getText().matches("(?s)Changed [a-z ,]+ by root.*"), steps.get(1).getText());
    assertTrue(steps.get(1).getText().contains("top of the rack"), steps.get(1).getText());
    assertTrue(steps.get(2).getText().startsWith("Added by root"), steps.get(2).getText());
    // fields by their labels, references by theirs
    assertTrue(
        steps.get(2).getText().matches("(?s).*\\bHardware\\s+R650\\b.*"), steps.get(2).getText());
    assertFalse(steps.get(2).getText().contains("hardware_id"), steps.get(2).getText());
    root.assertAccessible();
    root.screenshot("admin-history");

    // who wrote links to everything they wrote
    root.follow("#history > li a[href^='/admin/changes?user=']");
    assertTrue(root.text().contains("Changes by root"), root.text());
    List<WebElement> changes = root.all("#changes > li");
    // the host's deletion, with its bookable and booking deleted with it
    assertTrue(
        changes.stream()
            .anyMatch(c -> c.getText().startsWith("host #" + hostId + ": Deleted by root")),
        root.text());
    assertTrue(
        changes.stream().anyMatch(c -> c.getText().startsWith("bookable ")),
        "the bulk suspension is among root's changes");
    root.assertAccessible();
    root.screenshot("admin-changes-by-user");
    new Select(root.find("#f-model")).selectByVisibleText("Buildings");
    root.follow("form.cores-filters button[type=submit]");
    assertTrue(
        root.all("#changes > li").stream().allMatch(c -> c.getText().startsWith("building ")),
        root.text());
    // each object by its name, as its own pages show it
    assertTrue(
        root.all("#changes > li").stream()
            .anyMatch(c -> c.getText().startsWith("building HQ2: Added by root")),
        root.text());

    root.open("/admin");
    assertTrue(root.find("main").getText().contains("host #" + hostId + ": Deleted by root"));
    root.screenshot("admin-home");
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
