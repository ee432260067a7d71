package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin's booking, notice and loan models in a real browser through the stack's nginx, on the
 * same generic pages as the inventory's: bookables listed with their host and counts, filtered by
 * their host's status and type, their status set in bulk (refused as a whole where the domain's
 * rule forbids it: a bookable of a host that is not active cannot be active); bookings and
 * reservations added, searched by host and IP, filtered by owner and creation, refused at the field
 * by the booking rules, cancelled or ended now; notices with their author set from the logged-in
 * user; customers and loans, returned in bulk. A staff user who may only view bookables gets no
 * bulk action nor add. Without JavaScript a phone adds a notice. axe-core finds no serious problem
 * on any page; the lists are saved as screenshots at a desktop's and a phone's width.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminModelsIT {
  private WebSite site;
  private Browser root;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-models", builder -> builder);
    hosts = site.inventory("am", 4);
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

  private long bookable(int host) throws Exception {
    return number("SELECT id FROM booking_bookable WHERE host_id = ?", hosts.get(host));
  }

  /** Ticks the rows of these ids and runs the bulk action with this label. */
  private void bulk(String label, long... ids) {
    for (long id : ids) {
      root.click("#select-" + id);
    }
    new Select(root.find("#action")).selectByVisibleText(label);
    root.follow("#results form button[type=submit]");
  }

  @Test
  @Order(1)
  void bookablesAreListedWithTheirHostFilteredAndTheirStatusSetInBulk() throws Exception {
    site.api()
        .send(
            "PATCH",
            "/api/inventory/host/" + hosts.get(3) + "/",
            site.admin(),
            "{\"status\":\"missing\"}");
    root.open("/admin");
    root.follow("a[href='/admin/booking/bookable']");
    assertEquals(4, root.all("#results tbody tr").size(), root.text());
    assertTrue(root.find("#results thead").getText().contains("Active bookings"), root.text());
    root.assertAccessible();
    root.screenshot("admin-bookables");

    new Select(root.find("#f-host_status")).selectByVisibleText("missing");
    root.follow("form.cores-filters button[type=submit]");
    List<WebElement> rows = root.all("#results tbody tr");
    assertEquals(1, rows.size(), root.text());
    assertTrue(rows.get(0).getText().contains("am-04"), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains("suspended"), "its host left active");

    root.open("/admin/booking/bookable");
    new Select(root.find("#f-host_type")).selectByVisibleText("tcpreplay");
    root.follow("form.cores-filters button[type=submit]");
    assertEquals(2, root.all("#results tbody tr").size(), root.text());
    root.open("/admin/booking/bookable?q=am-02");
    assertEquals(1, root.all("#results tbody tr").size(), "the search finds the hostname");

    root.open("/admin/booking/bookable");
    bulk("Set inactive", bookable(0), bookable(1));
    assertTrue(root.text().contains("2 bookables were set inactive."), root.text());
    assertEquals(
        "inactive,inactive,active",
        text(
            "SELECT string_agg(status, ',' ORDER BY host_id) FROM booking_bookable"
                + " WHERE host_id IN (?, ?, ?)",
            hosts.get(0),
            hosts.get(1),
            hosts.get(2)));
    // the domain's rule: a bookable of a host that is not active cannot be active; all or none
    bulk("Set active", bookable(0), bookable(3));
    assertTrue(
        root.find("[role=alert]")
            .getText()
            .contains("Nothing was done: bookable am-04: The host is missing, not active"),
        root.text());
    assertEquals(
        "inactive",
        text("SELECT status FROM booking_bookable WHERE id = ?", bookable(0)),
        "nothing was changed");
    root.assertAccessible();
    root.screenshot("admin-bookables-refused");
    // the refused rows are still ticked: am-04 unticked and am-02 ticked, the action kept
    assertTrue(root.find("#select-" + bookable(3)).isSelected(), root.text());
    bulk("Set active", bookable(3), bookable(1));
    assertTrue(root.text().contains("2 bookables were set active."), root.text());
    assertEquals(
        2,
        number(
            "SELECT count(*) FROM booking_bookable WHERE status = 'active' AND id IN (?, ?)",
            bookable(0),
            bookable(1)));

    root.open("/admin/booking/bookable/" + bookable(2));
    new Select(root.find("#f-host")).selectByVisibleText("(none)");
    root.type("comment", "never saved");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-host").getAttribute("aria-invalid"));
    assertEquals("required", root.find("#f-host-error").getText().strip());
    assertEquals("", text("SELECT comment FROM booking_bookable WHERE id = ?", bookable(2)));
    root.assertAccessible();
  }

  @Test
  @Order(2)
  void bookingsAreAddedThroughTheBookingRulesSearchedAndCancelled() throws Exception {
    root.open("/admin/booking/booking/add");
    new Select(root.find("#f-bookable")).selectByVisibleText("am-01");
    root.set("start", "2030-01-10T09:00").set("end", "2030-01-12T09:00");
    root.type("comment", "admin booking");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The booking \"[^\"]+\" was added successfully\\..*"),
        root.text());
    long booking = number("SELECT id FROM booking_booking WHERE comment = 'admin booking'");
    assertEquals(
        "root",
        text(
            "SELECT u.username FROM booking_booking b JOIN auth_user u ON u.id ="
                + " b.owner_id WHERE b.id = ?",
            booking));

    // a second booking over the first: the booking rules refuse it at its field
    root.open("/admin/booking/booking/add");
    new Select(root.find("#f-bookable")).selectByVisibleText("am-01");
    root.set("start", "2030-01-11T09:00").set("end", "2030-01-13T09:00");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-start").getAttribute("aria-invalid"), root.text());
    assertEquals(1, number("SELECT count(*) FROM booking_booking"));

    root.open("/admin/booking/booking/" + booking);
    root.set("end", "2030-01-09T09:00");
    root.follow("main form button[type=submit]");
    assertEquals("must be after the start", root.find("#f-end-error").getText().strip());
    root.assertAccessible();
    root.screenshot("admin-booking-field-error");
    root.set("end", "2030-01-11T09:00");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The booking \"[^\"]+\" was changed successfully\\..*"),
        root.text());

    root.open("/admin/booking/booking?q=10.81.0.1");
    assertEquals(1, root.all("#results tbody tr").size(), "the search finds the host's IP");
    root.open("/admin/booking/booking?q=am-03");
    assertEquals(0, root.all("#results tbody tr").size(), root.text());
    long rootId = number("SELECT id FROM auth_user WHERE username = 'root'");
    root.open("/admin/booking/booking?created=today&owner=" + rootId);
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    root.assertAccessible();
    root.screenshot("admin-bookings");

    bulk("Delete", booking);
    assertTrue(root.text().contains("Delete this booking?"), root.text());
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The booking \"\\S+ from [^\"]+\" was deleted successfully\\..*"),
        root.text());
    assertEquals(0, number("SELECT count(*) FROM booking_booking"));
  }

  @Test
  @Order(3)
  void aReservationIsEndedNowAndAFutureOneIsRefusedAsAWhole() throws Exception {
    root.open("/admin/booking/reservation/add");
    new Select(root.find("#f-bookable")).selectByVisibleText("am-02");
    root.type("comment", "open-ended");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The reservation \"[^\"]+\" was added successfully\\..*"),
        root.text());
    long running = number("SELECT id FROM booking_reservation WHERE comment = 'open-ended'");
    root.open("/admin/booking/reservation/add");
    new Select(root.find("#f-bookable")).selectByVisibleText("am-03");
    root.set("start", "2030-02-01T09:00").type("comment", "later");
    root.follow("main form button[type=submit]");
    long later = number("SELECT id FROM booking_reservation WHERE comment = 'later'");

    root.open("/admin/booking/reservation/" + running);
    // before its start, which was when it was added
    root.set("end", "2020-01-01T09:00");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-end").getAttribute("aria-invalid"), root.text());
    root.assertAccessible();

    root.open("/admin/booking/reservation");
    bulk("End now", running, later);
    assertTrue(
        root.find("[role=alert]")
            .getText()
            .contains(
                "reservation am-03 from 2030-02-01 09:00:00 UTC: end must be after the start"),
        root.text());
    assertEquals(0, number("SELECT count(*) FROM booking_reservation WHERE end_time IS NOT NULL"));
    root.assertAccessible();
    root.screenshot("admin-reservations-refused");
    // both still ticked, the action kept: untick the later one
    bulk("End now", later);
    assertTrue(root.text().contains("1 reservation was ended."), root.text());
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM booking_reservation WHERE id = ? AND end_time <= now()",
            running));
  }

  @Test
  @Order(4)
  void aNoticeGetsItsAuthorFromTheLoggedInUserAndIsFiltered() throws Exception {
    root.open("/admin/notices/notice/add");
    // the form starts as the database's defaults: visible, priority 2, style info
    assertTrue(root.find("#f-visible").isSelected(), "visible starts ticked");
    assertEquals("2", root.find("#f-priority").getAttribute("value"));
    assertEquals(
        "info", new Select(root.find("#f-style")).getFirstSelectedOption().getAttribute("value"));
    // the priority is picked from the domain's, named
    assertEquals(
        List.of("(default)", "0 (very high)", "1 (high)", "2 (normal)", "3 (low)", "4 (very low)"),
        new Select(root.find("#f-priority"))
            .getOptions().stream().map(WebElement::getText).toList());
    root.type("message", "Saturday morning");
    root.set("expires", "2030-06-01T12:00");
    root.follow("main form button[type=submit]");
    assertEquals("true", root.find("#f-title").getAttribute("aria-invalid"), root.text());
    assertEquals("2030-06-01T12:00", root.find("#f-expires").getAttribute("value"), "kept");
    assertEquals(0, number("SELECT count(*) FROM notices_notice"));
    root.assertAccessible();
    root.type("title", "Network down");
    new Select(root.find("#f-priority")).selectByVisibleText("1 (high)");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The notice \"[^\"]+\" was added successfully\\..*"),
        root.text());
    assertEquals(
        "root",
        text(
            "SELECT u.username FROM notices_notice n JOIN auth_user u ON u.id = n.author_id"
                + " WHERE n.title = 'Network down'"));
    root.open("/admin/notices/notice?visible=yes&priority=1");
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    assertTrue(root.find("#results tbody").getText().contains("root"), "its author is listed");
    root.open("/admin/notices/notice?visible=no");
    assertEquals(0, root.all("#results tbody tr").size(), root.text());
    root.assertAccessible();
  }

  @Test
  @Order(5)
  void aLoanIsReturnedInBulkAndItsHostGetsItsStatusBack() throws Exception {
    root.open("/admin/loans/customer/add");
    root.type("name", "Partner Ltd").type("contact_email", "alex@partner.example");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The customer \"[^\"]+\" was added successfully\\..*"),
        root.text());

    root.open("/admin/loans/loan/add");
    new Select(root.find("#f-host")).selectByVisibleText("am-03");
    new Select(root.find("#f-customer")).selectByVisibleText("Partner Ltd");
    root.follow("main form button[type=submit]");
    assertEquals("required", root.find("#f-start-error").getText().strip(), root.text());
    root.set("start", "2026-01-05");
    root.follow("main form button[type=submit]");
    // named by its host, customer and start: once "loan loan #4"
    assertTrue(
        root.text()
            .contains("The loan \"am-03 to Partner Ltd from 2026-01-05\" was added successfully."),
        root.text());
    assertEquals("on_loan", text("SELECT status FROM inventory_host WHERE id = ?", hosts.get(2)));
    long loan = number("SELECT id FROM loans_loan");

    long customer = number("SELECT id FROM loans_customer");
    root.open("/admin/loans/loan?returned=no&customer=" + customer);
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    root.assertAccessible();
    root.screenshot("admin-loans");
    bulk("Return", loan);
    assertTrue(root.text().contains("1 loan was returned."), root.text());
    assertEquals("active", text("SELECT status FROM inventory_host WHERE id = ?", hosts.get(2)));
    assertEquals(1, number("SELECT count(*) FROM loans_loan WHERE returned"));
  }

  @Test
  @Order(6)
  void aStaffUserWhoMayOnlyViewBookablesGetsNoActionsNorAdd() throws Exception {
    WebSite.Account vera = site.user("vera", false);
    try (Connection c = site.api().db().connect();
        Statement s = c.createStatement()) {
      s.execute("UPDATE auth_user SET is_staff = true WHERE username = 'vera'");
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id,"
              + " 'booking.view_bookable' FROM auth_user WHERE username = 'vera'");
    }
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, vera);
    browser.open("/admin/booking/bookable");
    assertEquals(4, browser.all("#results tbody tr").size(), browser.text());
    assertTrue(browser.all("#action").isEmpty(), "no bulk actions");
    assertFalse(browser.text().contains("Add bookable"), browser.text());
    browser.open("/admin/booking/booking");
    assertTrue(browser.text().contains("403"), browser.text());
  }

  @Test
  @Order(7)
  void withoutJavaScriptAPhoneAddsANoticeAndSeesTheLists() throws Exception {
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("paula", true));
    phone.open("/admin/notices/notice/add");
    phone.type("title", "No script").type("message", "added without JavaScript");
    phone.follow("main form button[type=submit]");
    assertTrue(
        phone.text().matches("(?s).*The notice \"[^\"]+\" was added successfully\\..*"),
        phone.text());
    assertEquals(
        "paula",
        text(
            "SELECT u.username FROM notices_notice n JOIN auth_user u ON u.id = n.author_id"
                + " WHERE n.title = 'No script'"));
    phone.assertAccessible();
    phone.screenshot("admin-notices-phone-no-javascript");
    phone.open("/admin/booking/bookable");
    phone.assertAccessible();
    phone.screenshot("admin-bookables-phone");
    phone.open("/admin/booking/reservation");
    phone.screenshot("admin-reservations-phone");
  }

  /**
   * Django's extra = 3: a building's form shows three blank lab rows, so three labs are added in
   * one save without JavaScript, blank rows left out; "Add another lab" shows the form again as
   * typed with a fourth row, nothing written; a bad row is refused at that row, nothing written.
   * With JavaScript the row is added in place.
   */
  @Test
  @Order(8)
  void aBuildingsLabsAreAddedSeveralInOneSaveAndAnotherRowWithOrWithoutJavaScript()
      throws Exception {
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("ines", true));
    phone.open("/admin/inventory/building/add");
    assertEquals(3, phone.all("tr[data-new-row]").size(), phone.text());
    phone.type("code", "B7");
    for (String[] lab : new String[][] {{"", "Lab A"}, {"2", "Lab B"}, {"3", "Lab C"}}) {
      phone.type("lab-new" + lab[0] + "-name", lab[1]);
    }
    phone.assertAccessible();
    phone.screenshot("admin-inline-rows-phone-no-javascript");
    phone.follow("main form button[type=submit]");
    assertTrue(
        phone.text().matches("(?s).*The building \"B7\" was added successfully\\..*"),
        phone.text());
    assertEquals(
        "Lab A,Lab B,Lab C",
        text(
            "SELECT string_agg(l.name, ',' ORDER BY l.name) FROM inventory_lab l"
                + " JOIN inventory_building b ON b.id = l.building_id WHERE b.code = 'B7'"));

    // Add another lab: the form again as typed, a fourth row, nothing written
    phone.open("/admin/inventory/building/add");
    phone.type("code", "B8").type("lab-new-name", "Lab D").type("lab-new3-name", "Lab F");
    phone.follow("button[name='_addinline-lab']");
    assertEquals(4, phone.all("tr[data-new-row]").size(), phone.text());
    assertEquals("B8", phone.find("#f-code").getAttribute("value"));
    assertEquals("Lab D", phone.find("#f-lab-new-name").getAttribute("value"));
    assertEquals("Lab F", phone.find("#f-lab-new3-name").getAttribute("value"));
    assertEquals(0, number("SELECT count(*) FROM inventory_building WHERE code = 'B8'"));
    phone.assertAccessible();
    scrollTo(phone, "#f-lab-new4-name");
    phone.screenshot("admin-inline-add-another-phone-no-javascript");
    phone.type("lab-new4-name", "Lab G").type("lab-new2-network", "not a network");
    phone.follow("main form button[type=submit]");
    // a row partly filled is checked: refused at its own row, nothing written
    assertTrue(phone.find("tr[data-new-row='2'] .cores-error").isDisplayed(), phone.text());
    assertEquals("Lab G", phone.find("#f-lab-new4-name").getAttribute("value"));
    assertEquals(0, number("SELECT count(*) FROM inventory_building WHERE code = 'B8'"));
    assertEquals(0, number("SELECT count(*) FROM inventory_lab WHERE name = 'Lab D'"));
    phone.assertAccessible();
    phone.screenshot("admin-inline-row-refused-phone");
    phone.type("lab-new2-network", "");
    phone.follow("main form button[type=submit]");
    assertEquals(
        "Lab D,Lab F,Lab G",
        text(
            "SELECT string_agg(l.name, ',' ORDER BY l.name) FROM inventory_lab l"
                + " JOIN inventory_building b ON b.id = l.building_id WHERE b.code = 'B8'"));

    // with JavaScript the row is added in place, on a change form
    long b7 = number("SELECT id FROM inventory_building WHERE code = 'B7'");
    root.open("/admin/inventory/building/" + b7);
    assertEquals(3, root.all("tr[data-new-row]").size(), root.text());
    root.click("button[name='_addinline-lab']");
    assertEquals(4, root.all("tr[data-new-row]").size(), "in place: " + root.text());
    assertEquals(
        "Name of new lab 4", root.find("label[for='f-lab-new4-name']").getAttribute("textContent"));
    root.type("lab-new4-name", "Lab E");
    root.assertAccessible();
    scrollTo(root, "button[name='_addinline-lab']");
    root.screenshot("admin-inline-rows-another");
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The building \"B7\" was changed successfully\\..*"),
        root.text());
    assertEquals(
        "Lab A,Lab B,Lab C,Lab E",
        text(
            "SELECT string_agg(l.name, ',' ORDER BY l.name) FROM inventory_lab l"
                + " WHERE l.building_id = ?",
            b7));
  }

  private static void scrollTo(Browser browser, String css) {
    browser
        .driver()
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.find(css));
  }
}
