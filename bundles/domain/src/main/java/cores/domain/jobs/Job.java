package cores.domain.jobs;

/** The scheduled jobs; the code names them in {@code jobs_run}. */
public enum Job {
  /** Daily reminder mails (DOMAIN.md). */
  MORNING("morning", "Reminder mails: bookings and reservations that start, end or ended"),
  /** Nightly clean-up. */
  MAINTENANCE(
      "maintenance",
      "Clean-up: ended bookings, expired notices, stale live data, the old change log");

  private final String code;
  private final String description;

  Job(String code, String description) {
    this.code = code;
    this.description = description;
  }

  public String code() {
    return code;
  }

  /** What it does, for admins. */
  public String description() {
    return description;
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public static Job ofCode(String code) {
    for (Job job : values()) {
      if (job.code.equals(code)) {
        return job;
      }
    }
    throw new IllegalArgumentException("No job " + code + ".");
  }
}
