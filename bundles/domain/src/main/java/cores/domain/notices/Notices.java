package cores.domain.notices;

import cores.domain.inventory.Field;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notices (DOMAIN.md): the model (the original's field names: {@code user} is the author, {@code
 * target} the group, {@code timestamp} the creation time), its author and creation time set by
 * Cores, and the dashboard rule ({@link #current}), which {@code GET /api/notices/notice?current=1}
 * serves to every logged-in user.
 */
public final class Notices implements Rules {
  public static final List<String> STYLES =
      List.of("primary", "secondary", "success", "danger", "warning", "info", "light", "dark");

  /** What a notice's priorities (0 to 4) are called. */
  public static final Map<String, String> PRIORITY_LABELS =
      Map.of(
          "0", "0 (very high)",
          "1", "1 (high)",
          "2", "2 (normal)",
          "3", "3 (low)",
          "4", "4 (very low)");

  /** A notice without a target group is for everyone: how the admin's form and filter say so. */
  public static final Map<String, String> TARGET_LABELS = Map.of("", "Everyone");

  public static final Model MODEL =
      new Model(
              "notices",
              "notice",
              "notices_notice",
              List.of(
                  Field.prose("title", 200, true),
                  Field.lines("message", 500, true),
                  Field.choice("style", STYLES).initially("info"),
                  Field.number("priority", 0, 4).initially("2"),
                  Field.ref("user", "author_id", "accounts_user_v1", false).derived(),
                  Field.ref("target", "group_id", "accounts_group_v1", false),
                  Field.time("expires", "expires"),
                  Field.bool("visible").initially("true"),
                  Field.time("timestamp", "created").derived()),
              List.of(),
              "priority, created DESC")
          .withExample(
              Map.of(
                  "title", "Maintenance",
                  "message", "The lab network is down on Saturday morning.",
                  "style", "warning",
                  "priority", 1,
                  "expires", "2026-12-31T12:00:00Z"));

  /** A notice past its expiry (one bound parameter: now); a null expiry never expires. */
  static final String EXPIRED = "expires IS NOT NULL AND expires <= ?";

  /**
   * Shown on the dashboard: visible, not expired, and untargeted or targeted at one of my groups
   * (parameters: now, user id).
   */
  static final String SHOWN =
      " WHERE visible AND NOT ("
          + EXPIRED
          + ") AND (group_id IS NULL"
          + " OR group_id IN (SELECT g.group_id FROM accounts_membership_v1 g WHERE g.user_id = ?))";

  /** The notices the user sees now: priority first (0 is very high), then newest. */
  public Inventory.Rows current(Sql sql, long userId, Instant now, int limit, int offset) {
    long count =
        (Long)
            sql.row("SELECT count(*) AS n FROM notices_notice" + SHOWN, List.of(now, userId))
                .get("n");
    List<Map<String, Object>> rows =
        sql.rows(
            Inventory.select(MODEL)
                + SHOWN
                + " ORDER BY priority, created DESC, id DESC LIMIT ? OFFSET ?",
            List.of(now, userId, limit, offset));
    return new Inventory.Rows(count, rows);
  }

  /** The author is whoever creates the notice, at the request's "now". */
  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    return inventory.create(
        sql, model, input, Map.of("user", actor.user().id(), "timestamp", actor.now()));
  }

  @Override
  public Set<String> listParameters() {
    return Set.of("current");
  }

  @Override
  public boolean listsItself(Map<String, String> query) {
    String current = query.get("current");
    return "1".equals(current) || "true".equalsIgnoreCase(current);
  }

  @Override
  public Inventory.Rows list(
      Sql sql, Map<String, String> query, Actor actor, int limit, int offset) {
    return current(sql, actor.user().id(), actor.now(), limit, offset);
  }
}
