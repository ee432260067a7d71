package cores.http.docs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A copy of a tree of maps and collections whose iteration order is the same in every JVM. Bundles
 * publish schemas built with {@code Map.of}, whose order changes from one JVM start to the next:
 * written as they are, two instances of one Cores would describe the same API in different bytes,
 * and their ETags would differ behind one load balancer. Ordered maps and collections keep their
 * order; the others are sorted (map keys, collection elements by their text).
 */
final class StableOrder {
  private StableOrder() {}

  static Object of(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy =
          map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?> || map.size() < 2
              ? new LinkedHashMap<>()
              : new TreeMap<>(Comparator.comparing(String::valueOf));
      map.forEach((k, v) -> copy.put(k, of(v)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>(collection.size());
      collection.forEach(element -> copy.add(of(element)));
      if (!(collection instanceof List<?>
          || collection instanceof LinkedHashSet<?>
          || collection instanceof SortedSet<?>)) {
        copy.sort(Comparator.comparing(String::valueOf));
      }
      return copy;
    }
    return value;
  }

  /** The schemas in a stable order, each its own copy. */
  @SuppressWarnings("unchecked") // a map copies to a map
  static Map<String, Object> map(Map<String, ?> map) {
    return (Map<String, Object>) of(map);
  }
}
