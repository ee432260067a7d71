package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
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
 * from the start page answers, on Cores run on its own as the README's quick start runs it (no
 * nginx, no documentation service). Every page is fetched with GET, the actions (forms that POST)
 * are not followed: links only read, so following all of them changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinksIT {
  private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"#]*)[\"#]");
  private static final Pattern CSRF =
      Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  /** A bound on the pages one crawl fetches, so that a page linking to ever new URLs fails. */
  private static final int MAX_PAGES = 2_000;

  private ApiClient api;
  private String admin;
  private String password;

  @BeforeAll
  void start() throws Exception {
    api = ApiClient.boot("links", builder -> builder);
    String basic = api.user("root", true);
    String decoded =
        new String(
            Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8);
    password = decoded.substring(decoded.indexOf(':') + 1);
    admin = api.token(basic);
    long building = create("/api/inventory/building/", "{\"code\":\"B1\"}");
    long lab =
        create(
            "/api/inventory/lab/",
            "{\"name\":\"Lab One\",\"building\":" + building + ",\"network\":\"10.91.0.0/16\"}");
    long rack = create("/api/inventory/rack/", "{\"number\":1,\"lab\":" + lab + "}");
    long type = create("/api/inventory/hosttype/", "{\"name\":\"server\"}");
    long hardware =
        create("/api/inventory/hosthardware/", "{\"name\":\"R640\",\"host_type\":" + type + "}");
    List<Long> hosts = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      long host =
          create(
              "/api/inventory/host/",
              "{\"hostname\":\"link-0"
                  + i
                  + "\",\"hardware\":"
                  + hardware
                  + ",\"rack\":"
                  + rack
                  + ",\"status\":\"active\"}");
      create(
          "/api/inventory/nic/",
          "{\"mac\":\"02:00:00:00:91:0"
              + i
              + "\",\"host\":"
              + host
              + ",\"primary\":true,\"ip\":\"10.91.0."
              + i
              + "\"}");
      hosts.add(host);
    }
    HttpResponse<String> bulk =
        api.send(
            "POST",
            "/api/booking/bookable/bulk",
            admin,
            "{\"hosts\":" + hosts + ",\"status\":\"active\"}");
    assertEquals(200, bulk.statusCode(), bulk.body());
    Matcher bookable =
        ID.matcher(api.send("GET", "/api/booking/bookable/?limit=1", admin, null).body());
    assertTrue(bookable.find());
    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    create(
        "/api/booking/booking/",
        "{\"bookable\":"
            + bookable.group(1)
            + ",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(Duration.ofHours(2))
            + "\"}");
    create("/api/notices/notice/", "{\"title\":\"Welcome\",\"message\":\"hello\"}");
    HttpResponse<String> scan =
        api.send(
            "POST",
            "/api/live/ingest",
            admin,
            "{\"agentident\":\"links\",\"results\":["
                + "{\"mac\":\"02:00:00:00:91:01\",\"ip\":\"10.91.0.50\"},"
                + "{\"mac\":\"00:1b:21:aa:bb:91\",\"ip\":\"10.91.0.77\"}]}");
    assertEquals(200, scan.statusCode(), scan.body());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private long create(String path, String json) throws Exception {
    return ApiClient.id(api.created(path, admin, json));
  }

  @Test
  void everyLinkAnAnonymousVisitorMeetsAnswers() throws Exception {
    HttpClient visitor = client();
    assertEquals(Map.of(), broken(visitor, 1));
  }

  @Test
  void everyLinkASuperuserMeetsAnswers() throws Exception {
    HttpClient superuser = client();
    HttpResponse<String> form = get(superuser, "/login");
    Matcher token = CSRF.matcher(form.body());
    assertTrue(token.find(), form.body());
    HttpResponse<String> login =
        superuser.send(
            HttpRequest.newBuilder(api.cores().uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrfmiddlewaretoken="
                            + token.group(1)
                            + "&next=%2F&username=root&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(login.body().contains("cores-account__name"), "logged in: " + login.body());
    // the admin's pages are many: beyond a number the list is as broken as a dead link
    assertEquals(Map.of(), broken(superuser, 100));
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(api.cores().uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
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
