package cores.accounts.admin;

import cores.accounts.rest.GroupsResource;
import cores.accounts.rest.UsersResource;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.admin.AdminModel.AdminForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accounts' models as the admin shows them, and how each is listed: its rows' SQL, the columns
 * that list shows, what its search looks in and how its filters read. Only the names here reach a
 * query's text; values are parameters.
 */
final class AccountModels {
  private AccountModels() {}

  static final String APP = "auth";

  /**
   * How a model is listed.
   *
   * @param from the rows ({@code FROM ... [WHERE ...]}, aliased {@code r})
   * @param columns each column's SQL, by field name
   * @param search the SQL text the search looks in
   * @param refs the reference filters: field to its condition on an id ({@code ?}) and its
   *     condition for none
   * @param order the default order
   */
  record Listing(
      String from,
      Map<String, String> columns,
      List<String> search,
      Map<String, List<String>> refs,
      String order) {}

  private static AdminField text(String name, boolean required) {
    return new AdminField(name, "text", required, true, List.of(), null);
  }

  /**
   * A yes/no field; {@code initially} whether a new object's box starts ticked (the column's
   * default).
   */
  private static AdminField bool(String name, boolean initially) {
    return new AdminField(name, "bool", false, true, List.of(), null, String.valueOf(initially));
  }

  private static AdminField derived(String name, String kind) {
    return new AdminField(name, kind, false, false, List.of(), null);
  }

  static final AdminModel USER =
      new AdminModel(
          APP,
          "user",
          "Users",
          List.of(
              text("username", true),
              text("first_name", false),
              text("last_name", false),
              new AdminField("email", "email", false, true, List.of(), null),
              // Django's names and help texts for the user's rights
              bool("is_active", true)
                  .described(
                      "Active",
                      "Untick this instead of deleting the account: an inactive user cannot log"
                          + " in, and what they did stays theirs."),
              bool("is_staff", false)
                  .described("Staff status", "Whether the user may log in to the admin."),
              bool("is_superuser", false)
                  .described(
                      "Superuser status",
                      "Whether the user has every permission without being given each."),
              new AdminField("groups", "multi", false, true, List.of(), "group")
                  .described(null, "The user has every permission of each group they belong to."),
              new AdminField("user_permissions", "permissions", false, true, List.of(), null)
                  .described(null, "Permissions of the user's own, besides their groups'."),
              derived("last_login", "time"),
              derived("date_joined", "time")),
          List.of("username", "email", "first_name", "last_name", "is_staff", "is_active"),
          List.of("is_staff", "is_superuser", "is_active", "groups"),
          "username, names, email",
          Map.of(),
          List.of(),
          AdminModel.ALL_WRITES,
          List.of(
              new AdminForm(
                  "password",
                  "Set password",
                  "change",
                  List.of(
                      new AdminField("password", "password", true, true, List.of(), null),
                      new AdminField(
                              AccountsDesk.CONFIRMATION, "password", true, true, List.of(), null)
                          .described(
                              null, "Enter the same password as before, for verification.")))),
          Map.of("Impersonate", "/users/{id}/impersonate"),
          UsersResource.ADMINISTER);

  static final AdminModel GROUP =
      new AdminModel(
          APP,
          "group",
          "Groups",
          List.of(
              text("name", true),
              new AdminField("permissions", "permissions", false, true, List.of(), null)),
          List.of("name"),
          List.of(),
          "name",
          Map.of(),
          List.of(),
          AdminModel.ALL_WRITES,
          List.of(),
          Map.of(),
          GroupsResource.ADMINISTER);

  /** Added (its key shown once) and revoked, never changed. */
  static final AdminModel TOKEN =
      new AdminModel(
          APP,
          "token",
          "API tokens",
          List.of(
              text("label", true),
              new AdminField("user", "ref", true, true, List.of(), "user"),
              derived("created", "time"),
              derived("last_used", "time")),
          List.of("label", "user", "created", "last_used"),
          List.of("user"),
          "label, username",
          Map.of(),
          List.of(),
          Set.of("add", "delete"),
          List.of(),
          Map.of(),
          // a token would outlive the impersonation, as the API says
          "create API tokens");

  /** Each impersonation: its start, and the stop that ended it (none while it lasts). */
  static final AdminModel IMPERSONATION =
      new AdminModel(
          APP,
          "impersonation",
          "Impersonation log",
          List.of(
              derived("who", "text"),
              derived("as_whom", "text"),
              derived("start", "time"),
              derived("end", "time")),
          List.of("who", "as_whom", "start", "end"),
          List.of(),
          "who, as whom",
          Map.of(),
          List.of(),
          Set.of(),
          List.of(),
          Map.of(),
          null);

  static final List<AdminModel> ALL = List.of(USER, GROUP, TOKEN, IMPERSONATION);

  /** The stop that ended a start: the real user's next stop before any later start of theirs. */
  private static final String END =
      "(SELECT min(s.at) FROM auth_impersonation_log s WHERE s.action = 'stop'"
          + " AND s.real_username = r.real_username AND s.at >= r.at AND NOT EXISTS ("
          + "SELECT 1 FROM auth_impersonation_log n WHERE n.action = 'start'"
          + " AND n.real_username = r.real_username AND n.at > r.at AND n.at < s.at))";

  static final Map<AdminModel, Listing> LISTINGS =
      Map.of(
          USER,
          new Listing(
              "FROM auth_user r",
              columns(
                  "username", "r.username",
                  "email", "r.email",
                  "first_name", "r.first_name",
                  "last_name", "r.last_name",
                  "is_staff", "r.is_staff",
                  "is_active", "r.is_active",
                  "is_superuser", "r.is_superuser"),
              List.of("r.username", "r.first_name || ' ' || r.last_name", "r.email"),
              Map.of(
                  "groups",
                  List.of(
                      "EXISTS (SELECT 1 FROM auth_user_groups g WHERE g.user_id = r.id"
                          + " AND g.group_id = ?)",
                      "NOT EXISTS (SELECT 1 FROM auth_user_groups g WHERE g.user_id = r.id)")),
              "lower(r.username)"),
          GROUP,
          new Listing(
              "FROM auth_group r",
              columns("name", "r.name"),
              List.of("r.name"),
              Map.of(),
              "lower(r.name)"),
          TOKEN,
          new Listing(
              "FROM cores_token r JOIN auth_user u ON u.id = r.user_id",
              columns(
                  "label", "r.label",
                  "user", "u.username",
                  "created", "r.created",
                  "last_used", "r.last_used"),
              List.of("r.label", "u.username"),
              Map.of("user", List.of("r.user_id = ?", "FALSE")),
              "r.created DESC"),
          IMPERSONATION,
          new Listing(
              "FROM auth_impersonation_log r WHERE r.action = 'start'",
              columns(
                  "who", "r.real_username",
                  "as_whom", "r.target_username",
                  "start", "r.at",
                  "end", END),
              List.of("r.real_username", "r.target_username"),
              Map.of(),
              "r.at DESC"));

  private static Map<String, String> columns(String... pairs) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      columns.put(pairs[i], pairs[i + 1]);
    }
    return columns;
  }
}
