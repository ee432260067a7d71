package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A new user's first clicks: every link of every page a superuser and an anonymous visitor reach
 * from the start page answers, followed on Cores itself as the README's quick start runs it (not
 * through the stack's nginx and documentation service). Every page is fetched with GET, the actions
 * (forms that POST) are not followed: links only read, so following all of them changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinksIT {
  private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"#]*)[\"#]");
  private static final Pattern CSRF =
      Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  /** A bound on the pages one crawl fetches, so that a page linking to ever new URLs fails. */
  private static final int MAX_PAGES = 2_000;

  private WebSite site;
  private WebSite.Account root;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("links", builder -> builder);
    hosts = site.inventory("link", 2);
    Matcher bookable = ID.matcher(site.get("/api/booking/bookable/?limit=1"));
    assertTrue(bookable.find());
    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    site.create(
        "/api/booking/booking/",
        "{\"bookable\":"
            + bookable.group(1)
            + ",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(Duration.ofHours(2))
            + "\"}");
    site.create("/api/notices/notice/", "{\"title\":\"Welcome\",\"message\":\"hello\"}");
    // a NIC seen at another address and a device the inventory lacks: the live pages have rows
    HttpResponse<String> scan =
        site.api()
            .send(
                "POST",
                "/api/live/ingest",
                site.admin(),
                "{\"agentident\":\"links\",\"results\":["
                    + "{\"mac\":\"02:00:00:00:04:01\",\"ip\":\"10.81.0.50\"},"
                    + "{\"mac\":\"00:1b:21:aa:bb:91\",\"ip\":\"10.81.0.77\"}]}");
    assertEquals(200, scan.statusCode(), scan.body());
    root = site.user("root", true);
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  @Test
  void everyLinkAnAnonymousVisitorMeetsAnswers() throws Exception {
    HttpClient visitor = client();
    assertEquals(Map.of(), broken(visitor, 1));
  }

  @Test
  void everyLinkASuperuserMeetsAnswers() throws Exception {
    HttpClient superuser = loggedIn();
    // the admin's pages are many: beyond a number the list is as broken as a dead link
    assertEquals(Map.of(), broken(superuser, 100));
  }

  /** A HEAD answers the status and headers of its GET without the body, small or large. */
  @Test
  void aHeadAnswersAsItsGetWithoutTheBody() throws Exception {
    HttpClient superuser = loggedIn();
    int past = 0;
    for (String path :
        List.of(
            "/",
            "/bookables",
            "/hosts/" + hosts.get(0) + "/",
            "/profile",
            "/admin/",
            "/api/booking/bookable/",
            "/api/docs",
            "/no/such/page")) {
      HttpResponse<String> get = get(superuser, path);
      HttpResponse<String> head =
          superuser.send(
              HttpRequest.newBuilder(site.api().cores().uri(path))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String at = path + ": GET " + get.headers().map() + "\nHEAD " + head.headers().map();
      assertEquals(get.statusCode(), head.statusCode(), at);
      assertEquals(
          get.headers().firstValue("Content-Length"),
          head.headers().firstValue("Content-Length"),
          at);
      assertEquals(
          get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), at);
      assertEquals("", head.body(), at);
      past += get.body().getBytes(StandardCharsets.UTF_8).length > 8192 ? 1 : 0;
    }
    assertTrue(past > 0, "an answer past 8 KB among them");
  }

  /**
   * The page a Cores run without the stack answers at /docs/ (nginx serves the guides there in the
   * stack): in Chromium on a phone without JavaScript and on a desktop with it, axe-core clean.
   */
  @Test
  void theDocumentationPageOfACoresWithoutTheStackIsAccessible() throws Exception {
    String cores = "http://127.0.0.1:" + site.api().cores().httpPort();
    Path screenshots = Path.of("target", "screenshots", "links").toAbsolutePath();
    for (boolean javascript : new boolean[] {false, true}) {
      try (Browser browser =
          Browser.start(cores, screenshots, javascript, javascript ? 1280 : 390)) {
        browser.open("/docs/");
        assertTrue(browser.text().contains("the API documentation"), browser.text());
        browser.screenshot(javascript ? "docs-desktop" : "docs-phone-no-javascript");
        browser.assertAccessible();
        browser.follow("main a[href='/api/docs']");
        assertEquals("/api/docs", browser.path());
      }
    }
  }

  /**
   * The login page's "Forgot your password?" on a Cores that sends no mail (the quick start's): the
   * page says whom to ask instead of promising a link that would never come, and a posted request
   * makes no key and queues no mail.
   */
  @Test
  void withoutMailTheForgottenPasswordPageSaysWhomToAskAndMakesNoLink() throws Exception {
    HttpClient visitor = client();
    HttpResponse<String> login = get(visitor, "/login");
    assertTrue(login.body().contains("href=\"/password-reset\""), login.body());
    String notMailed = "This Cores sends no email, so it cannot mail you a link.";
    HttpResponse<String> page = get(visitor, "/password-reset");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains(notMailed), page.body());
    assertFalse(page.body().contains("name=\"email\""), "no form that cannot work");
    long keys = site.api().db().number("SELECT count(*) FROM auth_password_reset");
    long mails = site.api().db().number("SELECT count(*) FROM notify_outbox");
    HttpResponse<String> asked =
        post(visitor, "/password-reset", login, "email=root%40example.org");
    assertEquals(503, asked.statusCode(), asked.body());
    assertTrue(asked.body().contains(notMailed), asked.body());
    assertFalse(asked.body().contains("on its way"), asked.body());
    assertEquals(keys, site.api().db().number("SELECT count(*) FROM auth_password_reset"));
    assertEquals(mails, site.api().db().number("SELECT count(*) FROM notify_outbox"));
  }

  /**
   * The pages of a Cores that sends no mail (the quick start's), in Chromium on a phone without
   * JavaScript and on a desktop with it, axe-core clean: the forgotten password page that says whom
   * to ask, and the profile, which offers no reminder emails but says this Cores sends none, a save
   * keeping the stored choice for when it does.
   */
  @Test
  void withoutMailTheResetAndProfilePagesSaySoAndAreAccessible() throws Exception {
    String cores = "http://127.0.0.1:" + site.api().cores().httpPort();
    Path screenshots = Path.of("target", "screenshots", "links").toAbsolutePath();
    WebSite.Account nomail = site.user("nomail", false);
    String reminders = "SELECT receive_reminders::text FROM auth_user WHERE username = 'nomail'";
    for (boolean javascript : new boolean[] {false, true}) {
      int width = javascript ? 1280 : 390;
      try (Browser browser = Browser.start(cores, screenshots, javascript, width)) {
        browser.open("/password-reset");
        assertTrue(
            browser.text().contains("This Cores sends no email, so it cannot mail you a link."),
            browser.text());
        browser.screenshot("password-reset-no-mail-" + width);
        browser.assertAccessible();

        WebSite.logIn(browser, nomail);
        // the stored choice, either way, stays as it is
        String stored = javascript ? "false" : "true";
        site.api()
            .db()
            .execute(
                "UPDATE auth_user SET receive_reminders = "
                    + stored
                    + " WHERE username = 'nomail'");
        browser.open("/profile");
        assertTrue(browser.all("[name=receive_reminders]").isEmpty(), "no box that cannot work");
        String said = browser.find("#reminders-help").getText();
        assertTrue(
            said.startsWith("This Cores sends no email, so it sends you no reminders."), said);
        assertTrue(said.endsWith(javascript ? "no reminder emails." : "reminder emails on."), said);
        browser.screenshot("profile-no-mail-" + width);
        browser.assertAccessible();
        browser.type("first_name", "Nomail" + width);
        browser.follow("main form button[type=submit]");
        assertTrue(browser.text().contains("Your profile is saved."), browser.text());
        assertEquals(stored, site.api().db().text(reminders), "the stored choice kept");
        assertEquals(
            "Nomail" + width,
            site.api().db().text("SELECT first_name FROM auth_user WHERE username = 'nomail'"));
      }
    }
  }

  /** A client with the superuser's session, logged in through the login page. */
  private HttpClient loggedIn() throws Exception {
    HttpClient superuser = client();
    HttpResponse<String> login =
        post(
            superuser,
            "/login",
            get(superuser, "/login"),
            "next=%2F&username="
                + root.username()
                + "&password="
                + URLEncoder.encode(root.password(), StandardCharsets.UTF_8));
    assertTrue(login.body().contains("cores-account__name"), "logged in: " + login.body());
    return superuser;
  }

  /** Posts a form's fields with the CSRF token of the page that carries it. */
  private HttpResponse<String> post(
      HttpClient client, String path, HttpResponse<String> page, String fields) throws Exception {
    Matcher token = CSRF.matcher(page.body());
    assertTrue(token.find(), page.body());
    return client.send(
        HttpRequest.newBuilder(site.api().cores().uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "csrfmiddlewaretoken=" + token.group(1) + "&" + fields))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(site.api().cores().uri(path))
            .timeout(Duration.ofSeconds(30))
            .build();
    return client.send(request, ShortBodies.ofString(request));
  }

  /**
   * Follows every same-site link from the start page, breadth first: each link that does not answer
   * 200, with the page it was found on.
   *
   * @param leastPages the fewest pages the crawl must reach (it would pass on a site it cannot see)
   */
  private Map<String, String> broken(HttpClient client, int leastPages) throws Exception {
    Map<String, String> foundOn = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of("/"));
    foundOn.put("/", "(start)");
    Map<String, String> broken = new LinkedHashMap<>();
    int fetched = 0;
    while (!queue.isEmpty()) {
      String path = queue.removeFirst();
      assertTrue(++fetched <= MAX_PAGES, "more than " + MAX_PAGES + " pages, at " + path);
      HttpResponse<String> answer = get(client, path);
      if (answer.statusCode() != 200) {
        broken.put(path, answer.statusCode() + " (linked from " + foundOn.get(path) + ")");
        continue;
      }
      if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        continue;
      }
      Matcher link = HREF.matcher(answer.body());
      while (link.find()) {
        String target = resolve(path, link.group(1).replace("&amp;", "&"));
        if (target != null && !foundOn.containsKey(target)) {
          foundOn.put(target, path);
          queue.addLast(target);
        }
      }
    }
    assertTrue(fetched >= leastPages, "only " + fetched + " pages reached");
    return broken;
  }

  /** The link as a path on this site, or null for another site's. */
  private static String resolve(String page, String href) {
    if (href.isEmpty()) {
      return null;
    }
    URI target = URI.create("http://cores" + page).resolve(href);
    if (!"cores".equals(target.getHost())) {
      return null;
    }
    return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
  }
}
