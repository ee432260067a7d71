package cores.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/** One part of the system whose state {@code GET /api/health} reports. */
@ConsumerType
public interface HealthIndicator {

  /** Short name of the part, e.g. {@code database}. */
  String name();

  /** Checks the part now. Must answer within a few seconds. */
  Health check();
}
