package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
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
 * named, not silently ignored; on a phone the search and filters come first, the filters folded
 * (the rows in the first screen); at a laptop's width the host list fits the window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminListsIT {
  /** The label of the box that shows a list's filters on a phone. */
  private static final String FOLD = "label[for=filters-shown]";

  private WebSite site;
  private Browser root;
  private WebSite.Account rootAccount;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-lists", builder -> builder);
    hosts = site.inventory("lst", 60);
    root = site.browser(false, 1280);
    rootAccount = site.user("root", true);
    WebSite.logIn(root, rootAccount);
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
    assertTrue(root.text().contains("1 host was suspended for booking."), root.text());
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
    // As Django's paginator: each page (or the ends and the current one's neighbours) is a link
    assertEquals("2", root.find(".cores-pages [aria-current=page]").getText());
    String first = root.find(".cores-pages a[aria-label='Page 1']").getAttribute("href");
    assertTrue(first.contains("q=lst") && first.contains("page=1"), first);
    root.open("/admin/changes?page=999");
    assertFalse(root.path().endsWith("page=999"), root.path());
    assertFalse(root.text().contains("Page 999"), root.text());

    root.open("/admin/inventory/host?status=bogus&sort=hostname");
    assertTrue(
        root.find("[role=alert]").getText().contains("Filter Status: must be one of"), root.text());
    for (WebElement link : root.all("#results th a")) {
      assertFalse(link.getAttribute("href").contains("bogus"), link.getAttribute("href"));
    }
    // a bookmark of Django's admin: its filter is named, not ignored as if the list were filtered
    root.open("/admin/inventory/host/?status__exact=offline&o=2");
    assertTrue(
        root.find("[role=alert]").getText().contains("Parameter status__exact: Django's admin's"),
        root.text());
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
    assertTrue(root.text().contains("50 hosts were given the status offline."), root.text());
    // as Django's admin: back on the list as it was searched
    assertTrue(root.path().startsWith("/admin/inventory/host?q=lst&done=bulk"), root.path());
    assertEquals("lst", root.find("#q").getAttribute("value"));
    assertEquals(50, number("SELECT count(*) FROM inventory_host WHERE status = 'offline'"));

    root.open("/admin/inventory/host?q=lst");
    new Select(root.find("#select")).selectByVisibleText("All 60 matching");
    new Select(root.find("#action")).selectByValue("status_missing");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("60 hosts were given the status missing."), root.text());
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
    assertEquals("9 of 9 selected", browser.find("#selected-count").getText());
    browser.assertAccessible();
  }

  /**
   * As Django's "0 of 50 selected", counted as rows are ticked and the choice of rows changes, in a
   * polite live region from the first use of the form on (the count filled in at load is not
   * announced); without JavaScript the region stays empty rather than wrong.
   */
  @Test
  @Order(6)
  void withJavaScriptTheRowsSelectedAreCountedAndWithoutItNothingIsSaid() throws Exception {
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, site.user("kim", true));
    browser.open("/admin/inventory/host?q=lst-0");
    WebElement counter = browser.find("#selected-count");
    assertEquals("0 of 9 selected", counter.getText());
    assertNull(counter.getAttribute("aria-live"), "not live while filled in at load");
    browser.click("#select-" + hosts.get(0)).click("#select-" + hosts.get(1));
    assertEquals("polite", counter.getAttribute("aria-live"));
    assertEquals("2 of 9 selected", counter.getText());
    browser.click("#select-" + hosts.get(1));
    assertEquals("1 of 9 selected", counter.getText());
    new Select(browser.find("#select")).selectByValue("page");
    assertEquals("9 of 9 selected", counter.getText());
    new Select(browser.find("#select")).selectByValue("");
    assertEquals("1 of 9 selected", counter.getText());
    browser.assertAccessible();

    // a refused action shows the rows ticked as posted: counted as shown
    browser.follow("#results form button[type=submit]");
    assertTrue(browser.find("#select-" + hosts.get(0)).isSelected(), browser.text());
    assertEquals("1 of 9 selected", browser.find("#selected-count").getText());

    browser.open("/admin/inventory/host?q=lst");
    new Select(browser.find("#select")).selectByVisibleText("All 60 matching");
    assertEquals("All 60 selected", browser.find("#selected-count").getText());

    root.open("/admin/inventory/host?q=lst-0");
    root.click("#select-" + hosts.get(0));
    assertEquals("", root.find("#selected-count").getText(), "no script, no count");
  }

  @Test
  @Order(7)
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
  @Order(8)
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
  @Order(9)
  void theFirstColumnOpensTheObjectAndHistoryAndDeleteLeadBackToTheListAsItWasLeft()
      throws Exception {
    root.open("/admin/inventory/host?q=lst&sort=-hostname&page=2");
    String first = root.find("#results tbody tr td:nth-child(3)").getText();
    root.follow("#results tbody tr td:nth-child(3) a");
    assertEquals(first, root.find("#f-hostname").getAttribute("value"));
    assertEquals(
        "Admin › Inventory › Hosts › " + first,
        root.find("nav[aria-label=Breadcrumb]").getText(),
        first);

    root.follow(".cores-toolbar a[href*='/history']");
    assertTrue(root.path().contains("/history?_changelist_filters="), root.path());
    assertLeftAsItWas(root.find("nav[aria-label=Breadcrumb] a[href*=sort]").getAttribute("href"));
    root.follow("nav[aria-label=Breadcrumb] a[href*='_changelist_filters']");
    assertEquals(first, root.find("#f-hostname").getAttribute("value"));

    root.follow(".cores-toolbar a[href*='/delete']");
    assertTrue(root.text().contains("Delete this host?"), root.text());
    // as Django's admin: the breadcrumb names the object, its page with the list as it was left
    assertEquals(
        "Admin › Inventory › Hosts › " + first + " › Delete",
        root.find("nav[aria-label=Breadcrumb]").getText(),
        first);
    String objectUrl =
        root.find("nav[aria-label=Breadcrumb] a[href*='_changelist_filters']").getAttribute("href");
    assertTrue(
        objectUrl.matches(".*/admin/inventory/host/[0-9]+\\?_changelist_filters=.*"), objectUrl);
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

  /**
   * A host deleted by someone else while its confirmation was open: the list is shown saying so
   * (404), searched, sorted and paged as it was left, as after a delete that went through.
   */
  @Test
  @Order(10)
  void aDeleteOfWhatIsGoneShowsTheListAsItWasLeft() throws Exception {
    long gone = hosts.get(5);
    root.open("/admin/inventory/host?q=lst&sort=-hostname&page=2");
    root.follow("#results a[href^='/admin/inventory/host/" + gone + "?']");
    root.follow(".cores-toolbar a[href*='/delete']");
    assertTrue(root.text().contains("Delete this host?"), root.text());
    int deleted =
        site.api()
            .send("DELETE", "/api/inventory/host/" + gone + "/", rootAccount.basic(), null)
            .statusCode();
    assertEquals(2, deleted / 100, "deleted meanwhile: " + deleted);
    root.follow("main form button[type=submit]");
    assertTrue(root.find("[role=alert]").getText().contains(String.valueOf(gone)), root.text());
    assertEquals("lst", root.find("#q").getAttribute("value"));
    assertTrue(root.text().contains("Page 2 of 2"), root.text());
    assertLeftAsItWas(root.find("#results form").getAttribute("action"));
    assertEquals(
        "descending", root.find("#results th[aria-sort]").getAttribute("aria-sort"), root.text());
  }

  /** The host list's URL with the search, sort and page of the list left (in any order). */
  private static void assertLeftAsItWas(String url) {
    assertTrue(url.contains("/admin/inventory/host?"), url);
    for (String kept : List.of("q=lst", "sort=-hostname", "page=2")) {
      assertTrue(List.of(url.split("[?&]")).contains(kept), url);
    }
  }

  @Test
  @Order(11)
  void tickedRowsAreDeletedTogetherAfterOneConfirmation() throws Exception {
    site.create("/api/inventory/hdvendor/", "{\"vendor\":\"bulk-a\"}");
    site.create("/api/inventory/hdvendor/", "{\"vendor\":\"bulk-b\"}");
    root.open("/admin/inventory/hdvendor?q=bulk");
    for (WebElement box : root.all("input[name=ids]")) {
      box.click();
    }
    new Select(root.find("#action")).selectByValue("delete");
    root.follow("#results form button[type=submit]");
    assertTrue(root.text().contains("Delete these 2 disk vendors?"), root.text());
    root.assertAccessible();
    root.follow("main form button[type=submit]");
    assertTrue(root.text().contains("Successfully deleted 2 disk vendors."), root.text());
    assertEquals(0, number("SELECT count(*) FROM inventory_hdvendor WHERE vendor LIKE 'bulk-%'"));
  }

  /**
   * As Django's admin: the change, delete and history pages of an object that is not there lead to
   * its list (as it was left), saying so; a deleted object's history is still shown; staff who may
   * not see the model are refused as before, told nothing of whether the object is there.
   */
  @Test
  @Order(12)
  void thePagesOfAnObjectNotThereLeadToItsListSayingSo() throws Exception {
    long gone = hosts.get(6);
    assertEquals(
        2,
        site.api()
                .send("DELETE", "/api/inventory/host/" + gone + "/", rootAccount.basic(), null)
                .statusCode()
            / 100);
    String said = "Host with ID \u201c" + gone + "\u201d doesn't exist. Perhaps it was deleted?";
    root.open("/admin/inventory/host/" + gone + "/delete?_changelist_filters=q%3Dlst");
    assertEquals("/admin/inventory/host?q=lst&done=gone&id=" + gone, root.path());
    assertEquals(said, root.find(".cores-message--warning[role=status]").getText().strip());
    assertEquals("lst", root.find("#q").getAttribute("value"));
    root.assertAccessible();
    root.screenshot("admin-gone-1280");
    root.open("/admin/inventory/host/" + gone);
    assertEquals("/admin/inventory/host?done=gone&id=" + gone, root.path());
    assertTrue(root.text().contains(said), root.text());
    root.open("/admin/inventory/host/999999/history");
    assertEquals("/admin/inventory/host?done=gone&id=999999", root.path());
    // a deleted object's history tells who deleted it
    root.open("/admin/inventory/host/" + gone + "/history");
    assertTrue(root.path().endsWith("/history"), root.path());
    // as the last step, on top: its bookable's deletion, which cascaded from it and was recorded
    // after it, is a part's entry under it
    List<WebElement> entries = root.all("#history > li");
    assertTrue(entries.get(0).getText().startsWith("Deleted by"), root.text());
    String parts = HistorySteps.parts(entries);
    assertTrue(parts.toLowerCase(Locale.ROOT).contains("bookable deleted"), parts);

    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("phoneroot", true));
    phone.open("/admin/inventory/host/" + gone + "/delete");
    assertTrue(phone.text().contains(said), phone.text());
    phone.screenshot("admin-gone-390");

    WebSite.Account clerk = site.user("clerk", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'clerk'");
    for (String page : List.of("", "/delete", "/history")) {
      for (long id : List.of(gone, hosts.get(7))) {
        String path = "/admin/inventory/host/" + id + page;
        assertEquals(403, site.api().send("GET", path, clerk.basic(), null).statusCode(), path);
      }
    }
  }

  /**
   * The change form of a host deleted while it was open leads, when saved, to the list as it was
   * left, saying so, as its GET does (it was a bare 404); nothing is written. Staff without the
   * change permission are refused (403) first, whether the host is there or not.
   */
  @Test
  @Order(13)
  void savingTheFormOfAnObjectDeletedMeanwhileLeadsToItsListSayingSo() throws Exception {
    long gone = hosts.get(8);
    root.open("/admin/inventory/host/" + gone + "?_changelist_filters=q%3Dlst");
    root.type("hostname", "never-saved");
    assertEquals(
        2,
        site.api()
                .send("DELETE", "/api/inventory/host/" + gone + "/", rootAccount.basic(), null)
                .statusCode()
            / 100);
    root.follow("main form.cores-card button[type=submit]");
    assertEquals("/admin/inventory/host?q=lst&done=gone&id=" + gone, root.path());
    assertEquals(
        "Host with ID \u201c" + gone + "\u201d doesn't exist. Perhaps it was deleted?",
        root.find(".cores-message--warning[role=status]").getText().strip());
    assertEquals(0, number("SELECT count(*) FROM inventory_host WHERE hostname = 'never-saved'"));

    // staff who may see hosts but not change them: the page refuses them before it looks
    WebSite.Account viewer = site.user("hostviewer", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'hostviewer'");
    site.api()
        .db()
        .execute(
            "INSERT INTO auth_user_permissions (user_id, permission)"
                + " SELECT id, 'inventory.view_host' FROM auth_user WHERE username = 'hostviewer'");
    for (long id : List.of(gone, hosts.get(9))) {
      String path = "/admin/inventory/host/" + id;
      HttpResponse<String> refused = site.postForm(viewer, path, "hostname=never-saved");
      assertEquals(403, refused.statusCode(), path + " " + refused.body());
      assertTrue(refused.body().contains("inventory.change_host"), refused.body());
    }
    assertEquals(0, number("SELECT count(*) FROM inventory_host WHERE hostname = 'never-saved'"));
  }

  /**
   * The original's staff came from Django's admin: its home's tables by app, each app's page, its
   * change pages' addresses ({@code .../42/change/}) and its login ({@code /admin/login/?next=})
   * lead where Cores has them.
   */
  @Test
  @Order(14)
  void djangosAdminAddressesAndAppPagesLeadToCoresPages() throws Exception {
    root.open("/admin");
    root.follow("#app-inventory caption a");
    assertEquals("/admin/inventory", root.path());
    assertEquals("Admin › Inventory", root.find("nav[aria-label=Breadcrumb]").getText());
    List<String> models = root.all("main table th a").stream().map(WebElement::getText).toList();
    assertTrue(models.contains("Hosts"), models.toString());
    assertFalse(models.contains("Bookables"), models.toString());
    root.assertAccessible();
    root.screenshot("admin-app");
    root.follow("a[href='/admin/inventory/host']");
    root.follow("nav[aria-label=Breadcrumb] a[href='/admin/inventory']");
    assertEquals("/admin/inventory", root.path());

    long host = hosts.get(20);
    root.open("/admin/inventory/host/" + host + "/change/?_changelist_filters=q%3Dlst");
    assertEquals("/admin/inventory/host/" + host + "?_changelist_filters=q%3Dlst", root.path());
    assertTrue(root.text().contains("lst-21"), root.text());
    root.open("/admin/nosuchapp");
    assertTrue(root.text().contains("404"), root.text());

    site.assertMoved(
        List.of(
            new String[] {
              "/admin/login/?next=/admin/inventory/host/",
              "/login?next=%2Fadmin%2Finventory%2Fhost%2F"
            },
            new String[] {"/admin/login/", "/login?next=%2Fadmin"},
            new String[] {"/admin/authtoken/token/", "/admin/auth/token"},
            new String[] {"/admin/authtoken/token/add/", "/admin/auth/token/add"},
            new String[] {
              "/admin/impersonate/impersonationlog/?q=root", "/admin/auth/impersonation?q=root"
            }));
    root.open("/admin/impersonate/impersonationlog/");
    assertEquals("/admin/auth/impersonation", root.path());
    long user = number("SELECT id FROM auth_user WHERE username = 'root'");
    root.open("/admin/auth/user/" + user + "/password/");
    assertEquals("/admin/auth/user/" + user + "/form/password", root.path());
  }

  /**
   * At a laptop's width the host list, values as long as a lab's real ones and all, fits the
   * window: neither the page nor the table scrolls sideways; the filters are beside it, unfolded.
   */
  @Test
  @Order(15)
  void atALaptopsWidthTheHostListWithLongValuesFits() throws Exception {
    long host = hosts.get(30);
    long hardware = number("SELECT hardware_id FROM inventory_host WHERE id = ?", host);
    patch(
        "/api/inventory/hosthardware/" + hardware + "/",
        "{\"name\":\"PowerEdge R640 2x Xeon Gold 6248R 384 GB\"}");
    patch(
        "/api/inventory/host/" + host + "/",
        "{\"hostname\":\"lst-31-tcpreplay-generator.lab-one.example.org\","
            + "\"asset_no\":\"INV-2024-000031-RACK1-U17\","
            + "\"details\":\"dual-port 100G, moved from the old lab in March\"}");
    root.open("/admin/inventory/host?q=lst");
    assertTrue(root.text().contains("lst-31-tcpreplay-generator.lab-one.example.org"), root.text());
    root.screenshot("admin-hosts-long-1280");
    assertEquals(null, root.sideways(true), "the host list scrolls sideways at 1280");
    assertTrue(root.find("#f-status").isDisplayed(), "the filters beside the list");
    assertFalse(root.find(FOLD).isDisplayed(), "no fold to open there");
    root.assertAccessible();
    root.open(
        "/admin/inventory/host?q=lst&lab="
            + number("SELECT id FROM inventory_lab WHERE name = 'Lab Two'"));
    assertEquals("Show filters (1 applied)", root.find(FOLD).getAttribute("textContent").strip());
  }

  /**
   * On a phone the filters fold under a "Show filters" box that says how many are applied, so that
   * the rows are in the first screen, and only the table's box scrolls sideways; without JavaScript
   * the filters open, and apply, all the same.
   */
  @Test
  @Order(16)
  void onAPhoneTheFiltersFoldAwaySayingHowManyAreApplied() throws Exception {
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("foldroot", true));
    phone.open("/admin/inventory/host?q=lst");
    assertFalse(phone.find("#filters-shown").isSelected(), "folded on a phone");
    assertEquals("Show filters", phone.find(FOLD).getText().strip());
    assertFalse(phone.find("#f-status").isDisplayed(), "a folded filter is out of sight");
    phone.assertInFirstScreen("#results tbody tr");
    assertEquals(null, phone.sideways(false), "the phone's page scrolls sideways");
    assertEquals(
        Boolean.TRUE,
        phone
            .driver()
            .executeScript(
                "const wrap = document.querySelector('.cores-table-wrap');"
                    + "return wrap.scrollWidth > wrap.clientWidth;"),
        "on a phone the table scrolls in its box");
    phone.assertAccessible();
    phone.screenshot("admin-list-filters-folded-390");

    // no JavaScript: the box shows them, Apply applies them, the box's label counts them
    phone.click(FOLD);
    assertTrue(phone.find("#f-status").isDisplayed(), "an opened filter is in sight");
    assertEquals(null, phone.sideways(false), "the phone's page with its filters shown");
    phone.assertAccessible();
    phone.screenshot("admin-list-filters-open-390");
    String status =
        site.api().db().text("SELECT status FROM inventory_host WHERE id = ?", hosts.get(1));
    new Select(phone.find("#f-status")).selectByValue(status);
    new Select(phone.find("#f-lab")).selectByVisibleText("Lab Two");
    phone.follow(".cores-filters button[type=submit]");
    assertTrue(phone.path().contains("status=" + status), phone.path());
    assertEquals("Show filters (2 applied)", phone.find(FOLD).getText().strip());
    assertFalse(phone.find("#f-status").isDisplayed(), "folded again once applied");
    assertTrue(phone.text().contains("lst-02"), phone.text());
    assertFalse(phone.text().contains("lst-05"), phone.text());
    phone.assertInFirstScreen("#results tbody tr");
    phone.assertAccessible();
    phone.screenshot("admin-list-filters-applied-390");
  }

  /**
   * A refused filter of the change log (a user no one is named) is not carried by its page links:
   * the next page does not say it again. On a phone without JavaScript and at a laptop's width.
   */
  @Test
  @Order(17)
  void theChangeLogsPageLinksCarryNoRefusedFilter() throws Exception {
    for (int width : new int[] {390, 1280}) {
      Browser browser = site.browser(false, width);
      WebSite.logIn(browser, site.user("refused" + width, true));
      browser.open("/admin/changes?user=nobody-so-named&action=bogus");
      String alert = browser.find("[role=alert]").getText();
      assertTrue(alert.contains("Filter User: no user is named “nobody-so-named”"), alert);
      if (width == 390) {
        assertEquals("Show filters", browser.find(FOLD).getText().strip(), "none applied");
        browser.click(FOLD);
      }
      assertEquals("nobody-so-named", browser.find("#f-user").getAttribute("value"), "as typed");
      List<WebElement> links = browser.all(".cores-pager a");
      assertFalse(links.isEmpty(), "more than one page of changes: " + browser.text());
      for (WebElement link : links) {
        assertFalse(link.getAttribute("href").matches(".*(user|action)=.*"), link.toString());
      }
      browser.assertAccessible();
      browser.screenshot("admin-changes-refused-filter-" + width);
      browser.follow(".cores-pager a[rel=next]");
      assertTrue(browser.all("[role=alert]").isEmpty(), "said once: " + browser.text());
    }
  }

  private void patch(String path, String json) throws Exception {
    HttpResponse<String> patched = site.api().send("PATCH", path, site.admin(), json);
    assertEquals(2, patched.statusCode() / 100, path + " " + patched.body());
  }
}
