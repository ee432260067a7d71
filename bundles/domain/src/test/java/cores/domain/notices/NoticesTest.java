package cores.domain.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private Inventory inventory;
  private final Notices notices = new Notices();
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private User author;
  private User member;
  private User outsider;
  private long group;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    inventory =
        new Inventory(
            new Bookables(DomainDatabase.mail(tx, ZoneOffset.UTC), Clock.systemUTC()),
            ZoneOffset.UTC);
    author = db.user("author", true, Set.of());
    member = db.user("member", false, Set.of());
    outsider = db.user("outsider", false, Set.of());
    group = db.number("INSERT INTO auth_group (name) VALUES ('lab-a') RETURNING id");
    db.execute(
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES ("
            + member.id()
            + ", "
            + group
            + ")");
  }

  @BeforeEach
  void noNotices() throws SQLException {
    db.execute("DELETE FROM notices_notice");
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  /** A notice created through the rules at the given time. */
  private long notice(String title, Map<String, Object> more, Instant at) {
    Map<String, Object> input = new HashMap<>(more);
    input.put("title", title);
    input.putIfAbsent("message", "text of " + title);
    return (Long)
        tx.required(
                em ->
                    notices.create(
                        inventory, Sql.of(em), Notices.MODEL, input, new Rules.Actor(author, at)))
            .get("id");
  }

  private List<String> dashboard(User user, Instant now) {
    return tx.readOnly(em -> notices.current(Sql.of(em), user.id(), now, 50, 0)).results().stream()
        .map(row -> (String) row.get("title"))
        .toList();
  }

  @Test
  void dashboardShowsVisibleNoticesAndHidesInvisibleOnes() {
    notice("shown", Map.of(), NOW);
    notice("hidden", Map.of("visible", false), NOW);
    assertEquals(List.of("shown"), dashboard(outsider, NOW));
  }

  @Test
  void dashboardHidesNoticesOnceTheyExpire() {
    notice("no expiry", Map.of(), NOW);
    notice("expires later", Map.of("expires", "2026-11-25T12:00:01Z"), NOW);
    notice("expires now", Map.of("expires", "2026-11-25T12:00:00Z"), NOW);
    notice("expired", Map.of("expires", "2026-11-24T00:00:00+01:00"), NOW);
    assertEquals(List.of("expires later", "no expiry"), dashboard(outsider, NOW));
    assertEquals(List.of("no expiry"), dashboard(outsider, NOW.plusSeconds(1)));
  }

  @Test
  void targetedNoticesAreShownOnlyToMembersOfTheGroup() {
    notice("everyone", Map.of(), NOW);
    notice("lab-a only", Map.of("target", group), NOW.plusSeconds(1));
    assertEquals(List.of("lab-a only", "everyone"), dashboard(member, NOW));
    assertEquals(List.of("everyone"), dashboard(outsider, NOW));
  }

  @Test
  void dashboardOrdersByPriorityThenNewest() {
    notice("low, old", Map.of("priority", 4), NOW.minus(Duration.ofDays(2)));
    notice("normal, old", Map.of(), NOW.minus(Duration.ofDays(2)));
    notice("normal, new", Map.of(), NOW.minus(Duration.ofDays(1)));
    notice("very high, oldest", Map.of("priority", 0), NOW.minus(Duration.ofDays(3)));
    assertEquals(
        List.of("very high, oldest", "normal, new", "normal, old", "low, old"),
        dashboard(outsider, NOW));
  }

  @Test
  void authorAndCreationTimeAreSetByCoresNotByTheInput() {
    long id = notice("mine", Map.of(), NOW);
    Map<String, Object> row = tx.readOnly(em -> inventory.get(Sql.of(em), Notices.MODEL, id));
    // the original's names: user (the author), timestamp (the creation time)
    assertEquals(author.id(), row.get("user"));
    assertEquals(NOW, row.get("timestamp"));
    assertEquals("info", row.get("style"));
    assertEquals(2L, row.get("priority"));
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> notice("forged", Map.of("user", outsider.id(), "timestamp", "2020-01-01"), NOW));
    assertEquals(Set.of("user", "timestamp"), e.errors().keySet());
  }

  @Test
  void styleAndPriorityAndMessageLengthAreCheckedAndNothingIsWritten() throws SQLException {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                notice(
                    "bad",
                    Map.of(
                        "style",
                        "purple",
                        "priority",
                        5,
                        "message",
                        "x".repeat(501),
                        "expires",
                        "tomorrow",
                        "target",
                        987654),
                    NOW));
    assertEquals(Set.of("style", "priority", "message", "expires", "target"), e.errors().keySet());
    notice("longest message", Map.of("message", "x".repeat(500), "priority", 0), NOW);
    assertEquals(1, db.number("SELECT count(*) FROM notices_notice"));
  }

  @Test
  void theDatabaseRefusesStylesPrioritiesAndMessagesOutOfRange() {
    for (String values :
        List.of(
            "'purple', 2, 'm'",
            "'info', 5, 'm'",
            "'info', -1, 'm'",
            "'info', 2, repeat('x', 501)")) {
      assertThrows(
          SQLException.class,
          () ->
              db.execute(
                  "INSERT INTO notices_notice (title, style, priority, message, author_id)"
                      + " VALUES ('t', "
                      + values
                      + ", "
                      + author.id()
                      + ")"),
          values);
    }
  }

  @Test
  void maintenanceDeletesExpiredNoticesOnly() throws SQLException {
    notice("no expiry", Map.of(), NOW);
    notice("expires later", Map.of("expires", "2026-11-26T00:00:00Z"), NOW);
    notice("expired", Map.of("expires", "2026-11-25T11:59:59Z"), NOW);
    notice("expired, hidden", Map.of("expires", "2026-11-01T00:00:00Z", "visible", false), NOW);
    Map<String, Long> counts = tx.required(em -> new NoticeMaintenance().run(Sql.of(em), NOW));
    assertEquals(Map.of("expired_notices_deleted", 2L), counts);
    assertEquals(List.of("expires later", "no expiry"), dashboard(outsider, NOW));
    assertEquals(2, db.number("SELECT count(*) FROM notices_notice"));
  }

  @Test
  void aTimeWithoutAnOffsetIsUtc() {
    long id = notice("local", Map.of("expires", "2026-12-01T08:00:00"), NOW);
    assertEquals(
        Instant.parse("2026-12-01T08:00:00Z"),
        tx.readOnly(em -> inventory.get(Sql.of(em), Notices.MODEL, id)).get("expires"));
  }
}
