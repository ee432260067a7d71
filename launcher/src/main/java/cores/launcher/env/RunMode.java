package cores.launcher.env;

/** What the process is started for. */
public enum RunMode {
  /** The server: HTTP, plugins watcher, providers. */
  SERVER,
  /**
   * A one-off command such as {@code createsuperuser}: no HTTP server, no plugin watcher and no
   * external providers, so it can run beside a running server on the same database.
   */
  COMMAND
}
