package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.jobs.JobDesk;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running a job now is the superusers' (as the outbox's retry): other staff see no button. */
class JobsPageTest {
  private static String page(boolean mayRun) {
    JobDesk.ScheduledJob job =
        new JobDesk.ScheduledJob(
            "maintenance",
            "deletes old bookings",
            LocalTime.of(23, 59),
            ZoneOffset.UTC,
            Instant.parse("2026-12-06T23:59:00Z"));
    return new Templates()
        .render(
            "jobs.jte",
            new JobsPage.View(
                "csrf",
                List.of(new JobsPage.Job(job, "2026-12-06 23:59:00 UTC")),
                List.of(),
                null,
                mayRun));
  }

  @Test
  void onlyASuperuserIsOfferedToRunAJobNow() {
    assertTrue(page(true).contains("action=\"/admin/jobs/maintenance/run\""));
    assertTrue(page(true).contains("id=\"run-maintenance\""));
    assertFalse(page(false).contains("/admin/jobs/maintenance/run"), page(false));
    assertFalse(page(false).contains("Run now"), page(false));
  }

  /** A run's summary names what its steps did, not the dozen that found nothing to do. */
  @Test
  void aRunSaysWhatItDidAndLeavesOutTheStepsThatDidNothing() {
    Map<String, Long> summary = new LinkedHashMap<>();
    summary.put("bookings_deleted", 0L);
    summary.put("changes_deleted", 12L);
    summary.put("expired_notices_deleted", 0L);
    summary.put("scan_sessions_deleted", 3L);
    assertEquals("changes deleted: 12, scan sessions deleted: 3", JobsPage.said(summary));
    summary.put("changes_deleted", 0L);
    summary.put("scan_sessions_deleted", 0L);
    assertEquals("Nothing to do.", JobsPage.said(summary));
    assertEquals("Nothing to do.", JobsPage.said(Map.of()));
  }
}
