package cores.domain.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded map for the caches of the admin lists: at most {@code limit} entries, the least
 * recently used dropped first, so that pages of every query ever asked do not pile up. Thread-safe.
 *
 * <p>A copy of the admin bundle's on purpose: the bundles share only the API, which is Cores'
 * contract with plugins (baselined), and a bounded map is no part of it.
 */
final class Recent<K, V> {
  private final Map<K, V> entries;

  Recent(int limit) {
    this.entries = new Lru<>(limit);
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  synchronized void remove(K key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }

  /** In access order, dropping the eldest beyond the limit. */
  private static final class Lru<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int limit;

    Lru(int limit) {
      super(16, 0.75f, true);
      this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > limit;
    }
  }
}
