package cores.http;

import java.util.Optional;

/**
 * Whether Cores can serve. Until it can, {@code /api/health} answers 503 and every other request
 * 503 with {@code Retry-After}, so that nobody sees a 404 for a resource that is still being
 * published.
 */
@FunctionalInterface
public interface Readiness {

  /** Ready from the start: for a server that serves only what it is given up front. */
  Readiness READY = Optional::empty;

  /**
   * Empty when ready; else what is still awaited, in a few words (part of the public health answer:
   * names of bundles and components, never configuration values).
   */
  Optional<String> waitingFor();
}
