package cores.api.notify;

/**
 * What one active channel has of the outbox's messages.
 *
 * @param channel the {@link NotificationChannel#name()}
 * @param pending messages waiting to be delivered through it
 * @param sent messages it accepted
 * @param failed dead letters it never accepted
 */
public record ChannelCounts(String channel, long pending, long sent, long failed) {}
