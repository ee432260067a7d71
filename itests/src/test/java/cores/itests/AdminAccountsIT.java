package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin's accounts models in a real browser through the stack's nginx, the accounts bundle's
 * own desk behind the generic pages: a user added, her password set on its own form (refused at the
 * field when too short) and her login with it; a group given a permission through the picker; a
 * staff user who holds only the user permissions refused, at the field and with nothing written,
 * when he grants superuser or a permission he lacks; an impersonation started from the admin and
 * seen in the read-only impersonation log; an API token created for her, its key shown once and
 * working, then revoked (401). axe-core finds no serious problem on any page; screenshots at a
 * desktop's width and one at a phone's without JavaScript.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAccountsIT {
  private WebSite site;
  private Browser root;

  @BeforeAll
  void start() throws Exception {
    site = WebSite.start("admin-accounts", builder -> builder);
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  private long number(String query, Object... values) throws Exception {
    return site.api().db().number(query, values);
  }

  private String text(String query, Object... values) throws Exception {
    return site.api().db().text(query, values);
  }

  private long hanna() throws Exception {
    return number("SELECT id FROM auth_user WHERE username = 'hanna'");
  }

  @Test
  @Order(1)
  void aUserIsAddedHerPasswordSetAndSheLogsIn() throws Exception {
    root.open("/admin");
    root.follow("a[href='/admin/auth/user']");
    root.assertAccessible();
    root.screenshot("admin-users");
    root.follow("a[href='/admin/auth/user/add']");
    root.type("username", "hanna").type("first_name", "Hanna").type("last_name", "Berg");
    root.type("email", "hanna@lab.example");
    // as in Django, a new user is active unless unticked, and neither staff nor superuser
    assertTrue(root.find("#f-is_active").isSelected(), "active starts ticked");
    assertFalse(root.find("#f-is_staff").isSelected(), "staff starts unticked");
    root.assertAccessible();
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(root.text().contains("The user \"hanna\" was added successfully."), root.text());
    long hanna = hanna();
    // as Django's add-user form, adding leads to the password
    assertEquals("/admin/auth/user/" + hanna + "/form/password?added=1", root.path());
    root.assertAccessible();

    root.open("/admin/auth/user?q=berg&is_active=yes");
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    root.open("/admin/auth/user?q=berg&is_staff=yes");
    assertEquals(0, root.all("#results tbody tr").size(), root.text());

    root.open("/admin/auth/user/" + hanna);
    root.follow("a[href='/admin/auth/user/" + hanna + "/form/password']");
    // a typo in one of the two is refused, not set: it would lock her out
    root.type("password", "hanna-long-password")
        .type("password_confirmation", "hanna-long-pasword");
    root.follow("main form.cores-card button[type=submit]");
    assertEquals(
        "does not match the password: type it again",
        root.find("#f-password_confirmation-error").getText().strip());
    assertEquals(
        1, number("SELECT count(*) FROM auth_user WHERE id = ? AND password LIKE '!%'", hanna));
    root.type("password", "short").type("password_confirmation", "short");
    root.follow("main form.cores-card button[type=submit]");
    assertEquals("true", root.find("#f-password").getAttribute("aria-invalid"), root.text());
    assertFalse(root.find("#f-password-error").getText().isBlank());
    assertEquals("", root.find("#f-password").getAttribute("value"), "never shown back");
    root.assertAccessible();
    root.screenshot("admin-user-password-refused");
    root.type("password", "hanna-long-password")
        .type("password_confirmation", "hanna-long-password");
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The user \"[^\"]+\" was changed successfully\\..*"),
        root.text());
    // recorded as the API's writes are, the hash never
    assertEquals(
        "(changed)",
        text(
            "SELECT after ->> 'password' FROM cores_change WHERE model = 'user' AND object_id = ?"
                + " AND action = 'update' AND username = 'root' ORDER BY id DESC LIMIT 1",
            hanna));

    Browser her = site.browser(true, 1280);
    WebSite.logIn(her, new WebSite.Account("hanna", "hanna-long-password", null));
    assertTrue(her.text().contains("Hanna"), her.text());
  }

  @Test
  @Order(2)
  void aGroupGetsAPermissionThroughThePickerAndHannaJoinsIt() throws Exception {
    root.open("/admin/auth/group/add");
    root.type("name", "token-keepers");
    root.click("#f-permissions-auth-view_token");
    root.click("#f-permissions-auth-view_user");
    // a permission that only bulk actions need (a scan conflict's) is offered too
    root.click("#f-permissions-live-change_scanconflict");
    root.assertAccessible();
    root.screenshot("admin-group-permissions-picker");
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The group \"[^\"]+\" was added successfully\\..*"), root.text());
    long group = number("SELECT id FROM auth_group WHERE name = 'token-keepers'");
    // every ticked box is kept, not only the first
    assertEquals(
        "auth.view_token,auth.view_user,live.change_scanconflict",
        text(
            "SELECT string_agg(permission, ',' ORDER BY permission) FROM auth_group_permissions"
                + " WHERE group_id = ?",
            group));
    // the API gives only the permissions the running bundles' models have, as the picker offers
    HttpResponse<String> unknown =
        site.api()
            .send(
                "PATCH",
                "/api/auth/groups/" + group,
                site.admin(),
                "{\"permissions\":[\"auth.view_user\",\"nosuch.view_thing\"]}");
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("no such permission: nosuch.view_thing"), unknown.body());

    root.open("/admin/auth/user/" + hanna());
    root.click("#f-groups-" + group);
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(
        root.text().matches("(?s).*The user \"[^\"]+\" was changed successfully\\..*"),
        root.text());
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM auth_user_groups WHERE user_id = ? AND group_id = ?",
            hanna(),
            group));
    root.open("/admin/auth/user?groups=" + group);
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
  }

  @Test
  @Order(3)
  void aStaffUserWithChangeUserGrantsNeitherSuperuserNorWhatHeLacks() throws Exception {
    WebSite.Account victor = site.user("victor", false);
    try (Connection c = site.api().db().connect();
        Statement s = c.createStatement()) {
      s.execute("UPDATE auth_user SET is_staff = true WHERE username = 'victor'");
      s.execute(
          "INSERT INTO auth_user_permissions (user_id, permission) SELECT id, p FROM auth_user,"
              + " unnest(ARRAY['auth.view_user', 'auth.change_user']) p"
              + " WHERE username = 'victor'");
    }
    // a user whose rights victor holds (hanna's group gives her one he lacks: he may not change
    // her)
    site.user("ivan", false);
    long ivan = number("SELECT id FROM auth_user WHERE username = 'ivan'");
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, victor);
    long changes = number("SELECT count(*) FROM cores_change");
    browser.open("/admin/auth/user/" + ivan);
    browser.click("#f-is_superuser");
    browser.follow("main form.cores-card button[type=submit]");
    assertEquals("true", browser.find("#f-is_superuser").getAttribute("aria-invalid"));
    assertTrue(
        browser.find("#f-is_superuser-error").getText().contains("Only superusers"),
        browser.text());
    browser.assertAccessible();
    browser.screenshot("admin-user-superuser-refused");

    browser.open("/admin/auth/user/" + ivan);
    browser.click("#f-user_permissions-auth-delete_user");
    browser.follow("main form.cores-card button[type=submit]");
    assertTrue(
        browser.find("#f-user_permissions-error").getText().contains("auth.delete_user"),
        browser.text());
    assertEquals(
        "false|0",
        text(
            "SELECT is_superuser || '|' || (SELECT count(*) FROM auth_user_permissions"
                + " WHERE user_id = u.id) FROM auth_user u WHERE id = ?",
            ivan));
    assertEquals(changes, number("SELECT count(*) FROM cores_change"), "nothing written");

    // a form only for those he may change: ivan's password, not a superuser's
    browser.open("/admin/auth/user/" + ivan);
    assertEquals(1, browser.all("a[href$='/form/password']").size(), browser.text());
    long superuser = number("SELECT id FROM auth_user WHERE username = 'root'");
    browser.open("/admin/auth/user/" + superuser);
    assertTrue(browser.all("a[href$='/form/password']").isEmpty(), browser.text());
    browser.open("/admin/auth/user/" + superuser + "/form/password");
    assertTrue(browser.text().contains("You may not set password here."), browser.text());
  }

  @Test
  @Order(4)
  void anImpersonationStartedFromTheAdminIsLogged() throws Exception {
    root.open("/admin/auth/user/" + hanna());
    root.follow("form[action='/users/" + hanna() + "/impersonate'] button");
    assertTrue(root.text().contains("You are acting as"), root.text());
    root.follow("form[action='/impersonate/stop'] button");
    root.open("/admin/auth/impersonation");
    assertEquals(1, root.all("#results tbody tr").size(), root.text());
    String row = root.find("#results tbody tr").getText();
    assertTrue(row.contains("root") && row.contains("hanna"), row);
    assertTrue(root.all("#action").isEmpty(), "read only: no bulk action");
    assertFalse(root.text().contains("Add impersonation"), root.text());
    root.assertAccessible();
    root.screenshot("admin-impersonation-log");
  }

  @Test
  @Order(5)
  void aTokenIsCreatedForHannaItsKeyShownOnceAndRevoked() throws Exception {
    root.open("/admin/auth/token/add");
    root.type("label", "lab script");
    new Select(root.find("#f-user")).selectByVisibleText("hanna");
    root.follow("main form.cores-card button[type=submit]");
    String key = root.find("#secret").getAttribute("value");
    assertEquals(40, key.length(), root.text());
    assertTrue(root.text().contains("shown this once"), root.text());
    root.assertAccessible();
    root.screenshot("admin-token-key-once");

    HttpResponse<String> used = site.api().send("GET", "/api/auth-test", "Token " + key, null);
    assertEquals(200, used.statusCode(), used.body());
    assertTrue(used.body().contains("hanna"), used.body());

    root.open("/admin/auth/token");
    assertTrue(root.find("#results tbody").getText().contains("lab script"), root.text());
    assertFalse(root.driver().getPageSource().contains(key), "the key is never shown again");
    long token = number("SELECT id FROM cores_token WHERE label = 'lab script'");
    root.open("/admin/auth/token/" + token);
    assertFalse(root.driver().getPageSource().contains(key), "the key is never shown again");
    root.follow("a[href='/admin/auth/token/" + token + "/delete']");
    root.follow("main form.cores-card button[type=submit]");
    assertTrue(
        root.text()
            .matches("(?s).*The API token \"lab script \\(\\w+\\)\" was deleted successfully\\..*"),
        root.text());
    assertEquals(401, site.api().send("GET", "/api/auth-test", "Token " + key, null).statusCode());
  }

  @Test
  @Order(6)
  void withoutJavaScriptAPhoneListsAndEditsUsers() throws Exception {
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("paula", true));
    phone.open("/admin/auth/user/" + hanna());
    phone.type("first_name", "Johanna");
    phone.follow("main form.cores-card button[type=submit]");
    assertTrue(
        phone.text().matches("(?s).*The user \"[^\"]+\" was changed successfully\\..*"),
        phone.text());
    assertEquals("Johanna", text("SELECT first_name FROM auth_user WHERE id = ?", hanna()));
    phone.open("/admin/auth/user");
    phone.assertAccessible();
    phone.screenshot("admin-users-phone-no-javascript");
  }

  /**
   * An object's own form (a user's password) leads, as its change page does, to the list as it was
   * left, saying the object is not there; staff without the form's permission are refused (403)
   * whether the user is there or not.
   */
  @Test
  @Order(7)
  void theFormOfAUserNotThereLeadsToTheListSayingSo() throws Exception {
    root.open("/admin/auth/user/999999/form/password?_changelist_filters=q%3Dberg");
    assertEquals("/admin/auth/user?q=berg&done=gone&id=999999", root.path());
    assertEquals(
        "User with ID \u201c999999\u201d doesn't exist. Perhaps it was deleted?",
        root.find(".cores-message--warning[role=status]").getText().strip());
    root.assertAccessible();

    WebSite.Account clerk = site.user("userclerk", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'userclerk'");
    for (long id : List.of(999999L, hanna())) {
      String path = "/admin/auth/user/" + id + "/form/password";
      assertEquals(403, site.api().send("GET", path, clerk.basic(), null).statusCode(), path);
    }
  }

  /**
   * A user's password form, sent after the user was deleted, leads to the list saying so, as its
   * GET does (it was a bare 404); staff without the form's permission are refused (403) first,
   * whether the user is there or not, and no password is set.
   */
  @Test
  @Order(8)
  void thePasswordFormOfAUserDeletedMeanwhileLeadsToTheListSayingSo() throws Exception {
    site.user("leaving", false);
    long leaving = number("SELECT id FROM auth_user WHERE username = 'leaving'");
    root.open("/admin/auth/user/" + leaving + "/form/password");
    root.type("password", "leaving-long-password")
        .type("password_confirmation", "leaving-long-password");
    site.api().db().execute("DELETE FROM auth_user WHERE id = ?", leaving);
    root.follow("main form.cores-card button[type=submit]");
    assertEquals("/admin/auth/user?done=gone&id=" + leaving, root.path());
    assertEquals(
        "User with ID \u201c" + leaving + "\u201d doesn't exist. Perhaps it was deleted?",
        root.find(".cores-message--warning[role=status]").getText().strip());
    assertEquals(0, number("SELECT count(*) FROM auth_user WHERE id = ?", leaving));

    WebSite.Account clerk = site.user("formclerk", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'formclerk'");
    String password = text("SELECT password FROM auth_user WHERE id = ?", hanna());
    for (long id : List.of(leaving, hanna())) {
      String path = "/admin/auth/user/" + id + "/form/password";
      HttpResponse<String> refused =
          site.postForm(
              clerk,
              path,
              "password=clerk-long-password&password_confirmation=clerk-long-password");
      assertEquals(403, refused.statusCode(), path + " " + refused.body());
    }
    assertEquals(password, text("SELECT password FROM auth_user WHERE id = ?", hanna()));
  }

  /**
   * A user's Set password, opened from a filtered list, leads back to that list once saved, as the
   * change form does (Django's {@code _changelist_filters}); it led to the plain list.
   */
  @Test
  @Order(9)
  void aPasswordSetFromAFilteredListLeadsBackToIt() throws Exception {
    long hanna = hanna();
    root.open("/admin/auth/user?q=berg");
    root.follow("a[href^='/admin/auth/user/" + hanna + "?_changelist_filters=']");
    root.follow(
        "a[href='/admin/auth/user/" + hanna + "/form/password?_changelist_filters=q%3Dberg']");
    root.type("password", "hanna-other-password")
        .type("password_confirmation", "hanna-other-password");
    root.follow("main form.cores-card button[type=submit]");
    assertEquals("/admin/auth/user?q=berg&done=changed&id=" + hanna, root.path());
    assertTrue(
        root.text().matches("(?s).*The user \"[^\"]+\" was changed successfully\\..*"),
        root.text());
  }
}
