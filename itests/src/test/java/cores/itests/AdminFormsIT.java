package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What guards an admin change form, with real requests through the stack's nginx: text PostgreSQL
 * would not store (a NUL) comes back at its field as typed, a save without the record of what the
 * form was opened on is refused showing the object as it is now, and a post another site sent is
 * refused even with the session's CSRF token, while this site's own (and every browser post of the
 * other browser tests) goes on; a NUL in a list's search or filter shows the list again naming it,
 * and one in a bulk action's (forged) field does nothing. Nothing refused is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminFormsIT {
  private WebSite site;
  private Browser root;
  private long hostId;
  private long lentId;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-forms", builder -> builder);
    List<Long> hosts = site.inventory("af", 2);
    hostId = hosts.get(0);
    lentId = hosts.get(1);
    site.api().db().execute("UPDATE inventory_host SET details = 'as stored' WHERE id = ?", hostId);
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  @Test
  @Order(1)
  void storableTextANulInAFieldShowsTheFormAgainAsTypedWithTheErrorAtTheField() throws Exception {
    String before = details();
    root.open("/admin/inventory/host/" + hostId);
    HttpResponse<String> refused =
        post(root, "/admin/inventory/host/" + hostId, changeForm(Map.of("details", "a\u0000b")));
    assertAnswered(refused, 400, "id=\"f-details-error\">Text must not contain NUL characters");
    String hostname =
        site.api().db().text("SELECT hostname FROM inventory_host WHERE id = ?", hostId);
    assertTrue(
        refused.body().contains("value=\"" + hostname + "\""), "as typed: " + refused.body());
    assertTrue(refused.body().contains("name=\"_opened\""), "still guarded: " + refused.body());
    // what Cores sets is shown as it is, not blank as if the save had cleared it
    assertTrue(
        refused.body().contains("<input id=\"f-lab\" value=\"Lab One\" readonly"),
        "read-only fields: " + refused.body());
    assertEquals(before, details(), "nothing written");

    // an add form the same
    long buildings = site.api().db().number("SELECT count(*) FROM inventory_building");
    root.open("/admin/inventory/building/add");
    HttpResponse<String> added =
        post(root, "/admin/inventory/building/add", changeForm(Map.of("code", "B\u00002")));
    assertAnswered(added, 400, "id=\"f-code-error\">Text must not contain NUL characters");
    assertEquals(buildings, site.api().db().number("SELECT count(*) FROM inventory_building"));
  }

  @Test
  @Order(2)
  void editedSinceASaveWithoutWhatTheFormWasOpenedOnIsRefusedShowingTheCurrentValues()
      throws Exception {
    String before = details();
    root.open("/admin/inventory/host/" + hostId);
    Map<String, String> withoutOpened = new HashMap<>();
    withoutOpened.put("details", "saved blind");
    withoutOpened.put("_opened", null);
    for (Map<String, String> changed :
        List.of(withoutOpened, Map.of("details", "saved blind", "_opened", ""))) {
      HttpResponse<String> refused =
          post(root, "/admin/inventory/host/" + hostId, changeForm(changed));
      assertAnswered(refused, 400, "This form was sent without the record of what it was opened");
      assertTrue(refused.body().contains(before), "as it is now: " + refused.body());
      assertFalse(refused.body().contains("saved blind"), refused.body());
      assertTrue(refused.body().contains("name=\"_opened\""), refused.body());
      assertEquals(before, details(), "nothing written");
    }
    // a stamp no form of Cores wrote is a tampered form (400), not someone else's change (409)
    for (String tampered : List.of("garbage", "<b>x</b>", "0".repeat(31) + "g")) {
      HttpResponse<String> refused =
          post(
              root,
              "/admin/inventory/host/" + hostId,
              changeForm(Map.of("details", "saved blind", "_opened", tampered)));
      assertAnswered(refused, 400, "record of what it was opened on was altered");
      assertFalse(refused.body().contains("Someone else changed"), refused.body());
      assertEquals(before, details(), "nothing written");
    }
    // the form as the browser posts it still saves
    root.type("details", "saved knowing");
    root.follow("main form button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The host \"[^\"]+\" was changed successfully\\..*"),
        root.text());
    assertEquals("saved knowing", details());
  }

  @Test
  @Order(3)
  void crossOriginAChangeSentFromAnotherSiteIsRefusedEvenWithTheTokenThroughNginx()
      throws Exception {
    String before = details();
    root.open("/admin/inventory/host/" + hostId);
    String form = changeForm(Map.of("details", "from another site"));
    String path = "/admin/inventory/host/" + hostId;
    for (String[] other :
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Sec-Fetch-Site", "cross-site"})) {
      HttpResponse<String> refused = post(root, path, form, other);
      assertAnswered(refused, 403, "Cross-site request refused");
      assertEquals(before, details(), "nothing written");
    }
    // this site's own origin as nginx passes it on (Host and X-Forwarded-Proto) goes on to the
    // token
    HttpResponse<String> own =
        post(root, path, form, "Origin", site.url(), "Sec-Fetch-Site", "same-origin");
    assertEquals(303, own.statusCode(), own.body());
    assertEquals("from another site", details());
  }

  @Test
  @Order(10)
  void aSearchOrFilterWithANulShowsTheListAgainNamingItAndAForgedBulkFieldDoesNothing()
      throws Exception {
    HttpResponse<String> search = get(root, "/admin/inventory/host?q=%00&status=active");
    assertAnswered(search, 400, "Search: Text must not contain NUL");
    assertTrue(search.body().contains("id=\"results\""), "the list again: " + search.body());
    HttpResponse<String> filter = get(root, "/admin/inventory/host?status=a%00");
    assertAnswered(filter, 400, "Filter Status: Text must not contain NUL");
    HttpResponse<String> changes = get(root, "/admin/changes?model=%00");
    assertTrue(changes.body().contains("model: Text must not contain NUL"), changes.body());
    // the message after an action (?done=…) with a NUL: refused naming it, as the list's filters
    // and the change log's are, not the page without its message
    for (String path :
        List.of(
            "/admin?done=added%00&model=inventory.host&id=" + hostId,
            "/admin/jobs?done=ok%00",
            "/admin/outbox?done=one%00",
            "/admin/inventory/host?done=changed%00&id=" + hostId)) {
      HttpResponse<String> done = get(root, path);
      assertEquals(400, done.statusCode(), path + ": " + done.body());
      assertTrue(
          done.body().contains("done: Text must not contain NUL"), path + ": " + done.body());
    }

    String status = "SELECT status FROM booking_bookable WHERE host_id = ?";
    String before = site.api().db().text(status, hostId);
    root.open("/admin/inventory/host");
    HttpResponse<String> forged =
        post(
            root,
            "/admin/inventory/host",
            token() + "&action=suspend&select=" + hostId + "&select=1%00");
    assertAnswered(forged, 400, "Nothing was done: field select: Text must not contain NUL");
    assertEquals(before, site.api().db().text(status, hostId), "nothing written");
  }

  /**
   * A second open loan of a host is refused at its host field naming the open loan, linked to that
   * loan's page (escaped), as a message naming what was added links it.
   */
  @Test
  @Order(20)
  void aSecondLoanOfAHostLinksTheOpenLoanAtItsField() throws Exception {
    long customer = site.create("/api/loans/customer/", "{\"name\":\"Acme <Ltd>\"}");
    long open =
        site.create(
            "/api/loans/loan/",
            "{\"host\":" + lentId + ",\"customer\":" + customer + ",\"start\":\"2026-12-01\"}");
    long loans = site.api().db().number("SELECT count(*) FROM loans_loan");
    root.open("/admin/loans/loan/add");
    new Select(root.find("#f-host")).selectByValue(String.valueOf(lentId));
    new Select(root.find("#f-customer")).selectByValue(String.valueOf(customer));
    root.set("start", "2026-12-05");
    root.follow("main form button[type=submit]");
    assertEquals(loans, site.api().db().number("SELECT count(*) FROM loans_loan"), "not added");
    WebElement error = root.find("#f-host-error");
    assertEquals(
        "already on loan to Acme <Ltd> since 2026-12-01: return that loan first",
        error.getText().strip());
    WebElement link = error.findElement(By.cssSelector("a"));
    assertEquals("loan to Acme <Ltd> since 2026-12-01", link.getText());
    assertTrue(
        link.getAttribute("href").endsWith("/admin/loans/loan/" + open), link.getAttribute("href"));
    assertTrue(
        root.find("#problems").getText().contains("loan to Acme <Ltd> since 2026-12-01"),
        root.find("#problems").getText());
    root.assertAccessible();
    root.follow("#f-host-error a");
    assertEquals("/admin/loans/loan/" + open, root.path());
  }

  /**
   * A host's page offers only the bulk actions that would change it, as a scan conflict's does: not
   * "make bookable" for a host that is; one forged anyway does nothing, saying why.
   */
  @Test
  @Order(30)
  void aHostsPageOffersOnlyTheActionsThatApplyAndAForgedOneDoesNothing() throws Exception {
    String bookables =
        "SELECT count(*) FROM booking_bookable WHERE host_id = ? AND status = 'active'";
    assertEquals(1, site.api().db().number(bookables, hostId), "a bookable host");
    root.open("/admin/inventory/host/" + hostId);
    String actions = "form[aria-label^='Actions on this host'] button[name=action]";
    List<String> offered = root.all(actions).stream().map(b -> b.getAttribute("value")).toList();
    assertFalse(offered.contains("bookable"), offered.toString());
    assertFalse(offered.contains("status_active"), offered.toString());
    assertTrue(offered.contains("suspend"), offered.toString());
    assertTrue(offered.contains("status_missing"), offered.toString());

    long changes = site.api().db().number("SELECT count(*) FROM cores_change");
    HttpResponse<String> forged =
        post(root, "/admin/inventory/host", token() + "&action=bookable&ids=" + hostId);
    assertAnswered(forged, 200, "Nothing was changed.");
    assertTrue(forged.body().contains(": already bookable"), forged.body());
    assertEquals(1, site.api().db().number(bookables, hostId));
    assertEquals(
        changes, site.api().db().number("SELECT count(*) FROM cores_change"), "nothing written");
  }

  /**
   * As the user pages' forms: a field the admin's form sends once, sent twice, is refused at the
   * field ("Sent twice") with the form shown again and nothing written; what the form sends more
   * than once (a permissions picker's ticked boxes, a list's ticked rows) goes on.
   */
  @Test
  @Order(40)
  void aFieldSentTwiceIsRefusedAtTheFieldButTheTickedBoxesAndRowsRepeat() throws Exception {
    String before = details();
    root.open("/admin/inventory/host/" + hostId);
    HttpResponse<String> changed =
        post(
            root,
            "/admin/inventory/host/" + hostId,
            changeForm(Map.of("details", "first")) + "&details=second");
    assertAnswered(
        changed, 400, "id=\"f-details-error\">Sent twice: which of its values was meant");
    assertEquals(before, details(), "nothing written");

    root.open("/admin/auth/group/add");
    String token = token();
    String picked = "&permissions=inventory.view_host&permissions=inventory.view_nic";
    HttpResponse<String> twice = post(root, "/admin/auth/group/add", token + "&name=a&name=b");
    assertAnswered(twice, 400, "id=\"f-name-error\">Sent twice");
    assertEquals(
        0, site.api().db().number("SELECT count(*) FROM auth_group WHERE name IN ('a', 'b')"));
    HttpResponse<String> added =
        post(root, "/admin/auth/group/add", token + "&name=twice-picked" + picked);
    assertEquals(303, added.statusCode(), added.body());
    assertEquals(
        "inventory.view_host,inventory.view_nic",
        site.api()
            .db()
            .text(
                "SELECT string_agg(p.permission, ',' ORDER BY p.permission) FROM"
                    + " auth_group_permissions p JOIN auth_group g ON g.id = p.group_id"
                    + " WHERE g.name = 'twice-picked'"));

    // a list's bulk action and a delete's confirmation: their rows repeat, nothing else
    String status = "SELECT status FROM inventory_host WHERE id = ?";
    String hostStatus = site.api().db().text(status, hostId);
    root.open("/admin/inventory/host");
    token = token();
    HttpResponse<String> bulk =
        post(
            root,
            "/admin/inventory/host",
            token + "&action=status_missing&action=status_active&ids=" + hostId + "&ids=" + lentId);
    assertAnswered(bulk, 400, "Nothing was done: field action: Sent twice");
    assertEquals(hostStatus, site.api().db().text(status, hostId), "nothing written");
    HttpResponse<String> delete =
        post(
            root,
            "/admin/inventory/host/delete",
            token + "&confirmed=yes&confirmed=no&ids=" + hostId + "&ids=" + lentId);
    assertAnswered(delete, 400, "Nothing was done: field confirmed: Sent twice");
    assertEquals(
        2,
        site.api()
            .db()
            .number("SELECT count(*) FROM inventory_host WHERE id IN (?, ?)", hostId, lentId));
  }

  /**
   * A bulk action's confirmation names and counts only the objects that still exist, as Django's
   * admin acts on those its query finds: an id gone (deleted meanwhile, edited) was listed and
   * counted ("host #999999"), and confirming then was a 404.
   */
  @Test
  @Order(42)
  void bulkIdsThatNoLongerExistAreLeftOutOfTheConfirmationAndNothingIsDoneWhenNoneExists()
      throws Exception {
    root.open("/admin/inventory/host");
    String token = token();
    HttpResponse<String> some =
        post(root, "/admin/inventory/host", token + "&action=delete&ids=" + hostId + "&ids=999999");
    assertEquals(200, some.statusCode(), some.body());
    assertTrue(some.body().contains("Delete this host?"), some.body());
    assertTrue(some.body().contains("Left out, no longer there: host #999999."), some.body());
    assertTrue(some.body().contains("name=\"ids\" value=\"" + hostId + "\""), some.body());
    assertFalse(some.body().contains("value=\"999999\""), some.body());

    String status = "SELECT status FROM inventory_host WHERE id = ?";
    String hostStatus = site.api().db().text(status, hostId);
    for (String action : List.of("delete", "status_missing")) {
      HttpResponse<String> none =
          post(
              root,
              "/admin/inventory/host",
              token + "&action=" + action + "&ids=999999&ids=999998");
      assertEquals(404, none.statusCode(), none.body());
      assertTrue(
          none.body()
              .contains("Nothing was done: the selected hosts #999999, #999998 no longer exist."),
          none.body());
      assertFalse(none.body().contains("Yes, delete"), none.body());
    }
    assertEquals(hostStatus, site.api().db().text(status, hostId), "nothing written");
  }

  /**
   * A button whose post reads no form (a job's "Run now", an object's delete) takes the CSRF token
   * field once: a second one is refused, even when the first is right, as a wrong token is.
   */
  @Test
  @Order(41)
  void aButtonsPostWithASecondCsrfTokenIsRefused() throws Exception {
    root.open("/admin/jobs");
    String token = token();
    String runs = "SELECT count(*) FROM jobs_run WHERE trigger = 'manual'";
    long before = site.api().db().number(runs);
    for (String twice : List.of("&csrfmiddlewaretoken=forged", "&" + token)) {
      HttpResponse<String> run = post(root, "/admin/jobs/maintenance/run", token + twice);
      assertEquals(403, run.statusCode(), twice + ": " + run.body());
      HttpResponse<String> delete =
          post(root, "/admin/inventory/host/" + lentId + "/delete", token + twice);
      assertEquals(403, delete.statusCode(), twice + ": " + delete.body());
    }
    assertEquals(before, site.api().db().number(runs), "not run");
    assertEquals(
        1, site.api().db().number("SELECT count(*) FROM inventory_host WHERE id = ?", lentId));
    // the token once: the button works
    HttpResponse<String> run = post(root, "/admin/jobs/maintenance/run", token);
    assertEquals(303, run.statusCode(), run.body());
    assertEquals(before + 1, site.api().db().number(runs));
  }

  /**
   * As Django's admin, a form saves and goes on: "Save and add another" to a blank add form, "Save
   * and continue editing" to the object's change form, each naming what was saved, linked.
   */
  @Test
  @Order(50)
  void saveAndAddAnotherAndSaveAndContinueEditingStayOnAFormNamingWhatWasSaved() throws Exception {
    String code = "SELECT id FROM inventory_building WHERE code = ?";
    root.open("/admin/inventory/building/add");
    root.type("code", "SAVE-A").type("comment", "first of two");
    root.follow("button[name=_addanother]");
    long first = site.api().db().number(code, "SAVE-A");
    assertEquals("/admin/inventory/building/add", URI.create(root.path()).getPath());
    assertTrue(
        root.text().contains("The building \"SAVE-A\" was added successfully."), root.text());
    assertEquals(
        "/admin/inventory/building/" + first,
        URI.create(root.find(".cores-message--success a").getAttribute("href")).getPath());
    assertEquals("", root.find("#f-code").getAttribute("value"), "a blank form");

    root.type("code", "SAVE-B");
    root.follow("button[name=_continue]");
    long second = site.api().db().number(code, "SAVE-B");
    assertEquals("/admin/inventory/building/" + second, URI.create(root.path()).getPath());
    assertTrue(
        root.text().contains("The building \"SAVE-B\" was added successfully."), root.text());
    assertEquals("SAVE-B", root.find("#f-code").getAttribute("value"));

    // a change the same: its form again, with the message, as saved
    root.type("comment", "edited");
    root.follow("button[name=_continue]");
    assertEquals("/admin/inventory/building/" + second, URI.create(root.path()).getPath());
    assertTrue(
        root.text().contains("The building \"SAVE-B\" was changed successfully."), root.text());
    assertEquals(
        "edited",
        site.api().db().text("SELECT comment FROM inventory_building WHERE id = ?", second));
    root.type("comment", "edited twice");
    root.follow("button[name=_addanother]");
    assertEquals("/admin/inventory/building/add", URI.create(root.path()).getPath());
    assertTrue(
        root.text().contains("The building \"SAVE-B\" was changed successfully."), root.text());

    // plain Save still leads to the list
    root.open("/admin/inventory/building/" + first);
    root.follow("main form button[type=submit]:not([name])");
    assertEquals("/admin/inventory/building", URI.create(root.path()).getPath());
  }

  /** The host's details as stored. */
  private String details() throws Exception {
    return site.api().db().text("SELECT details FROM inventory_host WHERE id = ?", hostId);
  }

  /** Asserts the status of a response and what its page says. */
  private static void assertAnswered(HttpResponse<String> response, int status, String says) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains(says), response.body());
  }

  /** The CSRF token field of the form open in the browser, as the form posts it. */
  private String token() {
    return "csrfmiddlewaretoken="
        + java.net.URLEncoder.encode(
            root.find("input[name=csrfmiddlewaretoken]").getAttribute("value"),
            java.nio.charset.StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(Browser browser, String path) throws Exception {
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Cookie", "cores_session=" + session)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The form open in the browser as it would post it (its token and {@code _opened} included), with
   * the given fields set to other values or left out (null).
   */
  private String changeForm(Map<String, String> changed) {
    return (String)
        ((JavascriptExecutor) root.driver())
            .executeScript(
                "const form = new FormData(document.querySelector('main form'));"
                    + " for (const [name, value] of Object.entries(arguments[0])) {"
                    + " if (value === null) form.delete(name); else form.set(name, value); }"
                    + " return new URLSearchParams(form).toString();",
                changed);
  }

  private HttpResponse<String> post(Browser browser, String path, String body, String... headers)
      throws Exception {
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", "cores_session=" + session)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
