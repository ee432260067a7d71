package cores.api.notify;

import java.time.Instant;

/**
 * A message of the outbox that will not be delivered unless an admin retries it (a dead letter).
 *
 * @param id the outbox row's id
 * @param type the {@link NotificationType#code()}
 * @param recipient the address it was for
 * @param attempts how many times it was tried
 * @param lastError why the last attempt failed, or null
 * @param created when it was recorded
 * @param nextAttemptAt when it was due to be tried next as it failed
 * @param failedAt when it failed for good, or null if that was before this was recorded
 */
public record FailedMessage(
    long id,
    String type,
    String recipient,
    int attempts,
    String lastError,
    Instant created,
    Instant nextAttemptAt,
    Instant failedAt) {}
