package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The admin's lists as Django's behave, in a browser without JavaScript unless said: a bulk action
 * says how many rows it changed and names those it left alone; the action menu starts empty and
 * refuses to run so; all rows of the page, or all matching, are selected as a form choice (a header
 * box ticks the page's with JavaScript); a page past the end shows the last; a bad filter value is
 * named, not silently ignored; on a phone the search and filters come first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminListsIT {
  private WebSite site;
  private Browser root;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-lists", builder -> builder);
    hosts = site.inventory("lst", 60);
    root = site.browser(false, 1280);
    WebSite.logIn(root, site.user("root", true));
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  private long number(String query, Object... values) throws Exception {
    return site.api().db().number(query, values);
  }

  @Test
  @Order(1)
  void aBulkActionCountsTheRowsItChangedAndNamesThoseItLeftAlone() throws Exception {
    site.api()
        .db()
        .execute(
            "UPDATE booking_bookable SET status = 'suspended' WHERE host_id = ?", hosts.get(0));
    root.open("/admin/inventory/host?q=lst-0");
    assertEquals(
        "", new Select(root.find("#action")).getFirstSelectedOption().getAttribute("value"));
    root.click("#select-" + hosts.get(0)).click("#select-" + hosts.get(1));
    new Select(root.find("#action")).selectByValue("suspend");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("1 host was changed by \"Suspend (bookable)\"."), root.text());
    assertTrue(root.text().contains("Left as it was: lst-01: already suspended"), root.text());
    assertEquals(
        2,
        number(
            "SELECT count(*) FROM booking_bookable WHERE status = 'suspended'"
                + " AND host_id IN (?, ?)",
            hosts.get(0),
            hosts.get(1)));
    root.assertAccessible();
  }

  @Test
  @Order(2)
  void theActionMenuStartsEmptyAndRefusesToRunSo() {
    root.open("/admin/inventory/host?q=lst-0");
    root.click("#select-" + hosts.get(2));
    root.follow("#results form button[type=submit]");
    assertTrue(root.find("[role=alert]").getText().contains("No action was chosen"), root.text());
    assertTrue(root.find("#select-" + hosts.get(2)).isSelected(), "still ticked");
  }

  @Test
  @Order(3)
  void aPagePastTheEndShowsTheLastAndABadFilterValueIsNamed() {
    root.open("/admin/inventory/host?q=lst&page=99");
    assertTrue(root.path().endsWith("page=2"), root.path());
    assertTrue(root.text().contains("Page 2 of 2"), root.text());
    root.open("/admin/changes?page=999");
    assertFalse(root.path().endsWith("page=999"), root.path());
    assertFalse(root.text().contains("Page 999"), root.text());

    root.open("/admin/inventory/host?status=bogus&sort=hostname");
    assertTrue(
        root.find("[role=alert]").getText().contains("Filter Status: must be one of"), root.text());
    for (WebElement link : root.all("#results th a")) {
      assertFalse(link.getAttribute("href").contains("bogus"), link.getAttribute("href"));
    }
    root.open("/admin/inventory/host?lab=abc");
    assertTrue(root.find("[role=alert]").getText().contains("Filter Lab: not an id"), root.text());
    root.assertAccessible();
  }

  @Test
  @Order(4)
  void allOnThePageOrAllMatchingAreSelectedWithoutJavaScriptAndTheListStaysAsSearched()
      throws Exception {
    root.open("/admin/inventory/host?q=lst");
    new Select(root.find("#select")).selectByValue("page");
    new Select(root.find("#action")).selectByValue("status_offline");
    root.follow("#results form button[type=submit]");
    assertTrue(
        root.text().contains("50 hosts were changed by \"Set status: offline\"."), root.text());
    // as Django's admin: back on the list as it was searched
    assertTrue(root.path().startsWith("/admin/inventory/host?q=lst&done=bulk"), root.path());
    assertEquals("lst", root.find("#q").getAttribute("value"));
    assertEquals(50, number("SELECT count(*) FROM inventory_host WHERE status = 'offline'"));

    root.open("/admin/inventory/host?q=lst");
    new Select(root.find("#select")).selectByVisibleText("All 60 matching");
    new Select(root.find("#action")).selectByValue("status_missing");
    root.follow("#results form button[type=submit]");
    assertTrue(
        root.text().contains("60 hosts were changed by \"Set status: missing\"."), root.text());
    assertEquals(60, number("SELECT count(*) FROM inventory_host WHERE status = 'missing'"));
  }

  @Test
  @Order(5)
  void withJavaScriptAHeaderBoxTicksThePage() throws Exception {
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, site.user("jim", true));
    browser.open("/admin/inventory/host?q=lst-0");
    browser.click("input[data-select-all]");
    List<WebElement> boxes = browser.all("input[name=ids]");
    assertEquals(9, boxes.size());
    assertTrue(boxes.stream().allMatch(WebElement::isSelected));
    browser.assertAccessible();
  }

  @Test
  @Order(6)
  void onAPhoneTheSearchAndFiltersComeBeforeTheRows() throws Exception {
    Browser phone = site.browser(true, 375);
    WebSite.logIn(phone, site.user("pat", true));
    phone.open("/admin/inventory/host");
    int search = phone.find("#q").getLocation().getY();
    int rows = phone.find("#results tbody tr").getLocation().getY();
    assertTrue(search < rows, "search at " + search + ", first row at " + rows);
    phone.assertAccessible();
    phone.screenshot("admin-list-phone");
  }

  /**
   * As Django's admin, an object opened from a searched, sorted list of page 2 leads back to that
   * page of that list after a save (and its breadcrumb and "Back to the list" lead there too).
   */
  @Test
  @Order(7)
  void aSaveLeadsBackToTheListAsItWasLeftItsSearchSortAndPage() throws Exception {
    root.open("/admin/inventory/host?q=lst&sort=-hostname&page=2");
    assertTrue(root.text().contains("Page 2 of 2"), root.text());
    String first = root.find("#results tbody tr td:nth-child(3)").getText();
    root.follow("#results tbody tr td a");
    assertEquals(first, root.find("#f-hostname").getAttribute("value"));
    for (String back : List.of("nav[aria-label=Breadcrumb] a[href*=sort]", ".cores-actions a")) {
      assertLeftAsItWas(root.find(back).getAttribute("href"));
    }
    root.type("details", "kept the list");
    root.follow(".cores-actions button:not([name])");
    assertLeftAsItWas(root.path());
    assertTrue(root.path().contains("done=changed"), root.path());
    assertTrue(
        root.text().contains("The host \"" + first + "\" was changed successfully."), root.text());
    assertEquals("lst", root.find("#q").getAttribute("value"));
    assertTrue(root.text().contains("Page 2 of 2"), root.text());
    assertEquals(
        "kept the list",
        site.api().db().text("SELECT details FROM inventory_host WHERE hostname = ?", first));
  }

  /**
   * As Django's admin, a row's first column links to its object, whose breadcrumb names it; the
   * list as it was left is carried through the object's history and its delete, which leads back to
   * it, as does a delete ticked on the list.
   */
  @Test
  @Order(8)
  void theFirstColumnOpensTheObjectAndHistoryAndDeleteLeadBackToTheListAsItWasLeft()
      throws Exception {
    root.open("/admin/inventory/host?q=lst&sort=-hostname&page=2");
    String first = root.find("#results tbody tr td:nth-child(3)").getText();
    root.follow("#results tbody tr td:nth-child(3) a");
    assertEquals(first, root.find("#f-hostname").getAttribute("value"));
    assertEquals(
        "Admin › Hosts › " + first, root.find("nav[aria-label=Breadcrumb]").getText(), first);

    root.follow(".cores-toolbar a[href*='/history']");
    assertTrue(root.path().contains("/history?_changelist_filters="), root.path());
    assertLeftAsItWas(root.find("nav[aria-label=Breadcrumb] a[href*=sort]").getAttribute("href"));
    root.follow("nav[aria-label=Breadcrumb] a[href*='_changelist_filters']");
    assertEquals(first, root.find("#f-hostname").getAttribute("value"));

    root.follow(".cores-toolbar a[href*='/delete']");
    assertTrue(root.text().contains("Delete this host?"), root.text());
    assertLeftAsItWas(root.find(".cores-actions a").getAttribute("href"));
    root.follow("main form button[type=submit]");
    assertLeftAsItWas(root.path());
    assertTrue(
        root.text().contains("The host \"" + first + "\" was deleted successfully."), root.text());
    assertTrue(root.text().contains("Page 2 of 2"), root.text());
    assertEquals(0, number("SELECT count(*) FROM inventory_host WHERE hostname = ?", first));

    root.open("/admin/inventory/host?q=lst-0");
    root.click("#select-" + hosts.get(2)).click("#select-" + hosts.get(3));
    new Select(root.find("#action")).selectByValue("delete");
    root.follow("#results form button[type=submit]");
    root.follow("main form button[type=submit]");
    assertTrue(root.path().startsWith("/admin/inventory/host?q=lst-0&done=deleted"), root.path());
    assertTrue(root.text().contains("Successfully deleted 2 hosts."), root.text());
    assertEquals("lst-0", root.find("#q").getAttribute("value"));
  }

  /** The host list's URL with the search, sort and page of the list left (in any order). */
  private static void assertLeftAsItWas(String url) {
    assertTrue(url.contains("/admin/inventory/host?"), url);
    for (String kept : List.of("q=lst", "sort=-hostname", "page=2")) {
      assertTrue(List.of(url.split("[?&]")).contains(kept), url);
    }
  }
}
