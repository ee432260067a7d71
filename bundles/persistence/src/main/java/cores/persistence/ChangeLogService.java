package cores.persistence;

import cores.api.changes.Actor;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The change log: the rows the {@code cores_change_record} trigger writes (this bundle's
 * changelog), read here, and the acting user of each thread, which {@link UnitTransactions} hands
 * to the trigger at the start of every read-write transaction.
 */
@Component(service = {ChangeLog.class, ChangeLogService.class})
public final class ChangeLogService implements ChangeLog {

  /**
   * The changes with their field changes: every key of either side whose values differ, values as
   * text (JSON strings unquoted), by name.
   */
  private static final String SELECT =
      "SELECT c.id, c.at, c.user_id, c.username, c.impersonator_id, c.impersonator, c.app,"
          + " c.model, c.object_id, c.action, f.names, f.befores, f.afters"
          + " FROM cores_change c LEFT JOIN LATERAL (SELECT array_agg(k ORDER BY k) AS names,"
          + " array_agg(c.before ->> k ORDER BY k) AS befores,"
          + " array_agg(c.after ->> k ORDER BY k) AS afters"
          + " FROM jsonb_object_keys(coalesce(c.before, '{}') || coalesce(c.after, '{}')) AS k"
          + " WHERE c.before -> k IS DISTINCT FROM c.after -> k) f ON true ";

  private final DataSource dataSource;

  /** The acting user of the thread, resolved at most once per binding. */
  private final ThreadLocal<Supplier<Optional<Actor>>> acting = new ThreadLocal<>();

  @Activate
  public ChangeLogService(@Reference Database database) {
    this(database.dataSource());
  }

  /**
   * Over a data source of its own (tests, and tools outside OSGi). A factory, not a second public
   * constructor: SCR chooses among the public constructors with one parameter and logs the other as
   * an unsupported type.
   */
  public static ChangeLogService of(DataSource dataSource) {
    return new ChangeLogService(dataSource);
  }

  private ChangeLogService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Binding actingAs(Supplier<Optional<Actor>> actor) {
    Supplier<Optional<Actor>> previous = acting.get();
    Supplier<Optional<Actor>> once = new Once(actor);
    acting.set(once);
    return () -> {
      if (previous == null) {
        acting.remove();
      } else {
        acting.set(previous);
      }
    };
  }

  /** The user acting on this thread, if one is bound. */
  Optional<Actor> actor() {
    Supplier<Optional<Actor>> bound = acting.get();
    return bound == null ? Optional.empty() : bound.get();
  }

  @Override
  public List<Change> history(String app, String model, long objectId, int limit) {
    return query(
        SELECT
            + "WHERE c.app = ? AND c.model = ? AND c.object_id = ? ORDER BY c.at DESC, c.id LIMIT ?",
        app,
        model,
        objectId,
        limit);
  }

  /**
   * The object's own changes or a part's whose row named it on either side; each part's model and
   * column written as literals (checked by {@link Part}), so that the partial indexes {@code
   * cores_change_part} makes serve it whatever plan a prepared statement gets.
   */
  @Override
  public List<Change> history(
      String app, String model, long objectId, List<Part> parts, int limit) {
    StringBuilder where = new StringBuilder("(c.app = ? AND c.model = ? AND c.object_id = ?)");
    List<Object> params = new ArrayList<>(List.of(app, model, objectId));
    for (Part part : parts) {
      where
          .append(" OR (c.model = '")
          .append(part.model())
          .append("' AND (c.before ->> '")
          .append(part.column())
          .append("' = ? OR c.after ->> '")
          .append(part.column())
          .append("' = ?))");
      params.add(String.valueOf(objectId));
      params.add(String.valueOf(objectId));
    }
    // the object's own deletion is the last step of its transaction, though what the database
    // cascades to its parts (a host's bookable deleted, its NICs losing it) is recorded after it:
    // it is ordered at its transaction's newest time, ahead of them (a change older than the
    // xact column: at its own time)
    String ownDelete = "(c.app = ? AND c.model = ? AND c.object_id = ? AND c.action = 'delete')";
    params.addAll(List.of(app, model, objectId, app, model, objectId));
    params.add(limit);
    return query(
        SELECT
            + "WHERE "
            + where
            + " ORDER BY CASE WHEN "
            + ownDelete
            + " AND c.xact IS NOT NULL THEN max(c.at) OVER (PARTITION BY c.xact) ELSE c.at END"
            + " DESC, "
            + ownDelete
            + " DESC, c.at DESC, c.id LIMIT ?",
        params.toArray());
  }

