package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The account pages in a real browser through the stack's nginx, with mail going to GreenMail in
 * this JVM: the profile (and an address another user has, at its field), the password, a forgotten
 * password reset through the mailed link, API tokens, the calendar address and its feed (read by
 * ical4j, written by biweekly), looking up a user, and staff impersonating one and stopping through
 * the frame's banner. Forms posted without their CSRF token are refused and write nothing; axe-core
 * finds no serious problem on any page; every page is saved as a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountPagesIT {
  private static final String HOSTNAME = "cores.example.org";
  private static final Pattern RESET_LINK =
      Pattern.compile("https://" + Pattern.quote(HOSTNAME) + "(/password-reset/[A-Za-z0-9_-]{43})");

  private GreenMail mail;
  private WebSite site;
  private List<Long> hosts;
  private WebSite.Account ann;
  private WebSite.Account bob;
  private Browser annBrowser;
  private long annId;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    int smtp = CoresProcess.freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    site =
        WebSite.start(
            "account-pages",
            builder ->
                builder
                    .env("HOSTNAME", HOSTNAME)
                    .env("SMTP_SERVER", "127.0.0.1")
                    .env("SMTP_PORT", Integer.toString(smtp))
                    .env("SMTP_FROM", "cores@example.org"));
    hosts = site.inventory("ac", 2);
    ann = site.user("ann", false);
    bob = site.user("bob", false);
    annId = site.api().db().number("SELECT id FROM auth_user WHERE username = 'ann'");
    annBrowser = site.browser(true, 1280);
    WebSite.logIn(annBrowser, ann);
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
  void theProfileIsSavedAndAnAddressAnotherUserHasIsRefusedAtItsField() throws Exception {
    annBrowser.open("/");
    annBrowser.follow(".cores-account__name");
    assertEquals("/profile", annBrowser.path(), "the frame's name links to the profile");
    assertEquals("ann", annBrowser.find("#username").getAttribute("value"));
    annBrowser.assertAccessible();
    annBrowser.screenshot("profile");

    annBrowser.type("first_name", "Ann").type("last_name", "Lee").type("email", "BOB@example.org");
    annBrowser.follow("main form button[type=submit]");
    assertEquals("/profile", annBrowser.path());
    assertEquals(
        "another account already uses this address",
        annBrowser.find(".cores-field--invalid .cores-error").getText().strip());
    assertEquals("true", annBrowser.find("#email").getAttribute("aria-invalid"));
    assertEquals("Ann", annBrowser.find("#first_name").getAttribute("value"), "kept as typed");
    annBrowser.assertAccessible();
    annBrowser.screenshot("profile-email-taken");
    assertEquals(
        "|ann@example.org",
        site.api()
            .db()
            .text("SELECT first_name || '|' || email FROM auth_user WHERE id = ?", annId),
        "nothing was written");

    annBrowser.type("email", "Ann.Lee@example.org").click("#receive_reminders");
    annBrowser.follow("main form button[type=submit]");
    assertTrue(annBrowser.text().contains("Your profile is saved."), annBrowser.text());
    assertEquals("Ann Lee", annBrowser.find(".cores-account__name").getText());
    assertEquals(
        "Ann|Lee|Ann.Lee@example.org|false",
        site.api()
            .db()
            .text(
                "SELECT concat_ws('|', first_name, last_name, email, receive_reminders::text)"
                    + " FROM auth_user WHERE id = ?",
                annId));
  }

  @Test
  @Order(2)
  void theOwnerChangesThePasswordAndLogsInWithTheNewOne() throws Exception {
    annBrowser.open("/profile/password");
    annBrowser.assertAccessible();
    annBrowser.screenshot("password");
    annBrowser
        .type("current_password", "not-my-password")
        .type("new_password", "ann-new-password")
        .type("confirm_password", "ann-new-password");
    annBrowser.follow("main form button[type=submit]");
    assertEquals(
        "wrong password", annBrowser.find(".cores-field--invalid .cores-error").getText().strip());
    annBrowser.screenshot("password-wrong");

    annBrowser
        .type("current_password", ann.password())
        .type("new_password", "ann-new-password")
        .type("confirm_password", "ann-new-password");
    annBrowser.follow("main form button[type=submit]");
    assertTrue(annBrowser.text().contains("Your password is changed."), annBrowser.text());
    assertEquals(401, authTest(ann.basic()).statusCode(), "the old password no longer works");

    annBrowser.follow("form[action='/logout'] button");
    // the start page again, saying why the name and the logout button are gone
    assertEquals("/", annBrowser.path());
    assertEquals(
        "You have been logged out.",
        annBrowser.find(".cores-message[role=status]").getText().strip());
    annBrowser.screenshot("logged-out");
    ann =
        new WebSite.Account("ann", "ann-new-password", ApiClient.basic("ann", "ann-new-password"));
    WebSite.logIn(annBrowser, ann);
    assertEquals("Ann Lee", annBrowser.find(".cores-account__name").getText());

    // the login page's own logout button, shown to one logged in, says so too
    annBrowser.open("/login");
    annBrowser.follow("main form[action='/logout'] button");
    assertEquals("/", annBrowser.path());
    assertEquals(
        "You have been logged out.",
        annBrowser.find(".cores-message[role=status]").getText().strip());
    WebSite.logIn(annBrowser, ann);
  }

  @Test
  @Order(3)
  void aForgottenPasswordIsResetThroughTheMailedLink() throws Exception {
    site.user("carl", false);
    try (Browser visitor = Browser.start(site.url(), screenshots(), false, 390)) {
      visitor.open("/login");
      visitor.follow("a[href='/password-reset']");
      visitor.assertAccessible();
      visitor.screenshot("password-reset-phone-no-javascript");

      visitor.type("email", "no address");
      visitor.follow("main form button[type=submit]");
      assertEquals("true", visitor.find("#email").getAttribute("aria-invalid"));

      String unknown = ask(visitor, "nobody@example.org");
      String known = ask(visitor, "CARL@example.org");
      assertEquals(
          unknown.replace("nobody@example.org", "*"),
          known.replace("CARL@example.org", "*"),
          "the same answer whether or not the address has an account");
      visitor.screenshot("password-reset-asked");

      assertTrue(mail.waitForIncomingEmail(30_000, 1), "the reset mail arrives");
      MimeMessage message = mail.getReceivedMessages()[0];
      assertEquals(
          "carl@example.org", message.getRecipients(Message.RecipientType.TO)[0].toString());
      assertEquals("Set a new Cores password", message.getSubject());
      String text = ((MimeMultipart) message.getContent()).getBodyPart(0).getContent().toString();
      Matcher link = RESET_LINK.matcher(text);
      assertTrue(link.find(), text);

      visitor.open(link.group(1));
      assertEquals("carl", visitor.find("#username").getAttribute("value"));
      visitor.assertAccessible();
      visitor.screenshot("password-reset-form");
      visitor.type("new_password", "carls-new-password").type("confirm_password", "other");
      visitor.follow("main form button[type=submit]");
      assertEquals("true", visitor.find("#confirm_password").getAttribute("aria-invalid"));
      visitor
          .type("new_password", "carls-new-password")
          .type("confirm_password", "carls-new-password");
      visitor.follow("main form button[type=submit]");
      assertEquals("/", visitor.path());
      assertTrue(visitor.text().contains("Your new password is set"), visitor.text());

      WebSite.logIn(visitor, new WebSite.Account("carl", "carls-new-password", null));
      visitor.open(link.group(1));
      assertTrue(visitor.text().contains("unknown, used or expired"), visitor.text());
      String key = link.group(1).substring("/password-reset/".length());
      String logs = site.logs();
      assertTrue(logs.contains("/password-reset/[key]"), "the visits are logged");
      assertFalse(logs.contains(key), "a reset link's key is in no log, nor any Referer logged");
    }
    Thread.sleep(500);
    assertEquals(1, mail.getReceivedMessages().length, "nothing was mailed for nobody@");
  }

  @Test
  @Order(4)
  void aNewTokenIsShownOnceAuthenticatesAndStopsWhenRevoked() throws Exception {
    annBrowser.open("/profile/tokens");
    annBrowser.follow("form[action='/profile/tokens'] button[type=submit]");
    assertEquals("required", annBrowser.find("#label-error").getText().strip());

    annBrowser.type("label", "ci script");
    annBrowser.follow("form[action='/profile/tokens'] button[type=submit]");
    String key = annBrowser.find("#new-token").getAttribute("value");
    assertTrue(key.matches("[0-9a-f]{40}"), key);
    assertTrue(annBrowser.find("button[data-copy='new-token']").isDisplayed(), "copy button");
    annBrowser.assertAccessible();
    annBrowser.screenshot("tokens-new-key");

    HttpResponse<String> authenticated = authTest("Token " + key);
    assertEquals(200, authenticated.statusCode(), authenticated.body());
    assertTrue(authenticated.body().contains("ann"), authenticated.body());

    annBrowser.open("/profile/tokens");
    assertFalse(annBrowser.driver().getPageSource().contains(key), "the key is shown once");
    assertTrue(annBrowser.text().contains("ci script"), annBrowser.text());
    annBrowser.screenshot("tokens");
    annBrowser.follow("form[action$='/revoke'] button");
    assertTrue(annBrowser.text().contains("Revoked the token"), annBrowser.text());
    assertEquals(401, authTest("Token " + key).statusCode());
  }

  @Test
  @Order(5)
  void theCalendarAddressServesTheBookingsAsICalendarUntilItIsRegenerated() throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    site.book(ann, hosts.get(0), start, start.plus(Duration.ofHours(6)), "feed check");

    annBrowser.open("/profile/calendar");
    annBrowser.assertAccessible();
    annBrowser.follow("form[action='/profile/calendar'] button");
    String address = annBrowser.find("#calendar-url").getAttribute("value");
    assertTrue(address.startsWith(site.url() + "/calendar/") && address.endsWith(".ics"), address);
    annBrowser.assertAccessible();
    annBrowser.screenshot("calendar-new-address");

    HttpResponse<String> feed = get(address);
    assertEquals(200, feed.statusCode(), feed.body());
    assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertEquals(1, events.size(), feed.body());
    VEvent booked = events.get(0);
    assertEquals("Booked: ac-01", booked.getProperty(Property.SUMMARY).orElseThrow().getValue());
    assertEquals(
        start,
        Instant.parse(
            booked
                .getProperty(Property.DTSTART)
                .orElseThrow()
                .getValue()
                .replaceAll(
                    "(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z")),
        "DTSTART is the booking's start in UTC");
    assertEquals("feed check", booked.getProperty(Property.DESCRIPTION).orElseThrow().getValue());

    annBrowser.open("/profile/calendar");
    assertFalse(annBrowser.driver().getPageSource().contains(address), "shown once");
    annBrowser.screenshot("calendar");
    annBrowser.follow("form[action='/profile/calendar'] button");
    String renewed = annBrowser.find("#calendar-url").getAttribute("value");
    assertEquals(404, get(address).statusCode(), "regenerating revokes the old address");
    assertEquals(200, get(renewed).statusCode());
    assertTrue(annBrowser.find("button[data-copy='calendar-url']").isDisplayed(), "copy button");

    Browser plain = site.browser(false, 390);
    WebSite.logIn(plain, ann);
    plain.open("/profile/calendar");
    plain.follow("form[action='/profile/calendar'] button");
    assertTrue(plain.find("#calendar-url").getAttribute("value").endsWith(".ics"));
    assertFalse(
        plain.find("button[data-copy='calendar-url']").isDisplayed(),
        "without script the copy button would do nothing");
  }

  @Test
  @Order(6)
  void aUserIsLookedUpAndTheirBookingsShown() throws Exception {
    Browser bobs = site.browser(false, 390);
    WebSite.logIn(bobs, bob);
    bobs.open("/users/lookup");
    bobs.assertAccessible();
    bobs.type("q", "lee");
    bobs.follow("main form button[type=submit]");
    assertEquals("/users/lookup?q=lee", bobs.path());
    bobs.assertAccessible();
    bobs.screenshot("users-lookup-phone");
    bobs.follow("a[href='/users/" + annId + "']");
    String text = bobs.text();
    assertTrue(text.contains("Ann.Lee@example.org") && text.contains("ac-01"), text);
    assertTrue(text.contains("feed check"), text);
    assertTrue(bobs.all("form[action$='/impersonate']").isEmpty(), "only staff impersonate");
    bobs.assertAccessible();
    bobs.screenshot("user-phone");

    HttpResponse<String> notStaff = post(bobs, "/users/" + annId + "/impersonate", true);
    assertEquals(403, notStaff.statusCode());
  }

  @Test
  @Order(7)
  void staffImpersonateAUserAndStopThroughTheBanner() throws Exception {
    site.api()
        .db()
        .execute(
            "INSERT INTO auth_user (username, email, password) VALUES ('dirk', 'dirk@example.org',"
                + " '!from-the-directory')");
    long dirk = site.api().db().number("SELECT id FROM auth_user WHERE username = 'dirk'");
    Browser staff = site.browser(true, 1280);
    WebSite.logIn(staff, site.user("carol", true));

    staff.open("/users/" + annId);
    staff.assertAccessible();
    staff.screenshot("user-staff");
    staff.follow("form[action='/users/" + annId + "/impersonate'] button");
    assertEquals("/", staff.path());
    assertTrue(staff.find(".cores-banner").getText().contains("Impersonating Ann Lee"));
    assertEquals("Ann Lee", staff.find(".cores-account__name").getText());
    staff.assertAccessible();
    staff.screenshot("impersonating");
    // nothing that would outlive the impersonation: a token, a calendar address, a password
    String annsTokens = "SELECT count(*) FROM cores_token WHERE user_id = " + annId;
    long tokensBefore = site.api().db().number(annsTokens);
    HttpResponse<String> token = post(staff, "/profile/tokens", true);
    assertEquals(403, token.statusCode());
    assertTrue(token.body().contains("while impersonating"), token.body());
    assertEquals(tokensBefore, site.api().db().number(annsTokens));
    assertEquals(403, post(staff, "/profile/calendar", true).statusCode());
    assertEquals(403, post(staff, "/profile/password", true).statusCode());
    staff.follow(".cores-banner button[type=submit]");
    assertEquals("/users/" + annId, staff.path());
    assertTrue(staff.all(".cores-banner").isEmpty());
    assertEquals("carol", staff.find(".cores-account__name").getText());

    // a user of a directory has no Cores password: the page says where it lives
    staff.open("/users/" + dirk);
    staff.follow("form[action='/users/" + dirk + "/impersonate'] button");
    staff.open("/profile/password");
    assertTrue(staff.text().contains("no Cores password of its own"), staff.text());
    assertTrue(staff.all("#current_password").isEmpty());
    staff.assertAccessible();
    staff.screenshot("password-directory-user");
    staff.follow(".cores-banner button[type=submit]");
    assertEquals(
        2,
        site.api()
            .db()
            .number("SELECT count(*) FROM auth_impersonation_log WHERE action = 'stop'"));
  }

  @Test
  @Order(8)
  void formsPostedWithoutTheirCsrfTokenAreRefusedAndWriteNothing() throws Exception {
    assertEquals(403, post(annBrowser, "/profile", false).statusCode());
    HttpResponse<String> wrong =
        send(
            annBrowser,
            "/profile",
            "csrfmiddlewaretoken=forged&first_name=Forged&email=forged%40example.org");
    assertEquals(403, wrong.statusCode());
    assertEquals(
        "Ann", site.api().db().text("SELECT first_name FROM auth_user WHERE id = ?", annId));
    assertEquals(403, post(annBrowser, "/profile/tokens", false).statusCode());
    assertEquals(
        0, site.api().db().number("SELECT count(*) FROM cores_token WHERE label = 'forged'"));

    // an anonymous visitor's form is protected too: no reset mail without the visitor's token
    long before = site.api().db().number("SELECT count(*) FROM auth_password_reset");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(site.url() + "/password-reset"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=ann.lee%40example.org"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, anonymous.statusCode());
    assertEquals(before, site.api().db().number("SELECT count(*) FROM auth_password_reset"));

    // so is one that names an Authorization scheme Cores does not provide: it stays anonymous
    for (String path : List.of("/password-reset", "/login")) {
      HttpResponse<String> bearer =
          http.send(
              HttpRequest.newBuilder(URI.create(site.url() + path))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Authorization", "Bearer xyz")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "email=ann.lee%40example.org&username=ann&password="
                              + URLEncoder.encode(ann.password(), StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, bearer.statusCode(), path + ": " + bearer.body());
      assertTrue(
          bearer.headers().allValues("Set-Cookie").stream()
              .noneMatch(c -> c.startsWith("cores_session=")),
          path);
    }
    assertEquals(before, site.api().db().number("SELECT count(*) FROM auth_password_reset"));
  }

  @Test
  @Order(9)
  void storableTextANulInAFieldShowsTheFormAgainAsTypedWithTheErrorAtTheField() throws Exception {
    annBrowser.open("/profile");
    String token =
        "csrfmiddlewaretoken="
            + URLEncoder.encode(
                annBrowser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
                StandardCharsets.UTF_8);
    HttpResponse<String> profile =
        send(
            annBrowser,
            "/profile",
            token + "&first_name=A%00nn&last_name=Typed&email=typed%40example.org");
    assertEquals(400, profile.statusCode(), profile.body());
    assertTrue(
        profile
            .body()
            .matches("(?s).*id=\"first_name-error\">Text must not contain NUL characters.*"),
        profile.body());
    assertTrue(profile.body().contains("value=\"Typed\""), "as typed: " + profile.body());
    assertTrue(profile.body().contains("value=\"typed@example.org\""), profile.body());
    assertEquals(
        "Ann", site.api().db().text("SELECT first_name FROM auth_user WHERE id = ?", annId));
    assertEquals(
        "Lee", site.api().db().text("SELECT last_name FROM auth_user WHERE id = ?", annId));

    // a checkbox's value other than a ticked box's was read as unticked: the choice silently
    // changed
    String reminders =
        site.api().db().text("SELECT receive_reminders::text FROM auth_user WHERE id = ?", annId);
    HttpResponse<String> maybe =
        send(
            annBrowser,
            "/profile",
            token
                + "&first_name=Maybe&last_name=Lee&email=Ann.Lee%40example.org&receive_reminders=maybe");
    assertEquals(400, maybe.statusCode(), maybe.body());
    assertTrue(
        maybe.body().contains("id=\"receive_reminders-error\">must be ticked or left out"),
        maybe.body());
    assertEquals(
        reminders,
        site.api().db().text("SELECT receive_reminders::text FROM auth_user WHERE id = ?", annId));
    assertEquals(
        "Ann", site.api().db().text("SELECT first_name FROM auth_user WHERE id = ?", annId));

    annBrowser.open("/profile/tokens");
    HttpResponse<String> label = send(annBrowser, "/profile/tokens", token + "&label=ci%00bot");
    assertEquals(400, label.statusCode(), label.body());
    assertTrue(label.body().contains("id=\"label-error\">Text must not"), label.body());
    assertEquals(
        0, site.api().db().number("SELECT count(*) FROM cores_token WHERE label LIKE 'ci%'"));
  }

  /** Asks for a reset link and answers the page's message. */
  private static String ask(Browser visitor, String email) {
    visitor.open("/password-reset");
    visitor.type("email", email);
    visitor.follow("main form button[type=submit]");
    assertEquals("/password-reset", visitor.path());
    return visitor.find(".cores-message--info").getText();
  }

  private HttpResponse<String> authTest(String authorization) throws Exception {
    return site.api().send("GET", "/api/auth-test", authorization, null);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form post with the browser's session cookie, with its CSRF token or without. */
  private HttpResponse<String> post(Browser browser, String path, boolean withToken)
      throws Exception {
    String token =
        withToken
            ? "csrfmiddlewaretoken="
                + URLEncoder.encode(
                    browser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
                    StandardCharsets.UTF_8)
                + "&"
            : "";
    return send(browser, path, token + "label=forged&first_name=Forged&email=f%40example.org");
  }

  private HttpResponse<String> send(Browser browser, String path, String body) throws Exception {
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", "cores_session=" + session)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static java.nio.file.Path screenshots() {
    return java.nio.file.Path.of("target", "screenshots", "account-pages").toAbsolutePath();
  }
}
