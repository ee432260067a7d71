package cores.domain.live;

import java.time.Instant;
import java.util.List;

/**
 * A scan as the agent sent it, checked: who scanned when, the entries, and the request body as JSON
 * text for the stored session.
 */
public record Scan(String agent, Instant scanned, List<Entry> entries, String data) {

  /**
   * One result line, numbered from 0 in the order sent: a MAC or a NIC id, and an IP; or the reason
   * it cannot be used ({@code problem}), in which case the others may be null (a good MAC or NIC id
   * is kept, for the status line, and not used). {@code given} is the MAC or NIC id as sent (what
   * the original's answer names the entry by).
   */
  public record Entry(int ord, String mac, Long nic, String ip, String problem, Object given) {}
}
