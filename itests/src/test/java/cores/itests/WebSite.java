package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the browser tests of the pages share: the built distribution on a fresh database, the
 * stack's nginx in front of it, a little inventory made through the API, and browsers (each its own
 * visitor) that log in through the login page. Screenshots go to {@code
 * target/screenshots/<test>/}.
 */
final class WebSite implements AutoCloseable {
  private final ApiClient api;
  private final NativeStack stack;
  private final Path screenshots;
  private final String admin;
  private final List<Browser> browsers = new ArrayList<>();

  private WebSite(ApiClient api, NativeStack stack, Path screenshots, String admin) {
    this.api = api;
    this.stack = stack;
    this.screenshots = screenshots;
    this.admin = admin;
  }

  /** Boots Cores and nginx; the admin's token makes the inventory. */
  static WebSite start(String name, UnaryOperator<CoresProcess.Builder> configure)
      throws Exception {
    ApiClient api = ApiClient.boot(name, configure);
    try {
      Path work =
          Files.createDirectories(
              Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
                  .toAbsolutePath()
                  .resolve(name + "-" + System.currentTimeMillis()));
      NativeStack stack = NativeStack.start(api.cores().httpPort(), work, null);
      Path screenshots = Path.of("target", "screenshots", name).toAbsolutePath();
      String admin = api.token(api.user("admin", true));
      return new WebSite(api, stack, screenshots, admin);
    } catch (Exception | Error e) {
      api.close();
      throw e;
    }
  }

  ApiClient api() {
    return api;
  }

  /** The admin's {@code Authorization} header (a token). */
  String admin() {
    return admin;
  }

  /** What nginx's access log and Cores' output say so far. */
  String logs() throws IOException {
    return stack.accessLog() + api.cores().output();
  }

  /** nginx's address. */
  String url() {
    return stack.url();
  }

  /** A new browser (its own cookies) through nginx, closed with the site. */
  Browser browser(boolean javascript, int width) throws IOException {
    Browser browser = Browser.start(stack.url(), screenshots, javascript, width);
    browsers.add(browser);
    return browser;
  }

  /** A user and the password to type (the API client makes it with a random one). */
  record Account(String username, String password, String basic) {}

  Account user(String username, boolean superuser) throws Exception {
    String basic = api.user(username, superuser);
    String decoded =
        new String(
            Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8);
    return new Account(username, decoded.substring(decoded.indexOf(':') + 1), basic);
  }

  /** Logs the browser in through the login page. */
  static void logIn(Browser browser, Account account) {
    browser.open("/login");
    browser.type("username", account.username()).type("password", account.password());
    browser.follow("main form[action='/login'] button[type=submit]");
    browser.await(".cores-account__name");
  }

  /** POSTs JSON as the admin and answers the new row's id. */
  long create(String path, String json) throws Exception {
    return ApiClient.id(api.created(path, admin, json));
  }

  /**
   * A booking of the host's bookable for the account, made through the API (start null: now; the
   * comment written into the JSON as it is): its id.
   */
  long book(Account owner, long host, Instant start, Instant end, String comment) throws Exception {
    String bookable =
        get("/api/inventory/hostbyid/" + host + "/")
            .replaceAll("(?s).*\"bookable\":(\\d+).*", "$1");
    return ApiClient.id(
        api.created(
            "/api/booking/booking/",
            owner.basic(),
            "{\"bookable\":"
                + bookable
                + (start == null ? "" : ",\"start\":\"" + start + "\"")
                + ",\"end\":\""
                + end
                + "\""
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
                + "}"));
  }

  /** A GET as the admin, asserted 200. */
  String get(String path) throws Exception {
    HttpResponse<String> r = api.send("GET", path, admin, null);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** A form posted as {@code account} with HTTP Basic credentials (no session, no CSRF token). */
  HttpResponse<String> postForm(Account account, String path, String body) throws Exception {
    return api.cores()
        .send(
            HttpRequest.newBuilder(api.cores().uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", account.basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
  }

  /**
   * Each {@code {from, to}} answers an anonymous GET with 301 to {@code to} (the site's address
   * left out): the addresses of the original's pages, which bookmarks still hold.
   */
  void assertMoved(List<String[]> moves) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String[] moved : moves) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + moved[0])).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(301, answer.statusCode(), moved[0]);
      assertEquals(
          moved[1],
          answer.headers().firstValue("Location").orElse("").replace(url(), ""),
          moved[0]);
    }
  }

  /**
   * A small lab: one building with two labs (a rack each), two host types with their hardware, and
   * {@code count} active hosts named {@code prefix-01}… with a primary NIC each, every other one
   * with a card. Answers the hosts' ids.
   */
  List<Long> inventory(String prefix, int count) throws Exception {
    long building = create("/api/inventory/building/", "{\"code\":\"B1\"}");
    long lab1 =
        create(
            "/api/inventory/lab/",
            "{\"name\":\"Lab One\",\"building\":" + building + ",\"network\":\"10.81.0.0/16\"}");
    long lab2 =
        create(
            "/api/inventory/lab/",
            "{\"name\":\"Lab Two\",\"building\":" + building + ",\"network\":\"10.82.0.0/16\"}");
    long rack1 = create("/api/inventory/rack/", "{\"number\":1,\"lab\":" + lab1 + "}");
    long rack2 = create("/api/inventory/rack/", "{\"number\":2,\"lab\":" + lab2 + "}");
    long servers = create("/api/inventory/hosttype/", "{\"name\":\"server\"}");
    long replay = create("/api/inventory/hosttype/", "{\"name\":\"tcpreplay\"}");
    long r640 =
        create("/api/inventory/hosthardware/", "{\"name\":\"R640\",\"host_type\":" + servers + "}");
    long nuc =
        create("/api/inventory/hosthardware/", "{\"name\":\"NUC\",\"host_type\":" + replay + "}");
    long cardType = create("/api/inventory/cardtype/", "{\"name\":\"CX-5\"}");
    List<Long> hosts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      boolean first = i % 2 != 0;
      long host =
          create(
              "/api/inventory/host/",
              String.format(
                  "{\"hostname\":\"%s-%02d\",\"hardware\":%d,\"rack\":%d,\"status\":\"active\","
                      + "\"serial_no\":\"SN%d\"}",
                  prefix, i, first ? r640 : nuc, first ? rack1 : rack2, i));
      create(
          "/api/inventory/nic/",
          String.format(
              "{\"mac\":\"02:00:00:00:%02x:%02x\",\"host\":%d,\"primary\":true,"
                  + "\"ip\":\"10.%d.0.%d\"}",
              prefix.length(), i, host, first ? 81 : 82, i));
      if (first) {
        create(
            "/api/inventory/card/",
            "{\"cardtype\":" + cardType + ",\"host\":" + host + ",\"details\":\"2x100G\"}");
      }
      hosts.add(host);
    }
    HttpResponse<String> bulk =
        api.send(
            "POST",
            "/api/booking/bookable/bulk",
            admin,
            "{\"hosts\":" + hosts + ",\"status\":\"active\"}");
    assertTrue(bulk.statusCode() == 200, bulk.body());
    return hosts;
  }

  @Override
  public void close() throws Exception {
    try {
      for (Browser browser : browsers) {
        browser.close();
      }
    } finally {
      try {
        stack.close();
      } finally {
        api.close();
      }
    }
  }
}
