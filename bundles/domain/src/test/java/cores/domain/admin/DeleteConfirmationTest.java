package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Models;
import cores.domain.loans.Loans;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A delete's confirmation: what goes with the objects, followed through every cascade and named
 * (each booking by its owner and dates), and what stops the deletion, the database's refusals and
 * the rules' own, told before anything is tried.
 */
class DeleteConfirmationTest extends AdminDeskTest {
  private static final Instant DEC_24 = Instant.parse("2099-12-24T10:00:00Z");

  @Override
  String staffName() {
    return "deleter";
  }

  @Override
  Set<String> permissions() {
    return Set.of(
        Models.LAB.permission("delete"),
        Models.HOST.permission("delete"),
        Bookables.MODEL.permission("delete"),
        Loans.LOAN.permission("delete"),
        Catalog.BOOKING.permission("delete"));
  }

  @Test
  void whatStopsADeletionIsToldApartFromWhatGoesWithIt() throws Exception {
    // the fixture's lab has a rack: the rack stops the deletion
    List<String> stops = admin.obstacles(staff, model("lab"), List.of(fixture.lab));
    assertEquals(1, stops.size(), stops.toString());
    assertTrue(stops.get(0).startsWith("1 rack refers to it by lab: "), stops.toString());
    assertTrue(
        admin.consequences(staff, model("lab"), List.of(fixture.lab)).isEmpty(),
        "nothing goes with it");
    long host = fixture.host("obstacle-host", "active");
    db.execute(
        "INSERT INTO inventory_nic (mac, host_id) VALUES ('00:0a:00:00:00:01', " + host + ")");
    assertEquals(List.of(), admin.obstacles(staff, model("host"), List.of(host)));
    assertEquals(
        List.of("1 NIC will lose its host: 00:0a:00:00:00:01"),
        admin.consequences(staff, model("host"), List.of(host)));
  }

  /** As Django's nested list: a host's bookable goes with it, and the bookable's bookings too. */
  @Test
  void deletingAHostNamesTheBookingsThatGoWithItsBookable() throws Exception {
    long bookable = fixture.bookable("cascade-host", Bookables.ACTIVE);
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    User plain = db.user("cascadeplain", false, Set.of());
    long booking = fixture.booking(bookable, plain.id(), DEC_24, DEC_24.plus(Duration.ofDays(1)));
    List<String> lines = admin.consequences(staff, model("host"), List.of(host));
    // the booking's label, as its page's title and the change log name it
    assertEquals(
        admin.label(model("booking"), booking), "cascade-host from 2099-12-24 10:00:00 UTC");
    assertEquals(
        List.of(
            "1 bookable (by host) will be deleted too: cascade-host",
            "1 booking (by bookable) will be deleted too: cascade-host from 2099-12-24 10:00:00"
                + " UTC (owner cascadeplain)"),
        lines);
    assertEquals(List.of(), admin.obstacles(staff, model("host"), List.of(host)));
  }

  @Test
  void aLongListNamesTenAndCountsTheRest() throws Exception {
    long bookable = fixture.bookable("many-bookings", Bookables.ACTIVE);
    User plain = db.user("manyplain", false, Set.of());
    for (int i = 0; i < 12; i++) {
      Instant start = DEC_24.plus(Duration.ofDays(i));
      fixture.booking(bookable, plain.id(), start, start.plus(Duration.ofHours(1)));
    }
    List<String> lines = admin.consequences(staff, model("bookable"), List.of(bookable));
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "12 bookings (by bookable) will be deleted too: many-bookings from 2099-12-24"),
        lines.get(0));
    assertTrue(lines.get(0).endsWith(" and 2 more"), lines.get(0));
  }

  /** The domain refuses to delete an open loan and a booking that has started: said up front. */
  @Test
  void theRulesRefusalsAreObstaclesInPeoplesWords() throws Exception {
    long host = fixture.host("loaned-host", "on_loan");
    long customer = db.number("INSERT INTO loans_customer (name) VALUES ('acme') RETURNING id");
    long loan =
        db.number(
            "INSERT INTO loans_loan (host_id, customer_id, start_date, previous_status) VALUES ("
                + host
                + ", "
                + customer
                + ", '2026-12-01', 'active') RETURNING id");
    assertEquals(
        List.of("the loan of loaned-host to acme from 2026-12-01 is still open: return it first"),
        admin.obstacles(staff, model("loan"), List.of(loan)));
    // the loan refers to its host: the host cannot go either
    List<String> hostStops = admin.obstacles(staff, model("host"), List.of(host));
    assertEquals(
        List.of("1 loan refers to it by host: loaned-host to acme from 2026-12-01"), hostStops);

    long bookable = fixture.bookable("started-host", Bookables.ACTIVE);
    User plain = db.user("startedplain", false, Set.of());
    Instant now = Instant.now();
    long started =
        fixture.booking(
            bookable, plain.id(), now.minus(Duration.ofHours(1)), now.plusSeconds(3600));
    // named as the confirmation lists it, not by its id
    List<String> startedStops = admin.obstacles(staff, model("booking"), List.of(started));
    assertEquals(1, startedStops.size(), startedStops.toString());
    assertTrue(
        startedStops.get(0).startsWith("the booking started-host from "), startedStops.get(0));
    assertTrue(
        startedStops.get(0).endsWith(" UTC has already started and can no longer be cancelled"),
        startedStops.get(0));
  }
}
