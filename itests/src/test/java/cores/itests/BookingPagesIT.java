package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The booking pages in a real browser through the stack's nginx: the start page, the search with
 * its filters in the URL, a host's page, booking (and a conflicting booking shown at its field),
 * cancelling, changing a booking and giving it back, reserving; with JavaScript on and off, at a
 * desktop's and a phone's width; axe-core finds no serious or critical problem on any of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BookingPagesIT {
  private GreenMail mail;
  private WebSite site;
  private List<Long> hosts;
  private WebSite.Account ann;
  private WebSite.Account bob;
  private Browser annBrowser;

  @BeforeAll
  void start() throws Exception {
    int smtp = CoresProcess.freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    site =
        WebSite.start(
            "booking-pages",
            builder ->
                builder.env("SMTP_SERVER", "127.0.0.1").env("SMTP_PORT", String.valueOf(smtp)));
    hosts = site.inventory("pg", 6);
    ann = site.user("ann", false);
    bob = site.user("bob", false);
    annBrowser = site.browser(true, 1280);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      site.close();
    } finally {
      mail.stop();
    }
  }

  @Test
  @Order(1)
  void anonymousVisitorsSeeWhatCoresIsAndTheHostsFreeNow() throws Exception {
    try (Browser anonymous = Browser.start(site.url(), screenshots(), false, 1280)) {
      anonymous.open("/");
      assertTrue(anonymous.text().contains("Quick-book"), anonymous.text());
      assertEquals(6, anonymous.all("#rows tr").size(), "every host is free");
      assertTrue(anonymous.find("a[href^='/login']").isDisplayed());
      anonymous.assertAccessible();
      anonymous.screenshot("home-anonymous");
    }
  }

  @Test
  @Order(2)
  void aUserLogsInAndSeesTheDashboard() throws Exception {
    WebSite.logIn(annBrowser, ann);
    assertEquals("/", annBrowser.path());
    assertTrue(annBrowser.text().contains("My bookings"), annBrowser.text());
    annBrowser.assertAccessible();
    annBrowser.screenshot("dashboard");
  }

  @Test
  @Order(3)
  void searchFiltersLiveInTheUrlAndTheBackButtonKeepsThem() throws Exception {
    annBrowser.open("/bookables");
    annBrowser.screenshot("bookables");
    annBrowser.assertAccessible();
    assertFalse(annBrowser.find(".cores-apply").isDisplayed(), "htmx applies each change");
    annBrowser.click("#f-free");
    awaitPath(annBrowser, "/bookables?free=1");
    assertEquals("/bookables?free=1", annBrowser.path(), "the order left as it is stays out");
    WebElement labTwo = labCheckbox(annBrowser, "Lab Two");
    labTwo.click();
    awaitPath(annBrowser, "/bookables?free=1&lab=");
    assertFalse(annBrowser.path().contains("ordering"), annBrowser.path());
    assertEquals(3, annBrowser.all("#rows tr").size(), annBrowser.text());
    annBrowser.screenshot("bookables-filtered");
    annBrowser.driver().navigate().back();
    awaitPath(annBrowser, "/bookables?free=1");
    annBrowser.await("#f-free");
    new WebDriverWait(annBrowser.driver(), java.time.Duration.ofSeconds(10))
        .until(d -> annBrowser.all("#rows tr").size() == 6);
    assertTrue(annBrowser.find("#f-free").isSelected(), "the free filter is kept");
    assertFalse(labCheckbox(annBrowser, "Lab Two").isSelected(), "the lab filter is gone");
  }

  @Test
  @Order(4)
  void withoutJavaScriptTheFiltersAreAFormAndThePageIsTheSame() throws Exception {
    try (Browser plain = Browser.start(site.url(), screenshots(), false, 390)) {
      plain.open("/bookables");
      plain.click("#f-nores");
      labCheckbox(plain, "Lab One").click();
      plain.follow(".cores-apply");
      assertTrue(plain.path().startsWith("/bookables?nores=1&lab="), plain.path());
      assertFalse(plain.path().contains("ordering"), "the default order: " + plain.path());
      assertEquals(3, plain.all("#rows tr").size(), plain.text());
      assertTrue(plain.find("#f-nores").isSelected());
      plain.assertAccessible();
      plain.screenshot("bookables-phone-no-javascript");
    }
  }

  @Test
  @Order(4)
  void aFilterWithANulOrAWrongIdShowsTheSearchAgainWithTheProblemAtTheFilter() throws Exception {
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(site.url() + "/bookables?free=1&lab=%00"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(
        refused.body().contains("id=\"lab-error\">Lab: Text must not contain NUL"), refused.body());
    assertTrue(refused.body().contains("<h2>Filters</h2>"), "the search page: " + refused.body());
    try (Browser plain = Browser.start(site.url(), screenshots(), false, 1280)) {
      plain.open("/bookables?free=1&lab=%00&htype=x");
      assertTrue(plain.find("#f-free").isSelected(), "the other filter stays");
      assertTrue(plain.find("#lab-error").getText().contains("NUL"), plain.text());
      assertTrue(
          plain.find("#htype-error").getText().contains("Type: must be ids (whole numbers), not x"),
          plain.text());
      assertFalse(plain.all("#rows tr").isEmpty(), "the free hosts: " + plain.text());
      plain.assertAccessible();
      plain.screenshot("bookables-refused-filter");
    }
  }

  @Test
  @Order(5)
  void aBookingMadeOnTheHostPageIsOnTheDashboard() throws Exception {
    annBrowser.open("/hosts/" + hosts.get(0) + "/");
    assertTrue(annBrowser.text().contains("Availability"), annBrowser.text());
    annBrowser.assertAccessible();
    annBrowser.screenshot("host");
    annBrowser.follow("a[href='/hosts/" + hosts.get(0) + "/book']");
    annBrowser.screenshot("book");
    annBrowser.assertAccessible();
    book(annBrowser, 1, 2, "load tests");
    assertEquals("/", annBrowser.path());
    String text = annBrowser.text();
    assertTrue(text.contains("Booked pg-01 from"), text);
    assertTrue(text.contains("load tests"), text);
    annBrowser.screenshot("dashboard-booked");

    // the confirmation mail links the host's page (under HOSTNAME, localhost here): it is there
    assertTrue(mail.waitForIncomingEmail(30_000, 1), "the confirmation arrives");
    String body =
        ((MimeMultipart) mail.getReceivedMessages()[0].getContent())
            .getBodyPart(0)
            .getContent()
            .toString();
    Matcher link = Pattern.compile("Host page: https?://localhost(/\\S+)").matcher(body);
    assertTrue(link.find(), body);
    annBrowser.open(link.group(1));
    assertEquals("pg-01", annBrowser.find("h1").getText());
  }

  @Test
  @Order(6)
  void aConflictingBookingShowsTheOverlapAtTheField() throws Exception {
    Browser bobs = site.browser(true, 1280);
    WebSite.logIn(bobs, bob);
    bobs.open("/hosts/" + hosts.get(0) + "/book");
    book(bobs, 2, 3, "mine now");
    assertEquals("/hosts/" + hosts.get(0) + "/book", bobs.path());
    String error = bobs.find(".cores-field--invalid .cores-error").getText();
    assertTrue(error.contains("already booked from"), error);
    assertEquals("true", bobs.find("#first").getAttribute("aria-invalid"));
    bobs.assertAccessible();
    bobs.screenshot("book-conflict");
    String bookings = site.get("/api/booking/booking/");
    assertFalse(bookings.contains("mine now"), "nothing was written: " + bookings);
  }

  @Test
  @Order(7)
  void theOwnerCancelsAnUpcomingBookingAfterConfirming() throws Exception {
    annBrowser.open("/");
    annBrowser.follow("a[href$='/cancel']");
    assertTrue(annBrowser.text().contains("Cancel this booking?"), annBrowser.text());
    annBrowser.assertAccessible();
    annBrowser.screenshot("cancel");
    String cancel = annBrowser.path();
    annBrowser.follow("button.cores-button--danger");
    assertEquals("/", annBrowser.path());
    assertTrue(annBrowser.text().contains("Cancelled the booking of pg-01"), annBrowser.text());
    assertFalse(site.get("/api/booking/booking/").contains("load tests"));
    // the back button to the question, a second press: the booking is gone, and may have been
    // cancelled, the page says
    annBrowser.driver().navigate().back();
    String again = annBrowser.text();
    assertTrue(again.contains("it was never made or has been cancelled."), again);
    String session = annBrowser.driver().manage().getCookieNamed("cores_session").getValue();
    assertEquals(404, status(cancel, session), cancel);
  }

  @Test
  @Order(8)
  void staffReserveAHostForSomeoneElse() throws Exception {
    Browser staff = site.browser(true, 1280);
    WebSite.logIn(staff, site.user("carol", true));
    staff.open("/hosts/" + hosts.get(1) + "/reserve");
    staff.assertAccessible();
    staff.type("owner", "ann").type("comment", "long-running soak test");
    staff.follow("main form button[type=submit]");
    assertEquals("/", staff.path(), staff.text());
    assertTrue(staff.text().contains("Reserved pg-02 for ann"), staff.text());
    annBrowser.open("/");
    assertTrue(annBrowser.text().contains("long-running soak test"), annBrowser.text());
    annBrowser.open("/hosts/" + hosts.get(1) + "/");
    assertTrue(annBrowser.text().contains("This host is reserved"), annBrowser.text());
    assertTrue(annBrowser.text().contains("long-running soak test"), annBrowser.text());

    // anonymous visitors see when a host is held, not by whom nor why (the API shows them none)
    Browser anonymous = site.browser(false, 1280);
    anonymous.open("/hosts/" + hosts.get(1) + "/");
    String shown = anonymous.text();
    assertTrue(shown.contains("This host is reserved since"), shown);
    assertFalse(shown.contains("long-running soak test"), shown);
    assertEquals(3, anonymous.all("table.cores-table thead th").size(), shown);
    assertTrue(shown.contains("Log in to see who holds them."), shown);
  }

  @Test
  @Order(9)
  void aFormPostWithoutTheCsrfTokenIsRefusedAndWritesNothing() throws Exception {
    HttpResponse<String> forged =
        postAsAnn(hosts.get(2), "first=" + day(1) + "&last=" + day(1) + "&comment=forged");
    assertEquals(403, forged.statusCode());
    assertTrue(forged.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertFalse(site.get("/api/booking/booking/").contains("forged"));
  }

  @Test
  @Order(12)
  void storableTextANulInABookingsFieldShowsTheFormAgainAsTyped() throws Exception {
    for (String field : List.of("comment", "owner")) {
      HttpResponse<String> refused =
          annPostsBookingForm(
              "first=" + day(1) + "&last=" + day(1) + "&comment=typed+here&" + field + "=a%00b");
      assertEquals(400, refused.statusCode(), field + ": " + refused.body());
      assertTrue(
          refused.body().contains("must not contain NUL characters"),
          field + ": " + refused.body());
      assertTrue(refused.body().contains("value=\"" + day(1) + "\""), refused.body());
    }
    assertFalse(site.get("/api/booking/booking/").contains("typed here"));
  }

  /**
   * The booking form has no owner field for non-staff: one posted anyway was answered with its
   * problem ("No user is called ...") at that missing field, a 400 page that said nothing. Any name
   * but one's own is refused above the form, as an existing user's is.
   */
  @Test
  @Order(12)
  void anOwnerPostedByNonStaffIsRefusedAboveTheFormWhetherOrNotTheUserExists() throws Exception {
    for (String owner : List.of("bob", "nobody-such")) {
      HttpResponse<String> refused =
          annPostsBookingForm(
              "first=" + day(1) + "&last=" + day(1) + "&comment=for+another&owner=" + owner);
      assertEquals(403, refused.statusCode(), owner + ": " + refused.body());
      assertTrue(
          refused.body().contains("Only staff may book for another user."),
          owner + ": " + refused.body());
    }
    assertFalse(site.get("/api/booking/booking/").contains("for another"));
  }

  /** Ann's booking form of the third host, posted with this body (and her CSRF token). */
  private HttpResponse<String> annPostsBookingForm(String body) throws Exception {
    return annPostsBookingForm(hosts.get(2), body);
  }

  /** Ann's booking form of the host, posted with her CSRF token and this body. */
  private HttpResponse<String> annPostsBookingForm(long host, String body) throws Exception {
    annBrowser.open("/hosts/" + host + "/book");
    String token =
        URLEncoder.encode(
            annBrowser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
            StandardCharsets.UTF_8);
    return postAsAnn(host, "csrfmiddlewaretoken=" + token + "&" + body);
  }

  /** The body posted to the host's booking form with Ann's session, as it is. */
  private HttpResponse<String> postAsAnn(long host, String body) throws Exception {
    String session = annBrowser.driver().manage().getCookieNamed("cores_session").getValue();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(site.url() + "/hosts/" + host + "/book"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "cores_session=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(10)
  void theOriginalsUrlsAnswerWithTheirNewPages() throws Exception {
    String bookable =
        site.get("/api/inventory/hostbyid/" + hosts.get(0) + "/")
            .replaceAll("(?s).*\"bookable\":(\\d+).*", "$1");
    site.assertMoved(
        List.of(
            new String[] {"/booking/", "/"},
            new String[] {"/booking/search/", "/bookables"},
            new String[] {"/booking/host/" + bookable, "/hosts/" + hosts.get(0) + "/"},
            new String[] {
              "/booking/host/" + bookable + "/book", "/hosts/" + hosts.get(0) + "/book"
            },
            new String[] {"/booking/cancel/b/7", "/bookings/7/cancel"},
            new String[] {"/account/login?next=/x", "/login?next=%2Fx"},
            new String[] {"/api-auth/login/?next=/api/", "/login?next=%2Fapi%2F"},
            new String[] {"/account/logout/", "/logout"},
            new String[] {"/account/password_change/", "/profile/password"},
            new String[] {"/account/password_reset/", "/password-reset"}));
  }

  @Test
  @Order(11)
  void aCommentOnlyChangeKeepsTheEndAndABookingThatHoldsIsGivenBackWithoutJavaScript()
      throws Exception {
    Instant end = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    long id = site.book(ann, hosts.get(3), null, end, "soak");
    Browser browser = site.browser(false, 1280);
    WebSite.logIn(browser, ann);
    browser.open("/bookings/" + id + "/edit");
    browser.assertAccessible();
    browser.screenshot("edit-holding");
    browser.type("comment", "soak, second run");
    browser.follow("form[action$='/edit'] button[type=submit]");
    assertEquals("/", browser.path(), browser.text());
    String changed = site.get("/api/booking/booking/" + id + "/");
    assertEquals(end, endOf(changed), changed);
    assertTrue(changed.contains("soak, second run"), changed);

    browser.open("/bookings/" + id + "/edit");
    browser.follow("form[action$='/end'] button[type=submit]");
    assertEquals("/", browser.path(), browser.text());
    assertTrue(browser.text().contains("You gave pg-04 back"), browser.text());
    Instant ended = endOf(site.get("/api/booking/booking/" + id + "/"));
    assertTrue(ended.isBefore(end.minus(Duration.ofHours(1))), ended.toString());
  }

  @Test
  @Order(12)
  void someoneElsesBookingIsNotFoundToAUserWhoMayNotReadItAndForbiddenToOneWhoMay()
      throws Exception {
    Instant end = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    long id = site.book(ann, hosts.get(4), null, end, null);
    Browser browser = site.browser(false, 1280);
    WebSite.logIn(browser, bob);
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    for (String page : List.of("/bookings/" + id + "/edit", "/bookings/" + id + "/cancel")) {
      assertEquals(404, status(page, session), page);
    }
    long bobId =
        Long.parseLong(
            site.get("/api/auth/users?username=bob").replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    HttpResponse<String> granted =
        site.api()
            .send(
                "PATCH",
                "/api/auth/users/" + bobId,
                site.admin(),
                "{\"user_permissions\":[\"booking.view_booking\"]}");
    assertEquals(200, granted.statusCode(), granted.body());
    for (String page : List.of("/bookings/" + id + "/edit", "/bookings/" + id + "/cancel")) {
      assertEquals(403, status(page, session), page);
    }
    assertEquals(
        404, status("/bookings/" + (id + 1000) + "/edit", session), "no such booking at all");
  }

  private int status(String path, String session) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(site.url() + path))
                .header("Cookie", "cores_session=" + session)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Instant endOf(String booking) {
    Matcher end = Pattern.compile("\"end\":\"([^\"]+)\"").matcher(booking);
    assertTrue(end.find(), booking);
    return Instant.parse(end.group(1));
  }

  /**
   * A comment of 300 characters without a space wraps in its cell instead of widening the start
   * page and the host's booking page beyond the window, at a phone's width and a desktop's; on a
   * phone the start page's bookings stack each row's cells, its Change link in sight.
   */
  @Test
  @Order(20)
  void aLongUnbrokenCommentWrapsAndABookingsChangeLinkIsInSightOnAPhone() throws Exception {
    String comment = "x".repeat(300);
    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    long id = site.book(ann, hosts.get(5), start, start.plus(Duration.ofDays(1)), comment);
    for (int width : List.of(390, 1280)) {
      Browser browser = site.browser(false, width);
      WebSite.logIn(browser, ann);
      for (String path :
          List.of("/", "/hosts/" + hosts.get(5) + "/", "/bookings/" + id + "/edit")) {
        browser.open(path);
        assertTrue(browser.text().contains(comment), path);
        browser.screenshot(
            "long-comment-" + width + (path.equals("/") ? "-home" : path.replace('/', '-')));
        assertFitsTheWindow(browser, path + " at " + width + " px");
      }
      browser.open("/");
      WebElement change = browser.find("a[href='/bookings/" + id + "/edit']");
      Number right =
          (Number)
              browser
                  .driver()
                  .executeScript("return arguments[0].getBoundingClientRect().right;", change);
      Number window =
          (Number) browser.driver().executeScript("return document.documentElement.clientWidth;");
      assertTrue(
          change.isDisplayed() && right.doubleValue() <= window.doubleValue(),
          "Change at " + right + " of " + window + " px at " + width + " px");
      browser.assertAccessible();
    }
  }

  /**
   * The page is no wider than the window, nor a table holding the long comment wider than its box
   * (no sideways scroll).
   */
  private static void assertFitsTheWindow(Browser browser, String at) {
    Object wider =
        browser
            .driver()
            .executeScript(
                "const page = document.documentElement;"
                    + "if (page.scrollWidth > page.clientWidth) {"
                    + "  return 'page ' + page.scrollWidth + ' > ' + page.clientWidth; }"
                    + "for (const wrap of document.querySelectorAll('.cores-table-wrap')) {"
                    + "  if (wrap.textContent.includes('xxxxxxxxxx')"
                    + "      && wrap.scrollWidth > wrap.clientWidth + 1) {"
                    + "    return 'table ' + wrap.scrollWidth + ' > ' + wrap.clientWidth; } }"
                    + "return null;");
    assertEquals(null, wider, at);
  }

  /**
   * A booking form posted with a field twice (two first days) is shown again with the problem at
   * the field and nothing is booked, as the JSON API refuses a key sent twice; with two CSRF tokens
   * it is refused before any page reads it, as every form post is.
   */
  @Test
  @Order(22)
  void aFieldSentTwiceShowsTheFormAgainWithTheProblemAtTheField() throws Exception {
    String form = "first=" + day(1) + "&last=" + day(2) + "&comment=twice+sent";
    String twice = form + "&first=" + day(3);
    HttpResponse<String> refused = annPostsBookingForm(hosts.get(4), twice);
    assertEquals(400, refused.statusCode(), twice + ": " + refused.body());
    assertTrue(refused.body().toLowerCase().contains("sent twice"), refused.body());
    assertTrue(refused.body().contains("value=\"" + day(1) + "\""), "as typed: " + refused.body());
    HttpResponse<String> tokens =
        annPostsBookingForm(hosts.get(4), form + "&csrfmiddlewaretoken=forged");
    assertEquals(403, tokens.statusCode(), tokens.body());
    annBrowser.open("/hosts/" + hosts.get(4) + "/book");
    annBrowser
        .driver()
        .executeScript(
            "const extra = document.createElement('input');"
                + "extra.type = 'hidden'; extra.name = 'first'; extra.value = arguments[0];"
                + "document.querySelector('main form').appendChild(extra);",
            day(3));
    book(annBrowser, 1, 2, "twice sent");
    assertEquals("/hosts/" + hosts.get(4) + "/book", annBrowser.path());
    assertTrue(
        annBrowser.find(".cores-field--invalid .cores-error").getText().contains("Sent twice"),
        annBrowser.text());
    annBrowser.assertAccessible();
    assertFalse(site.get("/api/booking/booking/").contains("twice sent"));
  }

  /**
   * A host that is not active (its bookable suspended with it) offers neither form: both say why,
   * with 409, as their posts would be refused; its page has no Book or Reserve button.
   */
  @Test
  @Order(30)
  void theFormsOfAHostThatIsNotActiveSayWhyInsteadOfAForm() throws Exception {
    long host = hosts.get(4);
    HttpResponse<String> missing =
        site.api()
            .send(
                "PATCH",
                "/api/inventory/host/" + host + "/",
                site.admin(),
                "{\"status\":\"missing\"}");
    assertEquals(200, missing.statusCode(), missing.body());
    Browser staff = site.browser(false, 1280);
    WebSite.logIn(staff, site.user("dora", true));
    String session = staff.driver().manage().getCookieNamed("cores_session").getValue();
    for (String form : List.of("book", "reserve")) {
      String path = "/hosts/" + host + "/" + form;
      assertEquals(409, status(path, session), path);
      staff.open(path);
      assertTrue(staff.text().contains("it cannot be booked"), staff.text());
      assertTrue(staff.all("main form[method=post]").isEmpty(), staff.text());
      staff.assertAccessible();
    }
    staff.open("/hosts/" + host + "/");
    assertTrue(staff.all("a[href$='/book'], a[href$='/reserve']").isEmpty(), staff.text());
  }

  /** Fills the booking form with days from today (in UTC, the site's zone here) and submits. */
  private static void book(Browser browser, int firstDay, int lastDay, String comment) {
    browser
        .driver()
        .executeScript(
            "document.getElementById('first').value = arguments[0];"
                + "document.getElementById('last').value = arguments[1];",
            day(firstDay),
            day(lastDay));
    browser.type("comment", comment);
    browser.follow("main form button[type=submit]");
  }

  private static String day(int fromToday) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(fromToday).toString();
  }

  private static WebElement labCheckbox(Browser browser, String name) {
    for (WebElement label : browser.all("label")) {
      if (label.getText().equals(name)) {
        return browser.find("#" + label.getAttribute("for"));
      }
    }
    throw new AssertionError("no checkbox for " + name);
  }

  private static void awaitPath(Browser browser, String prefix) {
    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
        .until(d -> browser.path().startsWith(prefix));
  }

  private static java.nio.file.Path screenshots() {
    return java.nio.file.Path.of("target", "screenshots", "booking-pages").toAbsolutePath();
  }
}
