package cores.domain.jobs;

/** The scheduled jobs; the code names them in {@code jobs_run}. */
public enum Job {
  /** Daily reminder mails (DOMAIN.md). */
  MORNING("morning"),
  /** Nightly clean-up. */
  MAINTENANCE("maintenance");

  private final String code;

  Job(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
