package cores.api.web;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An unmodifiable row of an answer: keys shared by every row of its kind ({@link Keys}), values of
 * its own, in the keys' order. It is a {@code Map} like any other, and the REST API writes it as a
 * JSON object key by key, without the entry object per key a map's serialization makes (an answer
 * of 50 rows of 21 keys made 1,050 of them; bench/README.md, "Issue 16 item 4, eighteenth
 * session").
 */
public final class JsonRow extends AbstractMap<String, Object> {
  /** The keys of a kind of row, in order, each once. */
  public static final class Keys {
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();

    private Keys(String[] names) {
      this.names = names;
      for (int i = 0; i < names.length; i++) {
        if (index.put(names[i], i) != null) {
          throw new IllegalArgumentException("twice: " + names[i]);
        }
      }
    }

    /** The keys' number. */
    public int size() {
      return names.length;
    }

    /**
     * A row of these keys with these values, in the keys' order; the array is the row's own from
     * then on, and must not be changed.
     */
    public JsonRow row(Object... values) {
      if (values.length != names.length) {
        throw new IllegalArgumentException(
            values.length + " values for the " + names.length + " keys " + Arrays.toString(names));
      }
      return new JsonRow(this, values);
    }
  }

  /** The keys of rows, in order. */
  public static Keys keys(List<String> names) {
    return new Keys(names.toArray(String[]::new));
  }

  private final Keys keys;
  private final Object[] values;

  private JsonRow(Keys keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** The key at {@code i}, in the keys' order. */
  public String key(int i) {
    return keys.names[i];
  }

  /** The value at {@code i}, in the keys' order. */
  public Object value(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object get(Object key) {
    Integer i = keys.index.get(key);
    return i == null ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return keys.index.containsKey(key);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(keys.names[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.length;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= values.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> entry = new SimpleImmutableEntry<>(keys.names[i], values[i]);
            i++;
            return entry;
          }
        };
      }
    };
  }
}
