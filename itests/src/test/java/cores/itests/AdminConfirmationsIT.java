package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin's delete confirmations name everything that goes with the objects (each booking by its
 * owner and dates) and, before anything is tried, what stops the deletion, in people's words; a
 * staff user who may add but not view is offered only the buttons that lead where he may go, and
 * sent there after adding; a change form that takes a bookable out of active is confirmed over the
 * bookings ahead, as the bulk actions are. The site's zone is not UTC: every time the admin shows
 * is in it, the zone named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConfirmationsIT {
  private WebSite site;
  private Browser root;

  @BeforeAll
  void start() throws Exception {
    site =
        WebSite.start(
            "admin-confirmations", builder -> builder.env("CORES_TIME_ZONE", "Europe/Zurich"));
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
    execute(
        "INSERT INTO inventory_building (code) VALUES ('DB1')",
        "INSERT INTO inventory_lab (name, building_id, network) SELECT 'dlab', id, '10.7.0.0/16'"
            + " FROM inventory_building WHERE code = 'DB1'",
        "INSERT INTO inventory_rack (number, lab_id) SELECT 0, id FROM inventory_lab"
            + " WHERE name = 'dlab'",
        "INSERT INTO inventory_hosttype (name) VALUES ('dtype')");
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  private long number(String query, Object... values) throws Exception {
    return site.api().db().number(query, values);
  }

  private void execute(String... statements) throws Exception {
    for (String statement : statements) {
      site.api().db().execute(statement);
    }
  }

  /** A host in a new rack, with a bookable; the bookable's id. */
  private long bookableHost(String hostname) throws Exception {
    long hardware =
        number(
            "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES (?, (SELECT id FROM"
                + " inventory_hosttype LIMIT 1)) RETURNING id",
            hostname + "-hw");
    long host =
        number(
            "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status) VALUES (?, ?,"
                + " (SELECT id FROM inventory_rack LIMIT 1), 'active') RETURNING id",
            hostname,
            hardware);
    return number(
        "INSERT INTO booking_bookable (host_id, status) VALUES (?, 'active') RETURNING id", host);
  }

  @Test
  void aHostsDeleteConfirmationNamesTheBookingsThatGoWithItAndAReferredGroupIsStoppedUpFront()
      throws Exception {
    site.user("plainowner", false);
    long plain = number("SELECT id FROM auth_user WHERE username = 'plainowner'");
    long bookable = bookableHost("del-host");
    long host = number("SELECT host_id FROM booking_bookable WHERE id = ?", bookable);
    long booking =
        number(
            "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES"
                + " (?, ?, '2099-12-24 10:00Z', '2099-12-25 10:00Z') RETURNING id",
            bookable,
            plain);
    root.open("/admin/inventory/host/" + host + "/delete");
    String goes = root.find("#consequences").getText();
    assertTrue(goes.contains("1 bookable (by host) will be deleted too: del-host"), goes);
    assertTrue(
        goes.contains(
            "1 booking (by bookable) will be deleted too: del-host from 2099-12-24 11:00:00"),
        goes);
    // with whose it is, as the bookings' list shows it: one host's bookings told apart
    assertTrue(
        goes.matches("(?s).*del-host from 2099-12-24 11:00:00 \\S+ \\(owner plainowner\\).*"),
        goes);
    root.assertAccessible();

    // a group hosts refer to: said up front, in people's words, and no delete offered
    long group = number("INSERT INTO auth_group (name) VALUES ('held') RETURNING id");
    site.api().db().execute("UPDATE inventory_host SET group_id = ? WHERE id = ?", group, host);
    root.open("/admin/auth/group/" + group + "/delete");
    String stops = root.find("#obstacles").getText();
    // named and linked, as the host's bookings are: not "1 record of …"
    assertTrue(
        stops.contains("1 host refers to it as group: del-host (change those first)"), stops);
    assertEquals(
        "del-host", root.find("#obstacles a[href='/admin/inventory/host/" + host + "']").getText());
    assertFalse(stops.contains("inventory_host"), stops);
    assertTrue(root.all("main form button[type=submit]").isEmpty(), root.text());
    assertFalse(root.text().contains("Nothing else refers to it"), root.text());

    // the user who owns the booking: the same
    root.open("/admin/auth/user/" + plain + "/delete");
    stops = root.find("#obstacles").getText();
    assertTrue(
        stops.contains("1 booking refers to it as owner: del-host from 2099-12-24 11:00:00"),
        stops);
    assertFalse(stops.contains("(owner plainowner)"), "the user deleted is not named again");
    assertEquals(
        1, root.all("#obstacles a[href='/admin/booking/booking/" + booking + "']").size(), stops);
    root.assertAccessible();
    assertTrue(root.all("main form button[type=submit]").isEmpty(), root.text());
  }

  /** As the bulk actions: nothing saved until confirmed, the typed values kept. */
  @Test
  void aHostsChangeFormTakingItsBookableOutOfActiveIsConfirmedOverTheBookingsAhead()
      throws Exception {
    site.user("formowner", false);
    long owner = number("SELECT id FROM auth_user WHERE username = 'formowner'");
    long bookable = bookableHost("form-host");
    long host = number("SELECT host_id FROM booking_bookable WHERE id = ?", bookable);
    number(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES"
            + " (?, ?, '2099-12-24 10:00Z', '2099-12-25 10:00Z') RETURNING id",
        bookable,
        owner);
    root.open("/admin/inventory/host/" + host);
    new Select(root.find("#f-status")).selectByValue("missing");
    root.type("details", "moved out");
    root.follow("main form button[type=submit]");
    assertTrue(root.find("#holds").getText().contains("formowner"), root.text());
    assertEquals("missing", root.find("#f-status").getAttribute("value"));
    assertEquals("moved out", root.find("#f-details").getAttribute("value"));
    assertEquals(
        1, number("SELECT count(*) FROM inventory_host WHERE id = ? AND status = 'active'", host));
    root.assertAccessible();
    root.follow("main form button[type=submit]");
    assertTrue(root.path().contains("done=changed"), root.path());
    assertEquals(
        1, number("SELECT count(*) FROM inventory_host WHERE id = ? AND status = 'missing'", host));
  }

  /**
   * A booking's label (its page's title, its delete confirmation), its list's times and the change
   * log's times are the site's, the zone named: they were UTC.
   */
  @Test
  void aBookingsTimesAndTheChangeLogsAreInTheSitesZone() throws Exception {
    site.user("zoneowner", false);
    long owner = number("SELECT id FROM auth_user WHERE username = 'zoneowner'");
    long bookable = bookableHost("zone-host");
    long host = number("SELECT host_id FROM booking_bookable WHERE id = ?", bookable);
    long booking =
        number(
            "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES"
                + " (?, ?, '2099-12-24 10:00Z', '2099-12-25 10:00Z') RETURNING id",
            bookable,
            owner);
    String label = "zone-host from 2099-12-24 11:00:00 Europe/Zurich";
    root.open("/admin/booking/booking/" + booking);
    assertTrue(root.find("h1").getText().contains(label), root.find("h1").getText());
    root.open("/admin/booking/booking/" + booking + "/delete");
    assertTrue(root.find("main").getText().contains(label), root.find("main").getText());
    root.open("/admin/booking/booking?q=zone-host");
    String list = root.find("main table").getText();
    // the zone all the list's times share is named under each time column's heading
    assertTrue(list.contains("2099-12-24 11:00:00"), list);
    assertTrue(list.contains("2099-12-25 11:00:00"), list);
    assertEquals(
        List.of("Europe/Zurich", "Europe/Zurich", "Europe/Zurich"),
        root.all("main table th .cores-when-zone").stream().map(WebElement::getText).toList());
    assertFalse(list.contains("UTC"), list);

    root.open("/admin/inventory/host/" + host);
    root.type("details", "in Zurich");
    root.follow("main form button[type=submit]");
    root.open("/admin/changes");
    String line = root.find("#changes li").getText();
    assertTrue(line.contains("zone-host") && line.contains(" Europe/Zurich"), line);
    assertFalse(line.contains("UTC"), line);
    root.assertAccessible();
  }

  /** As Django: after adding, to the index with the message when the list is not the user's. */
  @Test
  void aStaffUserWhoMayAddButNotViewIsSentToTheIndexAfterAdding() throws Exception {
    WebSite.Account adder = site.user("adder", false);
    execute(
        "UPDATE auth_user SET is_staff = true WHERE username = 'adder'",
        "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
            + " 'inventory.add_building' FROM auth_user WHERE username = 'adder'");
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, adder);
    browser.open("/admin/inventory/building/add");
    // as Django's admin: only the buttons whose page he may open (the building's change form and
    // the list are refused him), and no link to the list
    assertTrue(browser.all("button[name=_continue]").isEmpty(), browser.text());
    assertEquals(1, browser.all("button[name=_addanother]").size(), browser.text());
    assertFalse(browser.text().contains("Back to the list"), browser.text());
    assertTrue(browser.all("a[href^='/admin/inventory/building']").isEmpty(), browser.text());
    assertEquals(
        "Admin › Inventory › Buildings › Add building",
        browser.find("nav[aria-label=Breadcrumb]").getText());
    browser.assertAccessible();
    browser.type("code", "ADD1");
    browser.follow("main form button[type=submit]");
    assertTrue(browser.path().startsWith("/admin?done=added"), browser.path());
    // named, not linked: the adder may not see buildings
    assertEquals(
        "The building \"ADD1\" was added successfully.", browser.find("[role=status]").getText());
    assertTrue(browser.all("[role=status] a").isEmpty());
    assertEquals(1, number("SELECT count(*) FROM inventory_building WHERE code = 'ADD1'"));
  }
}
