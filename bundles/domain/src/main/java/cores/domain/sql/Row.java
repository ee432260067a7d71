package cores.domain.sql;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A row of {@link Sql#rows}: a modifiable map of column label to value in the columns' order, as
 * the {@code LinkedHashMap} it replaces, whose table and entry per column were most of what a
 * page's rows allocated (bench/README.md, "Issue 16 item 4, nineteenth session"). The labels are
 * shared by the rows of a result ({@link Labels}) and the values are an array of the row's own;
 * setting a label's value keeps them so, while adding or removing a label turns the row into a
 * {@code LinkedHashMap} of the same order first.
 */
final class Row extends AbstractMap<String, Object> {
  /**
   * The labels of a result's columns, each once, where a later column of a label takes its value.
   */
  static final class Labels {
    private final String[] names;
    private final int[] slots;
    private final Map<String, Integer> index = new HashMap<>();

    Labels(String[] columns) {
      slots = new int[columns.length];
      for (int i = 0; i < columns.length; i++) {
        slots[i] = index.computeIfAbsent(columns[i], label -> index.size());
      }
      names = new String[index.size()];
      index.forEach((label, slot) -> names[slot] = label);
    }

    /** The number of values of a row. */
    int size() {
      return names.length;
    }

    /** Where the value of column {@code i} (from 0) goes. */
    int slot(int column) {
      return slots[column];
    }
  }

  private final Labels labels;
  private final Object[] values;
  private LinkedHashMap<String, Object> map;

  /** A row of the labels' values, the array its own from then on. */
  Row(Labels labels, Object[] values) {
    this.labels = labels;
    this.values = values;
  }

  /** The values as a {@code LinkedHashMap} from now on, for a change of the labels. */
  private Map<String, Object> map() {
    if (map == null) {
      map = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        map.put(labels.names[i], values[i]);
      }
    }
    return map;
  }

  @Override
  public int size() {
    return map == null ? values.length : map.size();
  }

  @Override
  public Object get(Object key) {
    if (map != null) {
      return map.get(key);
    }
    Integer i = labels.index.get(key);
    return i == null ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return map == null ? labels.index.containsKey(key) : map.containsKey(key);
  }

  @Override
  public Object put(String key, Object value) {
    if (map == null) {
      Integer i = labels.index.get(key);
      if (i != null) {
        Object old = values[i];
        values[i] = value;
        return old;
      }
    }
    return map().put(key, value);
  }

  @Override
  public Object remove(Object key) {
    return containsKey(key) ? map().remove(key) : null;
  }

  @Override
  public void clear() {
    map().clear();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    if (map != null) {
      map.forEach(action);
      return;
    }
    for (int i = 0; i < values.length; i++) {
      action.accept(labels.names[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return Row.this.size();
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return map == null ? new Values() : map.entrySet().iterator();
      }
    };
  }

  /** The value of a label of a row; set, it sets the row's, as a map's entry does. */
  private final class Cell implements Entry<String, Object> {
    private final String key;

    Cell(String key) {
      this.key = key;
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public Object getValue() {
      return get(key);
    }

    @Override
    public Object setValue(Object value) {
      return put(key, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry<?, ?> e
          && key.equals(e.getKey())
          && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }

  /**
   * The entries of a row still of its labels; removing one turns the row into its map, the labels
   * after it still to come.
   */
  private final class Values implements Iterator<Entry<String, Object>> {
    private int next;
    private String last;

    @Override
    public boolean hasNext() {
      return next < labels.names.length;
    }

    @Override
    public Entry<String, Object> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      last = labels.names[next++];
      return new Cell(last);
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException();
      }
      Row.this.remove(last);
      last = null;
    }
  }
}
