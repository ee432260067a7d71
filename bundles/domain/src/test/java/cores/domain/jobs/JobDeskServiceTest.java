package cores.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.jobs.JobDesk;
import cores.domain.DomainDatabase;
import cores.domain.booking.MorningMail;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jobs as the admin pages see them, on a real database. */
class JobDeskServiceTest {
  private static final Instant NOW = Instant.parse("2026-12-01T06:30:00Z");
  private static final Schedule SCHEDULE =
      new Schedule(LocalTime.of(6, 0), LocalTime.of(3, 0), ZoneId.of("Europe/Berlin"));

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private JobDesk desk;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions("cores.domain");
    MaintenanceStep step = (sql, now) -> Map.of("things_deleted", 2L, "more_deleted", 0L);
    Jobs jobs =
        new Jobs(
            tx,
            new MorningMail(DomainDatabase.mail(tx, ZoneOffset.UTC)),
            List.of(step),
            SCHEDULE,
            Clock.fixed(NOW, ZoneOffset.UTC));
    desk = new JobDeskService(jobs, tx);
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void theJobsWithTheirTimeZoneAndNextRun() {
    assertEquals(
        List.of(
            new JobDesk.ScheduledJob(
                "morning",
                Job.MORNING.description(),
                LocalTime.of(6, 0),
                SCHEDULE.zone(),
                Instant.parse("2026-12-02T05:00:00Z")),
            new JobDesk.ScheduledJob(
                "maintenance",
                Job.MAINTENANCE.description(),
                LocalTime.of(3, 0),
                SCHEDULE.zone(),
                Instant.parse("2026-12-02T02:00:00Z"))),
        desk.jobs());
  }

  @Test
  void aRunNowIsAnsweredAndListedNewestFirstWithItsSummary() throws Exception {
    db.execute(
        "INSERT INTO jobs_run (job, slot, trigger, started, finished, outcome, error) VALUES"
            + " ('morning', '2026-11-30T05:00Z', 'schedule', '2026-11-30T05:00Z',"
            + " '2026-11-30T05:00:01Z', 'failed', 'SMTP down')");
    JobDesk.Run run = desk.runNow("maintenance").orElseThrow();
    assertEquals("maintenance", run.job());
    assertEquals("manual", run.trigger());
    assertEquals("ok", run.outcome());
    assertEquals(NOW, run.started());
    assertNotNull(run.finished());
    assertEquals(Map.of("more_deleted", 0L, "things_deleted", 2L), run.summary());

    List<JobDesk.Run> runs = desk.runs(10);
    assertEquals(List.of(run.id()), runs.stream().limit(1).map(JobDesk.Run::id).toList());
    assertEquals(2, runs.size());
    JobDesk.Run failed = runs.get(1);
    assertEquals("failed", failed.outcome());
    assertEquals("SMTP down", failed.error());
    assertEquals(Map.of(), failed.summary());
    assertEquals(1, desk.runs(1).size());
  }

  @Test
  void theChangeLogRecordsTheClaimOfARunNotItsEnd() throws Exception {
    long id = desk.runNow("maintenance").orElseThrow().id();
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM cores_change WHERE app = 'jobs' AND model = 'run'"
                + " AND action = 'create' AND after ->> 'trigger' = 'manual' AND object_id = "
                + id));
    assertEquals(1, db.number("SELECT count(*) FROM cores_change WHERE model = 'run'"));
  }

  @Test
  void anUnknownJobIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> desk.runNow("nightly"));
    assertEquals(List.of(), desk.runs(10));
  }
}
