package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may open the admin's pages, whatever the method: an anonymous visitor is sent to log in with
 * the page's path to come back to; a user who is not staff is refused (403) before any model or
 * object is looked up, so an unknown model is a 404 for staff only; staff are refused the
 * superusers' pages (system, outbox).
 */
class AdminGateIT {
  private static final Pattern VISITOR = Pattern.compile("^cores_visitor=([^;]*)");
  private static final Pattern TOKEN =
      Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");

  /** A page of each of the admin's resources, and an unknown model's. */
  private static final List<String> STAFF_GETS =
      List.of(
          "/admin",
          "/admin/inventory/host",
          "/admin/inventory/host/add",
          "/admin/inventory/host/999999",
          "/admin/inventory/host/999999/delete",
          "/admin/inventory/host/999999/history",
          "/admin/accounts/user/999999/form/password",
          "/admin/changes",
          "/admin/jobs",
          "/admin/nosuch/model");

  private static final List<String> STAFF_POSTS =
      List.of(
          "/admin/inventory/host",
          "/admin/inventory/host/delete",
          "/admin/inventory/host/add",
          "/admin/inventory/host/999999",
          "/admin/inventory/host/999999/delete",
          "/admin/accounts/user/999999/form/password",
          "/admin/jobs/maintenance/run",
          "/admin/nosuch/model");

  private static final List<String> SUPERUSER_GETS = List.of("/admin/system", "/admin/outbox");

  private static final List<String> SUPERUSER_POSTS =
      List.of("/admin/outbox/retry", "/admin/outbox/999999/retry");

  private static ApiClient api;
  private static String plain;
  private static String staff;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("admin-gate", builder -> builder);
    plain = api.user("plain", false);
    staff = api.user("staffer", false);
    api.db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'staffer'");
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void anAnonymousVisitorIsSentToLogInWithThePathToComeBackTo() throws Exception {
    HttpResponse<String> login = api.send("GET", "/login", null, null);
    String visitor =
        login.headers().allValues("Set-Cookie").stream()
            .map(VISITOR::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElseThrow();
    Matcher token = TOKEN.matcher(login.body());
    assertTrue(token.find(), login.body());
    String form =
        "csrfmiddlewaretoken=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    for (String method : List.of("GET", "POST")) {
      for (String path : everyPage(method)) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(api.cores().uri(path + "?q=x"))
                .timeout(Duration.ofSeconds(60))
                .header("Cookie", "cores_visitor=" + visitor);
        if (method.equals("POST")) {
          request
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> r = api.cores().send(request.build());
        assertEquals(303, r.statusCode(), method + " " + path + ": " + r.body());
        assertEquals(
            "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
            r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""),
            method + " " + path);
      }
    }
  }

  @Test
  void aUserWhoIsNotStaffIsRefusedEveryPageBeforeAnyLookup() throws Exception {
    for (String method : List.of("GET", "POST")) {
      for (String path : staffPages(method)) {
        assertRefused(method, path, plain, "The admin is for staff.");
      }
      for (String path : superuserPages(method)) {
        assertRefused(method, path, plain, "This page is for superusers.");
      }
    }
  }

  @Test
  void staffAreRefusedTheSuperusersPagesAndFindNoUnknownModel() throws Exception {
    for (String method : List.of("GET", "POST")) {
      for (String path : superuserPages(method)) {
        assertRefused(method, path, staff, "This page is for superusers.");
      }
      HttpResponse<String> unknown = send(method, "/admin/nosuch/model", staff);
      assertEquals(404, unknown.statusCode(), method + ": " + unknown.body());
      assertTrue(unknown.body().contains("No model nosuch.model here."), unknown.body());
    }
    assertEquals(200, send("GET", "/admin", staff).statusCode());
  }

  private static void assertRefused(String method, String path, String who, String why)
      throws Exception {
    HttpResponse<String> r = send(method, path, who);
    assertEquals(403, r.statusCode(), method + " " + path + ": " + r.body());
    assertTrue(r.body().contains(why), method + " " + path + ": " + r.body());
  }

  /** A page request with Basic authentication (no CSRF token: no cookie is sent). */
  private static HttpResponse<String> send(String method, String path, String who)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.cores().uri(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", who);
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(""));
    }
    return api.cores().send(request.build());
  }

  private static List<String> staffPages(String method) {
    return method.equals("GET") ? STAFF_GETS : STAFF_POSTS;
  }

  private static List<String> superuserPages(String method) {
    return method.equals("GET") ? SUPERUSER_GETS : SUPERUSER_POSTS;
  }

  private static List<String> everyPage(String method) {
    return Stream.concat(staffPages(method).stream(), superuserPages(method).stream()).toList();
  }
}
