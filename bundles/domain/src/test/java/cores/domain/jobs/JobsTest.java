package cores.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.MorningMail;
import cores.persistence.ChangeLogService;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs claimed in jobs_run, on a real database shared by two instances. */
class JobsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
  private static final Schedule SCHEDULE =
      new Schedule(LocalTime.of(6, 0), LocalTime.of(3, 0), ZoneOffset.UTC);

  private DomainDatabase db;
  private final List<TestDatabase.Tx> units = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
  }

  @AfterEach
  void tearDown() throws Exception {
    units.forEach(TestDatabase.Tx::close);
    db.close();
  }

  /** An instance of Cores: its own persistence unit (own cache, own connections). */
  private Jobs instance(List<MaintenanceStep> steps, Clock clock) {
    TestDatabase.Tx tx = db.transactions("cores.domain");
    units.add(tx);
    return new Jobs(
        tx, new MorningMail(DomainDatabase.mail(tx, ZoneOffset.UTC)), steps, SCHEDULE, clock);
  }

  private Jobs instance() {
    return instance(Jobs.STEPS, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void theMaintenanceJobDeletesTheChangesOlderThanTheConfiguredDays() throws Exception {
    db.execute(
        "INSERT INTO inventory_building (code) VALUES ('OLD')",
        "UPDATE cores_change SET at = '2025-11-30T06:00:00Z'",
        "INSERT INTO inventory_building (code) VALUES ('KEPT')",
        "UPDATE cores_change SET at = '2025-12-02T06:00:00Z' WHERE after ->> 'code' = 'KEPT'");
    ChangeLogService changes = ChangeLogService.of(db.dataSource());
    Jobs jobs = instance(all(changes), Clock.fixed(NOW, ZoneOffset.UTC));
    Jobs.Run run = jobs.runNow(Job.MAINTENANCE).orElseThrow();
    assertEquals(1L, run.summary().get("changes_deleted"), run.summary().toString());
    assertEquals(
        List.of("KEPT"),
        db.texts("SELECT after ->> 'code' FROM cores_change WHERE model = 'building'"));
  }

  /** The maintenance steps as the component has them, on a site in UTC. */
  private List<MaintenanceStep> all(ChangeLogService changes) {
    TestDatabase.Tx site = db.transactions("cores.domain");
    units.add(site);
    return Jobs.all(DomainDatabase.mail(site, ZoneOffset.UTC), changes, 365);
  }

  @Test
  void theMaintenanceJobPutsTheHostsOfTheLoansStartingTodayOnLoan() throws Exception {
    long host = new Fixture(db).host("lent-today", "active");
    db.execute(
        "INSERT INTO loans_customer (name) VALUES ('ACME')",
        "INSERT INTO loans_loan (host_id, customer_id, start_date) SELECT "
            + host
            + ", id, '2026-12-01' FROM loans_customer");
    Jobs jobs =
        instance(all(ChangeLogService.of(db.dataSource())), Clock.fixed(NOW, ZoneOffset.UTC));
    Jobs.Run run = jobs.runScheduled(Job.MAINTENANCE, NOW).orElseThrow();
    assertEquals(1L, run.summary().get("loans_started"), run.summary().toString());
    assertEquals(
        List.of("on_loan"), db.texts("SELECT status FROM inventory_host WHERE id = " + host));
    assertEquals(List.of("active"), db.texts("SELECT previous_status FROM loans_loan"));
  }

  @Test
  void withTwoInstancesOnOneDatabaseASlotRunsOnce() throws Exception {
    long bookable = new Fixture(db).bookable("host-a", "active");
    long ann = db.user("ann", false, Set.of()).id();
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + ann
            + ", '2026-12-02T09:00Z', '2026-12-02T10:00Z')");
    Jobs one = instance();
    Jobs two = instance();
    Instant slot = SCHEDULE.next(Job.MORNING, NOW.minusSeconds(1));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Optional<Jobs.Run>>> runs = new ArrayList<>();
      for (Jobs jobs : List.of(one, two)) {
        Callable<Optional<Jobs.Run>> run =
            () -> {
              start.await();
              return jobs.runScheduled(Job.MORNING, slot);
            };
        runs.add(pool.submit(run));
      }
      start.countDown();
      int ran = 0;
      for (Future<Optional<Jobs.Run>> run : runs) {
        ran += run.get().isPresent() ? 1 : 0;
      }
      assertEquals(1, ran);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, db.number("SELECT count(*) FROM jobs_run"));
    assertEquals(List.of("booking_reminder", "booking_ending"), db.mailsTo(ann));
    // the next day's slot is a new claim
    assertTrue(two.runScheduled(Job.MORNING, slot.plusSeconds(86_400)).isPresent());
  }

  @Test
  void aRunRecordsItsStartEndOutcomeAndSummary() throws Exception {
    Jobs.Run run = instance().runScheduled(Job.MAINTENANCE, NOW).orElseThrow();
    assertEquals("ok", run.outcome());
    // every area's step reports, and an empty database has nothing to clean
    assertTrue(
        run.summary()
            .keySet()
            .containsAll(
                List.of("bookings_deleted", "expired_notices_deleted", "scan_sessions_deleted")));
    Map<String, Long> cleaned = new HashMap<>(run.summary());
    // the set-up's inserts were recorded for the search cache (and are a day old at NOW)
    cleaned.remove("search_changes_deleted");
    assertEquals(Set.of(0L), Set.copyOf(cleaned.values()));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM jobs_run WHERE id = "
                + run.id()
                + " AND job = 'maintenance' AND trigger = 'schedule' AND outcome = 'ok'"
                + " AND started = '"
                + NOW
                + "' AND finished IS NOT NULL AND error IS NULL"
                + " AND summary ->> 'bookings_deleted' = '0'"
                + " AND summary ->> 'expired_notices_deleted' = '0'"));
  }

  @Test
  void aManualRunHasASlotOfItsOwn() throws Exception {
    Jobs jobs = instance();
    assertTrue(jobs.runScheduled(Job.MORNING, NOW.minusSeconds(3600)).isPresent());
    Jobs.Run manual = jobs.runNow(Job.MORNING).orElseThrow();
    assertEquals("manual", manual.trigger());
    Jobs later = instance(Jobs.STEPS, Clock.fixed(NOW.plusMillis(1), ZoneOffset.UTC));
    assertTrue(later.runNow(Job.MORNING).isPresent());
    assertEquals(2, db.number("SELECT count(*) FROM jobs_run WHERE trigger = 'manual'"));
  }

  @Test
  void maintenanceSumsItsStepsAndOneFailingStepDoesNotStopTheOthers() throws Exception {
    MaintenanceStep one = (sql, now) -> Map.of("a", 1L, "b", 2L);
    MaintenanceStep failing =
        (sql, now) -> {
          sql.update("DELETE FROM booking_booking", List.of());
          throw new IllegalStateException("broken");
        };
    MaintenanceStep two = (sql, now) -> Map.of("a", 3L);
    Jobs jobs = instance(List.of(one, failing, two), Clock.fixed(NOW, ZoneOffset.UTC));
    Jobs.Run run = jobs.runScheduled(Job.MAINTENANCE, NOW).orElseThrow();
    assertEquals(Map.of("a", 4L, "b", 2L), run.summary());
    assertEquals("failed", run.outcome());
    assertEquals(List.of("IllegalStateException: broken"), run.errors());
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM jobs_run WHERE outcome = 'failed'"
                + " AND error = 'IllegalStateException: broken'"));
  }

  @Test
  void todaysPassedSlotsRunOnceAtStartAndAgainAtNoOtherInstancesStart() throws Exception {
    Clock tenOClock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      Jobs jobs = instance(Jobs.STEPS, tenOClock);
      jobs.start();
      // lets the catch-up runs finish; the planned next slots are dropped
      jobs.stop();
    }
    assertEquals(
        2,
        db.number(
            "SELECT count(*) FROM jobs_run WHERE trigger = 'schedule' AND outcome = 'ok' AND ("
                + "(job = 'morning' AND slot = '2026-12-01T06:00Z')"
                + " OR (job = 'maintenance' AND slot = '2026-12-01T03:00Z'))"));
    assertEquals(2, db.number("SELECT count(*) FROM jobs_run"));
  }
}
