package cores.accounts;

import cores.api.persistence.Signals;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What token or session keys resolved to, by the key's hash, kept until a committed change to the
 * rows they were read from is signalled on {@value #CHANNEL} (the triggers of migration 007, on
 * every instance's writes): a revocation, a deactivation, a permission or group change or a logout
 * counts on every instance as soon as PostgreSQL delivers the signal, without a statement per
 * request (issue 16). Every read-write transaction of the accounts' unit committed on this instance
 * drops them all at once (whatever it wrote), so this instance sees its own writes before their
 * signal arrives. While the signals' connection is not known to listen nothing is kept, and every
 * request reads. Unknown keys are never kept. A user's last login is not signalled (written by
 * logins, up to once a minute a user): a kept user's may be older; what shows it reads the row.
 */
final class KeptKeys<T> {
  static final String CHANNEL = "cores_accounts";

  /** At most this many keys; when full, all are dropped (they are read again as they are used). */
  static final int MAX = 10_000;

  private record Kept<T>(long generation, T value) {}

  private final Signals signals;
  private final Map<String, Kept<T>> kept = new ConcurrentHashMap<>();

  KeptKeys(Signals signals) {
    this.signals = signals;
  }

  /**
   * The value kept for the key's hash if nothing was signalled since it was read, else what {@code
   * read} returns now, kept unless null. The generation is taken before the read, so a change
   * committed during the read is signalled after it and drops the value again.
   */
  T get(String hash, Supplier<T> read) {
    long generation = signals.generation(CHANNEL);
    if (generation >= 0) {
      Kept<T> k = kept.get(hash);
      if (k != null && k.generation == generation) {
        return k.value;
      }
    }
    T value = read.get();
    if (value == null || generation < 0) {
      kept.remove(hash);
    } else {
      if (kept.size() >= MAX) {
        kept.clear();
      }
      kept.put(hash, new Kept<>(generation, value));
    }
    return value;
  }

  /** Reads the key again next time: this instance wrote what is not signalled. */
  void forget(String hash) {
    kept.remove(hash);
  }
}
