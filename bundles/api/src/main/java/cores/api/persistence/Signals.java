package cores.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signals from the shared database, so that a bundle can keep rows in memory between requests and
 * drop them as soon as any instance changes them, without asking the database on every request.
 *
 * <p>A bundle's migration adds triggers that call {@code pg_notify('<channel>', '')} when the rows
 * it keeps change; the persistence bundle listens on one connection of its own and counts, per
 * channel, the notifications of committed transactions of every instance. PostgreSQL delivers a
 * notification when the notifying transaction commits, so what is kept is dropped within the
 * delivery's milliseconds, not after a time to live.
 *
 * <p>A persistence unit's own channel is named after it, dots as underscores ({@code
 * cores.accounts}: {@code cores_accounts}): every read-write transaction of the unit committed on
 * this instance counts as a signal on it at once, before the transaction's call returns, so that an
 * instance sees its own writes without waiting for the delivery. A write of another instance counts
 * from the delivery of its notification (milliseconds after its commit).
 *
 * <p>The pattern: read {@link #generation} before reading the rows, keep them with it, and serve
 * them again only while {@link #generation} returns the same number.
 */
@ProviderType
public interface Signals {

  /**
   * The channel's generation: a number that changes whenever a notification on the channel arrives
   * and whenever notifications may have been missed (the listening connection was lost, or is new);
   * {@code -1} while no connection is known to listen on the channel, and then nothing may be kept.
   * The first call for a channel starts listening on it. A channel is a lower-case SQL identifier
   * ({@code [a-z_][a-z0-9_]*}).
   *
   * @throws IllegalArgumentException for any other channel name
   */
  long generation(String channel);
}
