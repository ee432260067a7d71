package cores.http;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Starts the applications' first build once the server runs and the platform has settled ({@link
 * Readiness#settled}). At a start the components whose resources the server serves may still be
 * waiting for a service (a persistence unit being deployed) or registering theirs when Jetty has
 * started: built before, each application would be built again a moment later, and built after a
 * fixed wait, it would wait for nothing once all is there. Whether the platform has settled is
 * worked out on this thread, a moment after each change, not on the thread starting the bundles.
 * After {@link #LATEST_MS} the applications are built regardless: what never comes (a component of
 * a feature that cannot be satisfied) must not keep the rest from being served.
 */
final class FirstBuild implements AutoCloseable {
  /** How long after a change the platform is looked at: a burst of changes, one look. */
  static final long CHECK_DELAY_MS = 20;

  static final long LATEST_MS = 2000;

  private final Readiness readiness;
  private final Runnable build;
  private final ScheduledThreadPoolExecutor checks =
      new ScheduledThreadPoolExecutor(
          1,
          task -> {
            Thread thread = new Thread(task, "cores-http-settle");
            thread.setDaemon(true);
            return thread;
          });

  // guarded by this
  private boolean serving;
  private boolean checkPending;
  private boolean built;

  /**
   * @param readiness whether the platform has settled
   * @param build starts the first build of the applications
   */
  FirstBuild(Readiness readiness, Runnable build) {
    this.readiness = readiness;
    this.build = build;
    checks.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** The server runs: the applications are built once the platform has settled. */
  synchronized void serverStarted() {
    serving = true;
    checks.schedule(this::buildNow, LATEST_MS, TimeUnit.MILLISECONDS);
    checkPending = true;
    checks.execute(this::check);
  }

  /** Something was published or withdrawn, or a service or bundle came or went. */
  synchronized void changed() {
    if (serving && !built && !checkPending && !checks.isShutdown()) {
      checkPending = true;
      checks.schedule(this::check, CHECK_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void check() {
    synchronized (this) {
      checkPending = false;
      if (built) {
        return;
      }
    }
    if (readiness.settled()) {
      buildNow();
    }
  }

  private void buildNow() {
    synchronized (this) {
      if (built) {
        return;
      }
      built = true;
    }
    checks.shutdown();
    build.run();
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
