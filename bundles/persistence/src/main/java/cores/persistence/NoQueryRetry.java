package cores.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * Turns off EclipseLink's own retry of a query after a lost connection (by default three more
 * attempts, 5 s apart): with the database down, each request then waited about 20 s before its
 * error. The pool already validates connections before handing them out and replaces broken ones,
 * so the retry is not needed to survive a database restart; a request that meets the outage fails
 * at once (503) and its client retries.
 */
public final class NoQueryRetry implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
    session.getLogin().setDelayBetweenConnectionAttempts(0);
  }
}
