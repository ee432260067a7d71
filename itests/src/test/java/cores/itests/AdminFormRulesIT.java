package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
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
 * The admin's forms keep what nobody touched and say everything at once, in a real browser: a save
 * round-trip keeps the line breaks of every multi-line text field, inline rows included. A
 * reference typed by name or #id follows one rule in a form and in a filter: a filter over more
 * objects than it lists takes any other typed, as the change log's user filter does (whose filters
 * fold on a phone as a list's), and one that names none is said, not answered with an empty list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminFormRulesIT {
  /** The label of the box that shows a list's filters on a phone. */
  private static final String FOLD = "label[for=filters-shown]";

  /** The box of the host list's hardware filter, which takes a model typed. */
  private static final String TYPED = "_find_hardware";

  private WebSite site;
  private Browser root;
  private Browser plain;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-form-rules", builder -> builder);
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
    hosts = site.inventory("fm", 2);
    plain = site.browser(false, 1280);
    WebSite.logIn(plain, site.user("plain", true));
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

  private void save(String listPath) {
    root.follow("main form button[type=submit]");
    assertTrue(root.path().startsWith(listPath + "?done=changed"), root.path() + " " + root.text());
  }

  @Test
  @Order(1)
  void aSaveKeepsTheLineBreaksOfEveryMultiLineTextFieldInlinesIncluded() throws Exception {
    String two = "line one\nline two";
    long notice =
        site.create(
            "/api/notices/notice/", "{\"title\":\"Before\",\"message\":\"line one\\nline two\"}");
    root.open("/admin/notices/notice/" + notice);
    root.type("title", "After");
    save("/admin/notices/notice");
    assertEquals("After|" + two, text("SELECT title || '|' || message FROM notices_notice"));

    long host = hosts.get(0);
    site.api().db().execute("UPDATE inventory_card SET details = ? WHERE host_id = ?", two, host);
    root.open("/admin/inventory/host/" + host);
    root.type("details", "changed, not the card");
    save("/admin/inventory/host");
    assertEquals(two, text("SELECT details FROM inventory_card WHERE host_id = ?", host));

    site.api().db().execute("UPDATE inventory_lab SET comment = ?", two);
    site.api().db().execute("UPDATE inventory_rack SET comment = ?", two);
    site.api().db().execute("UPDATE inventory_hosthardware SET details = ?", two);
    String building = text("SELECT id::text FROM inventory_building");
    root.open("/admin/inventory/building/" + building);
    root.type("comment", "the building's own");
    save("/admin/inventory/building");
    String lab = text("SELECT min(id)::text FROM inventory_lab");
    root.open("/admin/inventory/lab/" + lab);
    save("/admin/inventory/lab");
    String type = text("SELECT min(id)::text FROM inventory_hosttype");
    root.open("/admin/inventory/hosttype/" + type);
    save("/admin/inventory/hosttype");
    assertEquals("1", text("SELECT count(DISTINCT comment)::text FROM inventory_lab"));
    assertEquals(two, text("SELECT min(comment) FROM inventory_lab"));
    assertEquals(two, text("SELECT min(comment) FROM inventory_rack"));
    assertEquals(two, text("SELECT max(comment) FROM inventory_rack"));
    assertEquals(two, text("SELECT min(details) FROM inventory_hosthardware"));
    assertEquals(two, text("SELECT max(details) FROM inventory_hosthardware"));

    // a line break typed in the box is stored as the API stores one (LF, not the form's CR LF)
    root.open("/admin/inventory/lab/" + lab);
    root.type("comment", "typed\nhere");
    save("/admin/inventory/lab");
    assertEquals(
        "typed\nhere", text("SELECT comment FROM inventory_lab WHERE id = ?", Long.valueOf(lab)));
  }

  @Test
  @Order(2)
  void aBookingsFixedFieldsAreShownReadOnlyOnItsChangeFormAndEditableOnAdd() throws Exception {
    long bookable =
        site.api().db().number("SELECT id FROM booking_bookable WHERE host_id = ?", hosts.get(0));
    long booking =
        site.create(
            "/api/booking/booking/",
            "{\"bookable\":"
                + bookable
                + ",\"start\":\"2030-03-01T09:00:00Z\",\"end\":\"2030-03-02T09:00:00Z\"}");
    root.open("/admin/booking/booking/" + booking);
    for (String fixed : List.of("bookable", "owner", "start")) {
      assertEquals("true", root.find("#f-" + fixed).getAttribute("readonly"), fixed);
      assertTrue(root.all("[name=" + fixed + "]").isEmpty(), fixed + " is not posted");
    }
    root.assertAccessible();
    root.type("comment", "fixed fields stay");
    save("/admin/booking/booking");
    assertEquals(
        "fixed fields stay|2030-03-01 09:00:00+00",
        text(
            "SELECT comment || '|' || to_char(start_time AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD HH24:MI:SS') || '+00' FROM booking_booking WHERE id = ?",
            booking));
    root.open("/admin/booking/booking/add");
    assertTrue(root.find("#f-start").getAttribute("readonly") == null, "editable on add");
  }

  @Test
  @Order(3)
  void anAddFormReportsTheObjectsAndItsRowsProblemsAtOnce() throws Exception {
    String before = text("SELECT count(*)::text FROM inventory_host");
    root.open("/admin/inventory/host/add");
    root.type("hostname", "fm-new").type("nic-new-mac", "zz:zz");
    root.follow("main form button[type=submit]");
    assertEquals("required", root.find("#f-hardware-error").getText().strip(), root.text());
    assertTrue(
        root.find("#f-nic-new-mac-error").getText().startsWith("not a MAC address"), root.text());
    assertEquals(before, text("SELECT count(*)::text FROM inventory_host"), "nothing written");
  }

  @Test
  @Order(4)
  void aVmHostLoopIsRefusedAtTheFieldAndByTheApi() throws Exception {
    long a = hosts.get(0);
    long b = hosts.get(1);
    site.api().db().execute("UPDATE inventory_host SET vm_host_id = ? WHERE id = ?", a, b);
    root.open("/admin/inventory/host/" + a);
    new Select(root.find("#f-vm_host")).selectByValue(String.valueOf(b));
    root.follow("main form button[type=submit]");
    assertTrue(
        root.find("#f-vm_host-error").getText().startsWith("would make a loop"), root.text());
    assertEquals(
        "", text("SELECT coalesce(vm_host_id::text, '') FROM inventory_host WHERE id = ?", a));
    HttpResponse<String> api =
        site.api()
            .send(
                "PATCH", "/api/inventory/host/" + a + "/", site.admin(), "{\"vm_host\":" + b + "}");
    assertEquals(400, api.statusCode(), api.body());
    assertTrue(api.body().contains("would make a loop"), api.body());
  }

  @Test
  @Order(5)
  void aNumberTooLargeAndAnIgnoredMacListedAlreadyAreToldAtTheirFields() throws Exception {
    root.open("/admin/inventory/rack/add");
    new Select(root.find("#f-lab")).selectByIndex(1);
    root.type("number", "2147483648");
    root.follow("main form button[type=submit]");
    assertEquals("too large: at most 2147483647", root.find("#f-number-error").getText().strip());

    root.open("/admin/live/ignoredmac/add");
    root.type("mac", "00:de:ad:be:ef:01");
    root.follow("main form button[type=submit]");
    assertTrue(root.text().contains("was added"), root.text());
    root.open("/admin/live/ignoredmac/add");
    root.type("mac", "00:DE:AD:BE:EF:01");
    root.follow("main form button[type=submit]");
    assertEquals(
        "already on the ignore list", root.find("#f-mac-error").getText().strip(), root.text());
  }

  @Test
  @Order(6)
  void aReferenceToOneOfManyHostsIsTypedByNameWithJavaScriptOffAndOn() throws Exception {
    // more hosts than a select lists, straight in SQL: many1050 is past the first 1,000 by name
    site.api()
        .db()
        .execute(
            "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status)"
                + " SELECT 'many' || lpad(n::text, 4, '0'), h.hardware_id, h.rack_id, 'active'"
                + " FROM generate_series(1, 1100) n, inventory_host h WHERE h.id = ?",
            hosts.get(0));
    long far = site.api().db().number("SELECT id FROM inventory_host WHERE hostname = 'many1050'");
    String mac = "02:00:00:00:10:50";
    Browser plain = site.browser(false, 390);
    WebSite.logIn(plain, site.user("refs", true));
    plain.open("/admin/inventory/nic/add");
    assertEquals("f-host-list", plain.find("#f-host").getAttribute("list"), "a box, not a select");
    plain.type("mac", mac).type("host", "many105");
    plain.follow("main form button[type=submit]");
    assertTrue(
        plain.find("#f-host-error").getText().startsWith("No host is named “many105”: pick one"),
        plain.text());
    assertEquals("0", text("SELECT count(*)::text FROM inventory_nic WHERE mac = ?::macaddr", mac));
    assertEquals(mac, plain.find("#f-mac").getAttribute("value"), "what was typed is kept");
    plain.assertAccessible();
    // wheel actions, not a script: the page's scripts are off
    new Actions(plain.driver()).scrollToElement(plain.find("#f-host-pick-" + far)).perform();
    plain.screenshot("admin-reference-typed-no-javascript");
    plain.click("#f-host-pick-" + far).follow("main form button[type=submit]");
    long nic = site.api().db().number("SELECT id FROM inventory_nic WHERE mac = ?::macaddr", mac);
    assertEquals(
        String.valueOf(far), text("SELECT host_id::text FROM inventory_nic WHERE id = ?", nic));

    // the change form shows the host past the first 1,000 by name; with JavaScript it suggests
    root.open("/admin/inventory/nic/" + nic);
    assertEquals("many1050", root.find("#f-host").getAttribute("value"));
    root.type("host", "many109");
    root.await("#f-host-list option[value=many1099]");
    assertEquals(10, root.all("#f-host-list option").size(), "many1090 to many1099");
    root.assertAccessible();
    root.screenshot("admin-reference-typed-javascript");
    root.type("host", "MANY1099");
    save("/admin/inventory/nic");
    assertEquals(
        "many1099",
        text(
            "SELECT h.hostname FROM inventory_nic n JOIN inventory_host h"
                + " ON h.id = n.host_id WHERE n.id = ?",
            nic));

    // suggestions only for one who may use the form
    HttpResponse<String> refused =
        site.api()
            .send(
                "GET",
                "/admin/inventory/nic/autocomplete?field=host&term=many",
                staffWithout(),
                null);
    assertEquals(403, refused.statusCode(), refused.body());

    // a list filtered by a host no list option holds (its address) shows it chosen
    plain.open("/admin/inventory/host?vm_host=" + far);
    // on a phone the filters are folded: out of sight, a select shows no text
    plain.click("label[for=filters-shown]");
    assertEquals(
        "many1050", new Select(plain.find("#f-vm_host")).getFirstSelectedOption().getText());
  }

  /** The Basic credentials of staff with no permission. */
  private String staffWithout() throws Exception {
    WebSite.Account clerk = site.user("refclerk", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'refclerk'");
    return clerk.basic();
  }

  /**
   * The change log's filters fold on a phone as the lists' do, so that its first changes are in the
   * first screen; without JavaScript they open, and apply, all the same.
   */
  @Test
  @Order(7)
  void onAPhoneTheChangeLogsFiltersFoldAwayToo() throws Exception {
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("foldlog", true));
    phone.open("/admin/changes");
    assertFalse(phone.find("#filters-shown").isSelected(), "folded on a phone");
    assertEquals("Show filters", phone.find(FOLD).getText().strip());
    assertFalse(phone.find("#f-model").isDisplayed(), "a folded filter is out of sight");
    phone.assertInFirstScreen("#changes li");
    assertEquals(null, phone.sideways(false), "the phone's page scrolls sideways");
    phone.assertAccessible();
    phone.screenshot("admin-changes-filters-folded-390");

    phone.click(FOLD);
    assertTrue(phone.find("#f-model").isDisplayed(), "an opened filter is in sight");
    new Select(phone.find("#f-model")).selectByValue("host");
    new Select(phone.find("#f-action")).selectByValue("update");
    phone.follow(".cores-filters button[type=submit]");
    assertTrue(phone.path().contains("action=update"), phone.path());
    assertEquals("Show filters (2 applied)", phone.find(FOLD).getText().strip());
    assertFalse(phone.find("#f-model").isDisplayed(), "folded again once applied");
    String changes = phone.find("#changes").getText();
    assertTrue(changes.contains("Changed"), changes);
    assertFalse(changes.contains("Added"), changes);
    phone.assertInFirstScreen("#changes li");
    phone.assertAccessible();

    // at a laptop's width there is no fold: the filters are always shown
    plain.open("/admin/changes");
    assertTrue(plain.find("#f-model").isDisplayed(), "the filters shown beside");
    assertFalse(plain.find(FOLD).isDisplayed(), "no fold to open there");

    // the user typed by name, as a list's filter's box: the address then holds the id
    long foldlog = number("SELECT id FROM auth_user WHERE username = 'foldlog'");
    plain.type("user", "FOLDLOG");
    plain.follow(".cores-filters button[type=submit]");
    assertTrue(plain.path().contains("user=" + foldlog), plain.path());
    // one who wrote nothing: their name, and no changes, which is the answer
    assertTrue(plain.text().contains("Changes by foldlog"), plain.text());
    assertTrue(plain.text().contains("No changes found."), plain.text());
    assertEquals(String.valueOf(foldlog), plain.find("#f-user").getAttribute("value"));
    plain.type("user", "nobody-so-named");
    plain.follow(".cores-filters button[type=submit]");
    assertTrue(
        plain
            .find("[role=alert]")
            .getText()
            .contains(
                "Filter User: no user is named “nobody-so-named”, and no name holds it; not"
                    + " applied."),
        plain.text());
    assertFalse(plain.text().contains("No changes found."), plain.text());
    // an id that is no one's: said, every user's changes shown, not an empty list
    plain.open("/admin/changes?user=999999999");
    assertTrue(
        plain
            .find("[role=alert]")
            .getText()
            .contains("Filter User: no user #999999999 (deleted, or never there); not applied."),
        plain.text());
    assertFalse(plain.text().contains("No changes found."), plain.text());
    plain.assertAccessible();
  }

  /**
   * A reference filter over more objects than its select lists (1,100 hardware models, each some
   * host's) lists the first 200 by name, as many as a form's select, as the database orders them,
   * says so, and takes any other typed by name or #id, without JavaScript; an entry that names
   * none, and an id that is none, is said and not applied, not answered with an empty list; so is a
   * box in the address that no filter shows.
   */
  @Test
  @Order(8)
  void aFilterOverMoreObjectsThanItListsTakesAnyTyped() throws Exception {
    site.api()
        .db()
        .execute(
            "INSERT INTO inventory_hosthardware (name, host_type_id) SELECT 'hw-' || lpad(n::text,"
                + " 4, '0'), (SELECT min(id) FROM inventory_hosttype) FROM generate_series(1, 1100) n");
    site.api()
        .db()
        .execute(
            "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status) SELECT 'many-'"
                + " || substr(h.name, 4), h.id, (SELECT min(id) FROM inventory_rack), 'active'"
                + " FROM inventory_hosthardware h WHERE h.name LIKE 'hw-%'");
    String first =
        site.api()
            .db()
            .text(
                "SELECT string_agg(name, '|' ORDER BY name, id) FROM (SELECT h.id, h.name FROM"
                    + " inventory_hosthardware h WHERE EXISTS (SELECT 1 FROM inventory_host x"
                    + " WHERE x.hardware_id = h.id) ORDER BY h.name, h.id LIMIT 200) f");
    plain.open("/admin/inventory/host");
    Object listed =
        plain
            .driver()
            .executeScript(
                "return Array.from(document.querySelectorAll('#f-hardware option'))"
                    + ".slice(2).map(o => o.textContent).join('|');");
    assertEquals(first, listed, "the first 200 by name, in the database's order");
    assertTrue(
        plain.text().contains("Only the first 200 are listed above, by name."), plain.text());
    plain.assertAccessible();
    plain.screenshot("admin-list-filter-typed");

    // one past the first 200, by its name: Apply reads it into the filter
    long last = number("SELECT id FROM inventory_hosthardware WHERE name = 'hw-1100'");
    plain.type(TYPED, "hw-1100");
    plain.follow(".cores-filters button[type=submit]");
    assertTrue(plain.path().contains("hardware=" + last), plain.path());
    assertFalse(plain.path().contains("_find_"), "the list's address carries the id");
    assertOnlyRow("many-1100");
    assertEquals(
        String.valueOf(last),
        new Select(plain.find("#f-hardware")).getFirstSelectedOption().getAttribute("value"),
        "shown chosen");
    assertEquals("", plain.find("#find-hardware").getAttribute("value"));

    // ignoring case, and by #id
    plain.open("/admin/inventory/host");
    plain.type(TYPED, " HW-1099 ");
    plain.follow(".cores-filters button[type=submit]");
    assertOnlyRow("many-1099");
    plain.open("/admin/inventory/host");
    plain.type(TYPED, "#" + last);
    plain.follow(".cores-filters button[type=submit]");
    assertOnlyRow("many-1100");

    // a name that is none: said, kept as typed, the list unfiltered
    long all = number("SELECT count(*) FROM inventory_host");
    plain.open("/admin/inventory/host");
    plain.type(TYPED, "no-such-model");
    plain.follow(".cores-filters button[type=submit]");
    assertTrue(
        plain
            .text()
            .contains(
                "Filter Hardware: no host hardware is named “no-such-model”, and no name holds it;"
                    + " not applied."),
        plain.text());
    assertEquals("no-such-model", plain.find("#find-hardware").getAttribute("value"));
    assertTrue(plain.text().contains("Hosts (" + all + ")"), plain.text());
    plain.assertAccessible();
    // a part of names: those that hold it are named
    plain.type(TYPED, "hw-109");
    plain.follow(".cores-filters button[type=submit]");
    assertTrue(
        plain.text().contains("no host hardware is named “hw-109”; not applied."), plain.text());
    assertTrue(plain.text().contains("hw-1090 (#"), plain.text());
    // an id that is no object's, in an edited address
    plain.open("/admin/inventory/host?hardware=999999999");
    assertTrue(
        plain
            .find("[role=alert]")
            .getText()
            .contains(
                "Filter Hardware: no host hardware #999999999 (deleted, or never there); not"),
        plain.text());
    assertTrue(plain.text().contains("Hosts (" + all + ")"), plain.text());

    // a box no filter shows (an edited address) is named, as an unknown filter is, not dropped
    for (Browser browser : List.of(plain, site.browser(false, 390))) {
      if (browser != plain) {
        WebSite.logIn(browser, site.user("forgedbox", true));
      }
      browser.open("/admin/inventory/host?q=many&_find_nothing=x");
      assertTrue(
          browser
              .find("[role=alert]")
              .getText()
              .contains(
                  "Parameter _find_nothing: no filter of this list has such a box; not applied."),
          browser.text());
      for (WebElement link : browser.all("#results th a, .cores-pager a")) {
        assertFalse(link.getAttribute("href").contains("_find_"), link.getAttribute("href"));
      }
      browser.assertAccessible();
      browser.screenshot("admin-list-forged-box-" + (browser == plain ? 1280 : 390));
    }
  }

  /**
   * A checkbox sent with another value than a tick's (a forged {@code is_active=maybe}) is refused
   * at its field, the form shown again as typed and nothing saved, as on the user pages' forms: it
   * was read as unticked, and the user made inactive. On a phone without JavaScript and at a
   * laptop's width.
   */
  @Test
  @Order(9)
  void aCheckboxSentWithAnotherValueThanATicksIsRefusedAtItsField() throws Exception {
    long id = number("SELECT id FROM auth_user WHERE username = 'plain'");
    String before = text("SELECT first_name || '|' || is_active FROM auth_user WHERE id = ?", id);
    for (int width : new int[] {390, 1280}) {
      Browser browser = site.browser(false, width);
      WebSite.logIn(browser, site.user("boxes" + width, true));
      browser.open("/admin/auth/user/" + id);
      browser
          .driver()
          .executeScript(
              "var box = document.querySelector('[name=is_active]');"
                  + " box.value = 'maybe'; box.checked = true;");
      browser.type("first_name", "Maybe");
      browser.follow("main form.cores-card button[type=submit]");
      assertEquals("/admin/auth/user/" + id, browser.path());
      WebElement box = browser.find("[name=is_active]");
      assertEquals("true", box.getAttribute("aria-invalid"), browser.text());
      assertTrue(
          browser
              .find(".cores-check.cores-field--invalid")
              .getText()
              .contains("must be ticked or left out"),
          browser.text());
      assertEquals("Maybe", browser.find("[name=first_name]").getAttribute("value"), "as typed");
      assertEquals(
          before,
          text("SELECT first_name || '|' || is_active FROM auth_user WHERE id = ?", id),
          "nothing saved");
      browser.assertAccessible();
      browser.screenshot("admin-form-checkbox-refused-" + width);
    }
  }

  /** The one row of the list: it is the host's. */
  private void assertOnlyRow(String hostname) {
    assertEquals(1, plain.all("#results tbody tr").size(), plain.text());
    String row = plain.find("#results tbody tr").getText();
    assertTrue(row.contains(hostname), row);
  }
}
