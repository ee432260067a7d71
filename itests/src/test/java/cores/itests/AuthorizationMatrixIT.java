package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, generated from the API's own declarations: every operation of {@code
 * /api/docs} must say who may call it ({@code x-permission}, from {@code @ApiDoc} or the security
 * annotations), and each is called by anonymous, a plain user, a user holding exactly the declared
 * permissions, a user holding every other permission, a staff member, a superuser and a superuser
 * impersonating the plain user (a browser session). The expected answer follows from the
 * declaration alone: 401 for anonymous and 403 for a logged-in user the declaration leaves out,
 * anything but 401, 403 or 5xx for one it lets in. A new endpoint without a declaration, or one
 * whose code checks something other than it declares, fails here.
 *
 * <p>Ids in paths name no object (the check must come before the lookup, or a 404 would tell an
 * outsider what exists) and bodies are {@code {}}: the point is the access decision, not the write.
 */
class AuthorizationMatrixIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_SUCH_ID = "999999";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern COOKIE = Pattern.compile("^(cores_session|csrftoken)=([^;]*)");

  /** Who calls: how they authenticate and what the declarations' terms say of them. */
  private record Caller(
      String name,
      Map<String, String> headers,
      boolean loggedIn,
      boolean staff,
      boolean superuser,
      Set<String> permissions,
      boolean impersonating) {

    boolean holds(String term) {
      return switch (term) {
        case "anonymous" -> true;
        case "authenticated" -> loggedIn;
        case "staff" -> staff || superuser;
        case "superuser" -> superuser;
        case "impersonating" -> impersonating;
        default -> superuser || permissions.contains(term);
      };
    }
  }

  /** One operation of the description and what its declaration lets in. */
  private record Operation(String method, String path, boolean hasBody, String declared) {
    /**
     * The declaration's rule: the text before the first {@code ;} or {@code :} (what follows
     * explains finer, per-object rules), alternatives joined by {@code " or "}, each a list of
     * terms joined by {@code ", "} that must all hold.
     */
    List<List<String>> alternatives() {
      String rule = declared.split("[;:]", 2)[0].trim();
      List<List<String>> alternatives = new ArrayList<>();
      for (String alternative : rule.split(" or ")) {
        alternatives.add(List.of(alternative.trim().split("\\s*,\\s*")));
      }
      return alternatives;
    }

    boolean refusedWhileImpersonating() {
      return declared.contains("not while impersonating");
    }

    /**
     * Whether the declaration says all who may call (no per-object words after {@code :} or {@code
     * ;}): then a body is read only for them, and who may not is refused whatever it is.
     */
    boolean refusesBeforeTheBody() {
      return hasBody && refusesFirst();
    }

    /**
     * Whether who may not is refused before a query the API refuses (an unknown parameter) is
     * answered: where the declaration says all who may call, with a body or without.
     */
    boolean refusesFirst() {
      return !declared.replace("; not while impersonating", "").matches(".*[;:].*");
    }

    /** The permission names of the first alternative: what a minimal holder needs. */
    Set<String> permissions() {
      Set<String> names = new TreeSet<>();
      for (String term : alternatives().get(0)) {
        if (term.contains(".")) {
          names.add(term);
        }
      }
      return names;
    }

    boolean admits(Caller caller) {
      if (caller.impersonating() && refusedWhileImpersonating()) {
        return false;
      }
      return alternatives().stream().anyMatch(terms -> terms.stream().allMatch(caller::holds));
    }

    /** Calls that end the caller's own session or impersonation go last. */
    boolean endsTheSession() {
      return path.equals("/api/auth/logout")
          || (path.equals("/api/auth/impersonate") && method.equals("DELETE"));
    }

    String name() {
      return method + " " + path;
    }
  }

  private static ApiClient api;
  private static List<Operation> operations;
  private static Set<String> allPermissions;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("authorization-matrix", builder -> builder);
    HttpResponse<String> docs = api.send("GET", "/api/docs?format=json", null, null);
    assertEquals(200, docs.statusCode(), docs.body());
    operations = operations(JSON.readTree(docs.body()));
    allPermissions = new TreeSet<>();
    for (Operation o : operations) {
      for (List<String> terms : o.alternatives()) {
        terms.stream().filter(t -> t.contains(".")).forEach(allPermissions::add);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  private static List<Operation> operations(JsonNode doc) {
    List<Operation> found = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> method = methods.next();
        JsonNode declared = method.getValue().path("x-permission");
        found.add(
            new Operation(
                method.getKey().toUpperCase(),
                path.getKey(),
                method.getValue().has("requestBody"),
                declared.isTextual() ? declared.asText() : ""));
      }
    }
    return found;
  }

  @Test
  void everyOperationDeclaresWhoMayCallIt() {
    List<String> undeclared =
        operations.stream().filter(o -> o.declared().isBlank()).map(Operation::name).toList();
    assertTrue(undeclared.isEmpty(), "operations without x-permission: " + undeclared);
    List<String> unknown = new ArrayList<>();
    for (Operation o : operations) {
      for (List<String> terms : o.alternatives()) {
        for (String term : terms) {
          if (!term.matches(
              "anonymous|authenticated|staff|superuser|impersonating|[a-z]+\\.[a-z]+_[a-z]+")) {
            unknown.add(o.name() + ": '" + term + "'");
          }
        }
      }
    }
    assertTrue(unknown.isEmpty(), "declarations the matrix cannot read: " + unknown);
  }

  @Test
  void everyCallerGetsWhatTheDeclarationsSay() throws Exception {
    long plainId = userId(api.user("matrix-plain", false));
    String plainToken = token(plainId);
    String staffBasic = api.user("matrix-staff", false);
    long staffId = userId(staffBasic);
    try (Connection c = api.db().connect();
        PreparedStatement staff =
            c.prepareStatement("UPDATE auth_user SET is_staff = true WHERE id = ?")) {
      staff.setLong(1, staffId);
      staff.executeUpdate();
    }
    String superBasic = api.user("matrix-super", true);
    List<Caller> callers = new ArrayList<>();
    callers.add(new Caller("anonymous", Map.of(), false, false, false, Set.of(), false));
    callers.add(new Caller("plain user", auth(plainToken), true, false, false, Set.of(), false));
    callers.add(new Caller("staff", auth(token(staffId)), true, true, false, Set.of(), false));
    callers.add(
        new Caller(
            "superuser", auth(token(userId(superBasic))), true, true, true, Set.of(), false));

    List<String> wrong = new ArrayList<>();
    for (Caller caller : callers) {
      for (Operation o : operations) {
        check(o, caller, wrong);
      }
    }
    // per permission set: a user holding exactly it, and one holding every other permission
    Map<Set<String>, Caller[]> byPermissions = new LinkedHashMap<>();
    int n = 0;
    for (Operation o : operations) {
      Set<String> needed = o.permissions();
      if (needed.isEmpty()) {
        continue;
      }
      if (!byPermissions.containsKey(needed)) {
        Set<String> others = new TreeSet<>(allPermissions);
        others.removeAll(needed);
        byPermissions.put(
            needed,
            new Caller[] {
              permissionHolder("matrix-holder-" + n, needed),
              permissionHolder("matrix-others-" + n, others)
            });
        n++;
      }
      for (Caller caller : byPermissions.get(needed)) {
        check(o, caller, wrong);
      }
    }
    Caller impersonating = impersonating(superBasic, plainId);
    for (Operation o : operations.stream().filter(o -> !o.endsTheSession()).toList()) {
      check(o, impersonating, wrong);
    }
    for (Operation o : operations.stream().filter(Operation::endsTheSession).toList()) {
      check(o, impersonating, wrong);
    }
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " answers differ from the declarations:\n" + String.join("\n", wrong));
  }

  private static void check(Operation o, Caller caller, List<String> wrong) throws Exception {
    boolean admitted = o.admits(caller);
    // an anonymous caller left out is refused before the request is read: a broken body and an
    // unknown parameter must not be answered first; a user left out by a declaration that says
    // all who may call is refused before the body is read and before the query is checked
    boolean hostile = !admitted && !caller.loggedIn();
    boolean brokenBody = hostile || (!admitted && o.refusesBeforeTheBody());
    boolean bogusQuery = hostile || (!admitted && o.refusesFirst());
    String path =
        o.path().replaceAll("\\{[^}]+}", NO_SUCH_ID) + (bogusQuery ? "?matrix-bogus=1" : "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.cores().uri(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                o.method(),
                o.hasBody()
                    ? HttpRequest.BodyPublishers.ofString(brokenBody ? "{\"broken\": " : "{}")
                    : HttpRequest.BodyPublishers.noBody());
    if (o.hasBody()) {
      request.header("Content-Type", "application/json");
    }
    caller.headers().forEach(request::header);
    HttpResponse<String> answer = api.cores().send(request.build());
    int status = answer.statusCode();
    int refusal = caller.loggedIn() ? 403 : 401;
    boolean right = admitted ? status != 401 && status != 403 && status < 500 : status == refusal;
    if (!right) {
      wrong.add(
          String.format(
              "%-45s %-28s declared '%s': expected %s, got %d %s",
              o.name(),
              caller.name(),
              o.declared(),
              admitted ? "to be let in" : String.valueOf(refusal),
              status,
              abbreviate(answer.body())));
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }

  private static Map<String, String> auth(String header) {
    return Map.of("Authorization", header);
  }

  /** A non-staff user holding the permissions (granted directly), with a token. */
  private static Caller permissionHolder(String username, Set<String> permissions)
      throws Exception {
    long id = userId(api.user(username, false));
    try (Connection c = api.db().connect();
        PreparedStatement grant =
            c.prepareStatement(
                "INSERT INTO auth_user_permissions (user_id, permission) VALUES (?, ?)")) {
      for (String permission : permissions) {
        grant.setLong(1, id);
        grant.setString(2, permission);
        grant.addBatch();
      }
      grant.executeBatch();
    }
    String label =
        permissions.size() > 3
            ? "all "
                + (allPermissions.size() - permissions.size())
                + " but "
                + excluded(permissions)
            : "holding " + permissions;
    return new Caller(label, auth(token(id)), true, false, false, Set.copyOf(permissions), false);
  }

  private static String excluded(Set<String> permissions) {
    Set<String> missing = new TreeSet<>(allPermissions);
    missing.removeAll(permissions);
    return missing.toString();
  }

  /**
   * A superuser's browser session impersonating the user: the session cookie, the CSRF token every
   * unsafe request of a session must carry, and the impersonated user's (lack of) rights.
   */
  private static Caller impersonating(String superBasic, long userId) throws Exception {
    HttpResponse<String> login = api.login(superBasic);
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : login.headers().allValues("Set-Cookie")) {
      Matcher m = COOKIE.matcher(header);
      if (m.find()) {
        cookies.put(m.group(1), m.group(2));
      }
    }
    assertEquals(2, cookies.size(), login.headers().allValues("Set-Cookie").toString());
    Map<String, String> headers =
        Map.of(
            "Cookie",
            "cores_session="
                + cookies.get("cores_session")
                + "; csrftoken="
                + cookies.get("csrftoken"),
            "X-CSRFToken",
            cookies.get("csrftoken"));
    HttpRequest.Builder start =
        HttpRequest.newBuilder(api.cores().uri("/api/auth/impersonate"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":" + userId + "}"));
    headers.forEach(start::header);
    HttpResponse<String> started = api.cores().send(start.build());
    assertEquals(200, started.statusCode(), started.body());
    return new Caller("superuser impersonating plain", headers, true, false, false, Set.of(), true);
  }

  private static long userId(String basic) throws Exception {
    String username =
        new String(
                Base64.getDecoder().decode(basic.substring("Basic ".length())),
                StandardCharsets.UTF_8)
            .split(":", 2)[0];
    try (Connection c = api.db().connect();
        PreparedStatement select =
            c.prepareStatement("SELECT id FROM auth_user WHERE username = ?")) {
      select.setString(1, username);
      try (ResultSet rs = select.executeQuery()) {
        assertTrue(rs.next(), username);
        return rs.getLong(1);
      }
    }
  }

  /**
   * An API token stored straight in the database as the accounts bundle stores one (the SHA-256 of
   * a 40-hex-digit key): a token through the API would cost each of the many users a login, and a
   * login rehashes the test's cheap password hash at full strength.
   */
  private static String token(long userId) throws Exception {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes);
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    try (Connection c = api.db().connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO cores_token (user_id, label, key_hash) VALUES (?, 'matrix', ?)")) {
      insert.setLong(1, userId);
      insert.setString(2, hash);
      insert.executeUpdate();
    }
    return "Token " + key;
  }
}
