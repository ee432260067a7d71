package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.BookingService.BookingRequest;
import cores.domain.booking.BookingService.ReservationRequest;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the tests of booking and reserving share: a database with a lab, the booking service, users
 * (two plain, a staff member, one who may reserve), and booking and reserving now for a later hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BookingServiceFixture {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant HOUR = NOW.plus(Duration.ofHours(1));

  BookingService service;
  DomainDatabase db;
  TestDatabase.Tx tx;
  Fixture fixture;
  User alice;
  User bob;
  User staff;
  User reserver;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    service = new BookingService(DomainDatabase.mail(tx, ZoneOffset.UTC));
    fixture = new Fixture(db);
    alice = db.user("alice", false, Set.of());
    bob = db.user("bob", false, Set.of());
    staff = db.user("staff", true, Set.of());
    reserver = db.user("reserver", false, Set.of(Permissions.ADD_RESERVATION));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  Map<String, Object> book(User who, long bookable, Instant start, Instant end) {
    return tx.required(
        em ->
            service.book(
                Sql.of(em), who, new BookingRequest(bookable, start, end, null, null, null), NOW));
  }

  Map<String, Object> reserve(User who, long bookable, Instant start, Instant end) {
    return tx.required(
        em ->
            service.reserve(
                Sql.of(em), who, new ReservationRequest(bookable, start, end, null, null), NOW));
  }

  static int status(Runnable call) {
    return assertThrows(ProblemException.class, call::run).status();
  }
}
