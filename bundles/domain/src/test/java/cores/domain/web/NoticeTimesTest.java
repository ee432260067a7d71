package cores.domain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.domain.DomainDatabase;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Schemas;
import cores.domain.notices.Notices;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A notice's expiry sent without an offset is a time of CORES_TIME_ZONE, as the admin's form and
 * the bookings read one, not UTC: the same text typed in either place expires at the same moment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeTimesTest {
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private NoticeResource resource;
  private SecurityContext staff;
  private long author;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    resource = new NoticeResource(tx, DomainDatabase.mail(tx, ZoneId.of("Europe/London")));
    Set<String> permissions = Set.of(Notices.MODEL.permission("change"));
    User user = db.user("notice-times", true, permissions);
    author = user.id();
    staff = BookableBulkTest.security(user, permissions);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private String expires(long notice) throws Exception {
    try (var c = db.connect();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT to_char(expires AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI')"
                    + " FROM notices_notice WHERE id = "
                    + notice)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void anExpiryWithoutAnOffsetIsReadInTheConfiguredZone() throws Exception {
    long notice =
        db.number(
            "INSERT INTO notices_notice (title, message, author_id) VALUES ('t', 'm', "
                + author
                + ") RETURNING id");
    // 09:00 in London in July is 08:00 UTC (summer time)
    resource.patch("notice", notice, Map.of("expires", "2027-07-01T09:00"), staff);
    assertEquals("2027-07-01T08:00", expires(notice));
    resource.patch("notice", notice, Map.of("expires", "2027-07-01T09:00:00+02:00"), staff);
    assertEquals("2027-07-01T07:00", expires(notice));
    resource.patch("notice", notice, Map.of("expires", "2027-01-15T09:00"), staff);
    assertEquals("2027-01-15T09:00", expires(notice));
  }

  /**
   * The rule is the generic check's, for every date-time field on every path that writes models
   * (the admin's, imports), not a step of the API's in front of it: the inventory itself reads an
   * expiry without an offset in its zone, and the published schema says so (it said UTC).
   */
  @Test
  void theGenericCheckReadsADateTimeWithoutAnOffsetInTheConfiguredZone() throws Exception {
    ZoneId london = ZoneId.of("Europe/London");
    Inventory inventory =
        new Inventory(new Bookables(DomainDatabase.mail(tx, london), Clock.systemUTC()), london);
    long notice =
        tx.required(
            em ->
                (Long)
                    inventory
                        .create(
                            Sql.of(em),
                            Notices.MODEL,
                            Map.of("title", "t", "message", "m", "expires", "2027-07-01 09:00"),
                            Map.of("user", author, "timestamp", Instant.now()))
                        .get("id"));
    assertEquals("2027-07-01T08:00", expires(notice));
    Object expires =
        ((Map<?, ?>) Schemas.of(Notices.MODEL).get("notice_input").get("properties"))
            .get("expires");
    assertTrue(String.valueOf(expires).contains("CORES_TIME_ZONE"), String.valueOf(expires));
  }
}
