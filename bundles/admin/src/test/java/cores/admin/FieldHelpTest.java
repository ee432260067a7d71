package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.ProblemException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * As Django's admin: a field may have a name of its own ("Staff status" for {@code is_staff}) and a
 * help text under it, which its control is described by; permissions are offered by model, named
 * "auth | user | Can add user".
 */
class FieldHelpTest {
  private static final AdminModel USER =
      TestModels.of(
          "auth",
          "user",
          "Users",
          List.of(
              new AdminField("username", "text", true, true, List.of(), null)
                  .described(null, "Letters, digits and @.+-_ only."),
              new AdminField("is_staff", "bool", false, true, List.of(), null)
                  .described("Staff status", "Whether the user may log in to the admin."),
              new AdminField("user_permissions", "permissions", false, true, List.of(), null)
                  .described(null, "Permissions of the user's own.")));

  private static final AdminModel GROUP =
      TestModels.of(
          "auth",
          "group",
          "Groups",
          List.of(new AdminField("name", "text", true, true, List.of(), null)));

  private static String page(Form form) {
    return new Templates()
        .render(
            "form.jte",
            new Views.FormPage(
                new Views.Allowed(USER, true, true, true, true, Set.of()),
                "csrf",
                7,
                "Change user ann",
                form,
                Map.of(),
                AdminPages.permissionLabels(List.of(USER, GROUP)),
                List.of(),
                List.of(),
                Map.of(),
                SiteZone.of(ZoneId.of("UTC")),
                null,
                "",
                "ann"));
  }

  @Test
  void aFieldIsNamedAndHelpedAsItsModelSays() {
    String html = page(new Form(Map.of("username", "ann", "user_permissions", "")));
    assertTrue(html.contains("<label for=\"f-is_staff\">Staff status</label>"), html);
    assertTrue(
        html.contains(
            "<span class=\"cores-help\" id=\"f-is_staff-help\">Whether the user may log in to the"
                + " admin.</span>"),
        html);
    assertTrue(html.contains("aria-describedby=\"f-is_staff-help\""), html);
    assertTrue(html.contains("aria-describedby=\"f-username-help\""), html);
    assertTrue(
        html.contains("id=\"f-username-help\">Letters, digits and @.+-_ only.</span>"), html);
    assertTrue(
        html.contains("id=\"f-user_permissions-help\">Permissions of the user's own."), html);
  }

  @Test
  void aFieldsProblemAndHelpBothDescribeIt() {
    Form refused =
        new Form(Map.of("username", ""))
            .refused(
                ProblemException.invalid(Map.of("username", List.of("required"))),
                List.of("username"));
    assertTrue(
        page(refused).contains("aria-describedby=\"f-username-error f-username-help\""),
        page(refused));
  }

  @Test
  void permissionsAreOfferedByModelInDjangosWords() {
    Map<String, String> labels = AdminPages.permissionLabels(List.of(USER, GROUP));
    assertEquals(
        List.of(
            "auth.add_group",
            "auth.change_group",
            "auth.delete_group",
            "auth.view_group",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "auth.view_user"),
        List.copyOf(labels.keySet()));
    assertEquals("auth | user | Can change user", labels.get("auth.change_user"));
    String html = page(new Form(Map.of("username", "ann", "user_permissions", "other.view_x")));
    assertTrue(
        html.contains(
            "<label for=\"f-user_permissions-auth-add_group\">auth | group | Can add group</label>"),
        html);
    // one the user holds that no model offers is kept, by its name
    assertTrue(html.contains(">other.view_x</label>"), html);
  }
}
