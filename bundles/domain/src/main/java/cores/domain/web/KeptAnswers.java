package cores.domain.web;

import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers of the REST API's model reads (a page of a list, one row) kept between requests, with the
 * bytes Jersey wrote for them, for everyone allowed to read them (the permission is checked on each
 * request before; the rows show the same fields to everyone). An answer is served again only while
 * it is provably what reading again would give:
 *
 * <ul>
 *   <li>no transaction that changed a table it reads committed after the snapshot it was computed
 *       in ({@link ChangeMarkers}, with a host's {@code lastseen} as a marker of its own: this
 *       holds with several instances and without waiting for any message);
 *   <li>at most {@link #MAX_AGE}.
 * </ul>
 *
 * Checking costs one small statement in place of the count and the page; an answer that fails it is
 * read again. Models that read a table without markers (loans, notices) are read each time. Keyed
 * by the request's URI: a page's links to its neighbours are built from it.
 */
final class KeptAnswers {
  /** Far less than the day {@code domain_change} keeps its rows. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  /** Bytes of answers kept at most by default, the least recently used dropped first. */
  static final int BYTES = 8 << 20;

  private static final String SNAPSHOT = "SELECT " + ChangeMarkers.SNAPSHOT + " AS snapshot";
  private static final String UNCHANGED = "SELECT " + ChangeMarkers.UNCHANGED + " AS unchanged";

  /** An answer: what the resource method returns, and its bytes as Jersey writes them. */
  record Answer<T>(T entity, byte[] bytes) {}

  private record Kept(Answer<?> answer, String snapshot, List<String> tables, Instant from) {
    int size() {
      // the entity takes some times the bytes; a count of bytes bounds both
      return answer.bytes().length + 64;
    }
  }

  /** In access order, so the first is the least recently used. */
  private final Map<String, Kept> answers = new LinkedHashMap<>(64, 0.75f, true);

  private final int budget;
  private int bytes;

  KeptAnswers() {
    this(BYTES);
  }

  /** At most {@code budget} bytes of answers (one larger answer is kept alone). */
  KeptAnswers(int budget) {
    this.budget = budget;
  }

  /**
   * The tables a read of the model with these query parameters reads, or null when one of them has
   * no change markers (the answer cannot be kept).
   */
  static List<String> reads(Model model, Map<String, String> query) {
    Set<String> tables = new LinkedHashSet<>();
    tables.add(model.table());
    if (model == Models.HOST) {
      // the bookable's id (Inventory.columns), lastseen, and the NICs for ?mac=
      tables.add("booking_bookable");
      tables.add(ChangeMarkers.HOST_LASTSEEN);
      if (query.containsKey("mac")) {
        tables.add("inventory_nic");
      }
    }
    for (String table : tables) {
      if (!ChangeMarkers.TABLES.contains(table) && !ChangeMarkers.HOST_LASTSEEN.equals(table)) {
        return null;
      }
    }
    return List.copyOf(tables);
  }

  /**
   * The answer for {@code key} at {@code now}: the kept one when it is still right, else {@code
   * read} in this transaction (which must read only {@code tables}) written by {@code write}, kept.
   */
  <T> Answer<T> answer(
      Sql sql,
      String key,
      List<String> tables,
      Instant now,
      Function<Sql, T> read,
      Function<T, byte[]> write) {
    Answer<T> kept = kept(sql, key, tables, now);
    if (kept != null) {
      return kept;
    }
    String snapshot = (String) sql.row(SNAPSHOT, List.of()).get("snapshot");
    T entity = read.apply(sql);
    Answer<T> answer = new Answer<>(entity, write.apply(entity));
    put(key, new Kept(answer, snapshot, tables, now));
    return answer;
  }

  /**
   * The kept answer for {@code key} when it is still right at {@code now} (one statement, which may
   * run in autocommit: it needs no transaction), else null.
   */
  <T> Answer<T> kept(Sql sql, String key, List<String> tables, Instant now) {
    Kept kept = get(key);
    if (kept != null
        && kept.tables().equals(tables)
        && !now.isBefore(kept.from())
        && now.isBefore(kept.from().plus(MAX_AGE))
        && unchanged(sql, kept)) {
      @SuppressWarnings("unchecked") // kept under the key of the same read
      Answer<T> answer = (Answer<T>) kept.answer();
      return answer;
    }
    return null;
  }

  private static boolean unchanged(Sql sql, Kept kept) {
    List<Object> params = new ArrayList<>(ChangeMarkers.unchanged(kept.tables(), kept.snapshot()));
    return Boolean.TRUE.equals(sql.row(UNCHANGED, params).get("unchanged"));
  }

  private synchronized Kept get(String key) {
    return answers.get(key);
  }

  private synchronized void put(String key, Kept kept) {
    Kept replaced = answers.put(key, kept);
    bytes += kept.size() - (replaced == null ? 0 : replaced.size());
    Iterator<Kept> eldest = answers.values().iterator();
    // the newest, last in the order, stays even when it alone is over the budget
    while (bytes > budget && answers.size() > 1) {
      bytes -= eldest.next().size();
      eldest.remove();
    }
  }
}
