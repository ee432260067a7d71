package cores.api.notify;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbox as admins see and repair it (the notify bundle's; its REST resource and the admin
 * pages both go through it): counts, channels, dead letters, and putting them back in the queue.
 */
@ProviderType
public interface OutboxDesk {

  /** Messages per status, as {@link Outbox#counts()}. */
  Map<String, Long> counts();

  /** The active channels and, for each, the messages waiting for it, sent by it and failed. */
  List<ChannelCounts> channels();

  /** The latest failed messages, newest first. */
  List<FailedMessage> failed(int limit);

  /**
   * Puts one failed message back in the queue with a fresh budget of attempts, in a transaction
   * that records it in the change log as the acting user's.
   *
   * @return whether it was a failed message (else nothing was done)
   */
  boolean retry(long id);

  /**
   * Puts every failed message back in the queue, as {@link #retry} does.
   *
   * @return how many
   */
  int retryAll();
}
