package cores.domain.inventory;

import cores.api.accounts.User;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What one model adds around the generic CRUD of {@link Inventory}, in the same transaction: values
 * Cores sets itself, refusals and consequences (a notice's author, a loan's host status). The REST
 * edge serves every model through its rules; most models have none ({@link #NONE}) and get the
 * generic behaviour.
 */
public interface Rules {
  /** The generic behaviour, nothing added. */
  Rules NONE = new Rules() {};

  /** Who acts, and "now" (read once per request). */
  record Actor(User user, Instant now) {}

  default Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    return inventory.create(sql, model, input);
  }

  default Map<String, Object> update(
      Inventory inventory,
      Sql sql,
      Model model,
      long id,
      Map<String, Object> input,
      boolean partial,
      Actor actor) {
    return inventory.update(sql, model, id, input, partial);
  }

  default void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    inventory.delete(sql, model, id);
  }

  /**
   * Whether these query parameters ask for a list the model answers itself ({@link #list}) for any
   * logged-in user, instead of the generic list that needs the view permission.
   */
  default boolean listsItself(Map<String, String> query) {
    return false;
  }

  /** Query parameters the model's lists take beside its filters and the page window. */
  default Set<String> listParameters() {
    return Set.of();
  }

  /** The model's own list, when {@link #listsItself} says so. */
  default Inventory.Rows list(
      Sql sql, Map<String, String> query, Actor actor, int limit, int offset) {
    throw new IllegalStateException("no list of its own");
  }
}
