package cores.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every reference from the domain's and the outbox's tables to a user or group is a foreign key
 * with a chosen ON DELETE (README, "References to users and groups"), and migration 012 repairs the
 * orphans left from before.
 */
class UserReferencesTest {
  private static final Instant START = Instant.parse("2026-12-02T09:00:00Z");

  private DomainDatabase db;
  private Fixture fixture;
  private long ann;
  private long group;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    fixture = new Fixture(db);
    ann = db.user("ann", false, Set.of()).id();
    group = db.number("INSERT INTO auth_group (name) VALUES ('lab-a') RETURNING id");
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  private void refused(String delete, String referrer) {
    SQLException e = assertThrows(SQLException.class, () -> db.execute(delete));
    assertEquals("23503", e.getSQLState());
    assertTrue(e.getMessage().contains("\"" + referrer + "\""), e.getMessage());
  }

  private long count(String query) throws SQLException {
    return db.number("SELECT count(*) FROM " + query);
  }

  @Test
  void aUserWhoHoldsABookingCannotBeDeleted() throws Exception {
    fixture.booking(fixture.bookable("host-a", "active"), ann, START, START.plusSeconds(3600));
    refused("DELETE FROM auth_user WHERE id = " + ann, "booking_booking");
    assertEquals(1, count("auth_user WHERE id = " + ann));
    assertEquals(1, count("booking_booking"));
  }

  @Test
  void aUserWhoHoldsAReservationCannotBeDeleted() throws Exception {
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
            + fixture.bookable("host-a", "active")
            + ", "
            + ann
            + ", '"
            + START
            + "')");
    refused("DELETE FROM auth_user WHERE id = " + ann, "booking_reservation");
  }

  @Test
  void aHostsOwnerAndGroupCannotBeDeleted() throws Exception {
    long host = fixture.host("host-a", "active");
    db.execute("UPDATE inventory_host SET owner_id = " + ann + " WHERE id = " + host);
    refused("DELETE FROM auth_user WHERE id = " + ann, "inventory_host");
    db.execute(
        "UPDATE inventory_host SET owner_id = NULL, group_id = " + group + " WHERE id = " + host);
    refused("DELETE FROM auth_group WHERE id = " + group, "inventory_host");
  }

  @Test
  void aNoticeOutlivesItsAuthorAndGoesWithItsGroup() throws Exception {
    long kept =
        db.number(
            "INSERT INTO notices_notice (title, message, author_id) VALUES ('t', 'm', "
                + ann
                + ") RETURNING id");
    db.execute(
        "INSERT INTO notices_notice (title, message, author_id, group_id) VALUES ('t', 'm', "
            + ann
            + ", "
            + group
            + ")");
    db.execute("DELETE FROM auth_group WHERE id = " + group);
    assertEquals(List.of(String.valueOf(kept)), db.texts("SELECT id FROM notices_notice"));
    db.execute("DELETE FROM auth_user WHERE id = " + ann);
    assertEquals(1, count("notices_notice WHERE author_id IS NULL"));
  }

  @Test
  void loanContactsAndOutboxRowsLoseTheDeletedUserButStay() throws Exception {
    long customer =
        db.number(
            "INSERT INTO loans_customer (name, internal_contact_id) VALUES ('c', "
                + ann
                + ") RETURNING id");
    db.execute(
        "INSERT INTO loans_loan (host_id, customer_id, responsible_id, start_date,"
            + " previous_status) VALUES ("
            + fixture.host("host-a", "on_loan")
            + ", "
            + customer
            + ", "
            + ann
            + ", '2026-12-01', 'active')",
        "INSERT INTO notify_outbox (type, user_id, recipient) VALUES ('booking_confirmed', "
            + ann
            + ", 'ann@example.org')");
    db.execute("DELETE FROM auth_user WHERE id = " + ann);
    assertEquals(1, count("loans_customer WHERE internal_contact_id IS NULL"));
    assertEquals(1, count("loans_loan WHERE responsible_id IS NULL"));
    assertEquals(1, count("notify_outbox WHERE user_id IS NULL AND recipient = 'ann@example.org'"));
  }

  @Test
  void orphansFromBeforeTheForeignKeysAreRepairedAndReported() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    long host = fixture.host("host-b", "active");
    // what deleting users and groups left before 012: references to ids that do not exist
    db.execute(
        "ALTER TABLE booking_booking DROP CONSTRAINT booking_booking_owner_id_fkey",
        "ALTER TABLE inventory_host DROP CONSTRAINT inventory_host_group_id_fkey",
        "ALTER TABLE notices_notice DROP CONSTRAINT notices_notice_author_id_fkey");
    long kept = fixture.booking(bookable, ann, START, START.plusSeconds(3600));
    long orphan =
        fixture.booking(bookable, 999_999, START.plusSeconds(7200), START.plusSeconds(9000));
    db.execute(
        "UPDATE inventory_host SET group_id = 888888 WHERE id = " + host,
        "INSERT INTO notices_notice (title, message, author_id) VALUES ('t', 'm', 777777)");
    db.execute(changeset("012-orphans"));
    assertEquals(List.of(String.valueOf(kept)), db.texts("SELECT id FROM booking_booking"));
    assertEquals(1, count("inventory_host WHERE id = " + host + " AND group_id IS NULL"));
    assertEquals(1, count("notices_notice WHERE author_id IS NULL"));
    assertEquals(
        List.of(
            "booking_booking " + orphan + " owner_id 999999 deleted",
            "inventory_host " + host + " group_id 888888 null",
            "notices_notice author_id 777777 null"),
        db.texts(
            "SELECT concat_ws(' ', table_name, CASE WHEN table_name <> 'notices_notice' THEN"
                + " row_id::text END, column_name, missing_id, action) FROM integrity_orphan"
                + " ORDER BY id"));
    assertEquals(
        List.of(orphan + " 999999"),
        db.texts(
            "SELECT concat_ws(' ', row_data->>'id', row_data->>'owner_id') FROM integrity_orphan"
                + " ORDER BY id LIMIT 1"));
    // the keys can now be added again: nothing refers to a missing row any more
    db.execute(
        "ALTER TABLE booking_booking ADD CONSTRAINT booking_booking_owner_id_fkey"
            + " FOREIGN KEY (owner_id) REFERENCES auth_user (id)",
        "ALTER TABLE inventory_host ADD CONSTRAINT inventory_host_group_id_fkey"
            + " FOREIGN KEY (group_id) REFERENCES auth_group (id)",
        "ALTER TABLE notices_notice ADD CONSTRAINT notices_notice_author_id_fkey"
            + " FOREIGN KEY (author_id) REFERENCES auth_user (id)");
  }

  /** The SQL of one changeset of migration 012, as Liquibase runs it. */
  private static String changeset(String id) throws IOException {
    try (InputStream in =
        UserReferencesTest.class
            .getClassLoader()
            .getResourceAsStream("cores/domain/db/012-user-references.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int start = text.indexOf('\n', text.indexOf("--changeset cores.domain:" + id)) + 1;
      int end = text.indexOf("--changeset", start);
      return end < 0 ? text.substring(start) : text.substring(start, end);
    }
  }
}
