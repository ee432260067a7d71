package cores.notify;

import java.time.Instant;
import java.util.Set;

/** A claimed outbox row. */
record OutboxRow(
    long id,
    String type,
    String recipient,
    String data,
    int attempts,
    Set<String> deliveredTo,
    Instant created) {

  /**
   * The stable message id of this row: the same on every attempt and instance, unique per row and
   * database (the creation time tells apart rows of a database that was re-created).
   */
  String messageId(String hostname) {
    return "outbox." + id + "." + created.toEpochMilli() + "@" + hostname;
  }
}