  @Override
  public boolean ownedBy(String model, long objectId, long userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT coalesce(c.after, c.before) ->> m.owner_column FROM cores_change c"
                    + " JOIN cores_change_model m ON m.model = c.model"
                    + " WHERE c.model = ? AND c.object_id = ? AND m.owner_column IS NOT NULL"
                    + " ORDER BY c.at DESC, c.id DESC LIMIT 1")) {
      s.setString(1, model);
      s.setLong(2, objectId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && String.valueOf(userId).equals(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the change log", e);
    }
  }

  @Override
  public List<Change> recent(int limit) {
    return query(SELECT + "ORDER BY c.at DESC, c.id LIMIT ?", limit);
  }

  @Override
  public List<Change> byUser(long userId, int limit) {
    return query(
        SELECT + "WHERE c.user_id = ? OR c.impersonator_id = ? ORDER BY c.at DESC, c.id LIMIT ?",
        userId,
        userId,
        limit);
  }

  @Override
  public Page search(Search search, int limit, int offset) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (search.models() != null) {
      conditions.add("c.model = ANY (?)");
      params.add(search.models().toArray(new String[0]));
    }
    if (search.objectId() != null) {
      conditions.add("c.object_id = ?");
      params.add(search.objectId());
    }
    if (search.action() != null) {
      conditions.add("c.action = ?");
      params.add(search.action());
    }
    if (search.userId() != null) {
      conditions.add("(c.user_id = ? OR c.impersonator_id = ?)");
      params.add(search.userId());
      params.add(search.userId());
    }
    if (search.from() != null) {
      conditions.add("c.at >= ?");
      params.add(Timestamp.from(search.from()));
    }
    if (search.to() != null) {
      conditions.add("c.at < ?");
      params.add(Timestamp.from(search.to()));
    }
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
    List<Object> page = new ArrayList<>(params);
    page.add(limit);
    page.add(offset);
    List<Change> changes =
        query(SELECT + where + "ORDER BY c.at DESC, c.id LIMIT ? OFFSET ?", page.toArray());
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM cores_change c " + where)) {
      bind(c, s, params.toArray());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Page(r.getLong(1), changes);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the change log", e);
    }
  }

  @Override
  public Map<String, String> models() {
    Map<String, String> models = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT model, app FROM cores_change_model ORDER BY model");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        models.put(r.getString(1), r.getString(2));
      }
      return models;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the change log's models", e);
    }
  }

  /** Binds parameters; a string array as a PostgreSQL text array. */
  private static void bind(Connection c, PreparedStatement s, Object... params)
      throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof String[] texts) {
        s.setArray(i + 1, c.createArrayOf("text", texts));
      } else {
        s.setObject(i + 1, params[i]);
      }
    }
  }

  @Override
  public Optional<String> app(String model) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT app FROM cores_change_model WHERE model = ?")) {
      s.setString(1, model);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the change log's models", e);
    }
  }

  @Override
  public long trim(Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM cores_change WHERE at < ?")) {
      s.setTimestamp(1, Timestamp.from(before));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot trim the change log", e);
    }
  }

  private List<Change> query(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(c, s, params);
      List<Change> changes = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          changes.add(
              new Change(
                  r.getString("id"),
                  r.getTimestamp("at").toInstant(),
                  (Long) r.getObject("user_id"),
                  r.getString("username"),
                  (Long) r.getObject("impersonator_id"),
                  r.getString("impersonator"),
                  r.getString("app"),
                  r.getString("model"),
                  r.getLong("object_id"),
                  r.getString("action"),
                  fields(r)));
        }
      }
      return changes;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the change log", e);
    }
  }

  private static List<Change.FieldChange> fields(ResultSet r) throws SQLException {
    String[] names = texts(r.getArray("names"));
    String[] befores = texts(r.getArray("befores"));
    String[] afters = texts(r.getArray("afters"));
    List<Change.FieldChange> fields = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      fields.add(new Change.FieldChange(names[i], befores[i], afters[i]));
    }
    return fields;
  }

  private static String[] texts(Array array) throws SQLException {
    return array == null ? new String[0] : (String[]) array.getArray();
  }

  /** Asks the supplier once, when first needed. */
  private static final class Once implements Supplier<Optional<Actor>> {
    private final Supplier<Optional<Actor>> supplier;
    private Optional<Actor> value;

    Once(Supplier<Optional<Actor>> supplier) {
      this.supplier = supplier;
    }

    @Override
    public Optional<Actor> get() {
      if (value == null) {
        value = supplier.get();
      }
      return value;
    }
  }
}
