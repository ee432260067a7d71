package cores.accounts;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, held only while someone holds or waits for it, so that the map does not grow
 * with every key ever seen.
 */
final class KeyedLocks<K> {
  /** What runs while the key's lock is held. */
  interface Body<T, E extends Exception> {
    T run() throws E;
  }

  private final Map<K, Held> locks = new HashMap<>();

  /** Runs the body holding the key's lock, after those that hold or wait for it before. */
  <T, E extends Exception> T holding(K key, Body<T, E> body) throws E {
    Held held;
    synchronized (locks) {
      held = locks.computeIfAbsent(key, k -> new Held());
      held.users++;
    }
    held.lock.lock();
    try {
      return body.run();
    } finally {
      held.lock.unlock();
      synchronized (locks) {
        if (--held.users == 0) {
          locks.remove(key);
        }
      }
    }
  }

  /** The number of keys with a lock, for tests. */
  int size() {
    synchronized (locks) {
      return locks.size();
    }
  }

  private static final class Held {
    /** Fair: attempts are judged in the order they came. */
    final ReentrantLock lock = new ReentrantLock(true);

    /** Threads holding or waiting for the lock; guarded by the map. */
    int users;
  }
}
