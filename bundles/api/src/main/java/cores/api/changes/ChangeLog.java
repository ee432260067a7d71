package cores.api.changes;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's change log. The persistence bundle records every row written to a tracked table in
 * the writing transaction itself, so a rolled-back write leaves no change and no write path can
 * forget one. A bundle tracks a table by calling the SQL function {@code cores_change_track(table,
 * app, model, secrets, noise)} from its Liquibase changelog (the persistence bundle's own
 * changelog, applied before any bundle's, defines it): {@code secrets} are columns never stored,
 * {@code noise} columns whose changes alone are not worth a change (e.g. {@code lastseen}), and
 * which an update's change leaves out. A tracked table whose rows have owners names its owner
 * column with {@code cores_change_owner(table, column)}: the owner of a row may read its history
 * ({@link #ownedBy}).
 *
 * <p>Who writes is bound to the thread by the request layer ({@link #actingAs}); every read-write
 * transaction started on that thread records them. Writes with nobody bound (scheduled jobs) are
 * recorded as Cores' own.
 */
@ProviderType
public interface ChangeLog {

  /** Ends a binding made by {@link #actingAs}. */
  interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Binds the acting user to this thread until the binding is closed. The supplier is asked only
   * when a read-write transaction starts (an impersonator costs a lookup), at most once.
   */
  Binding actingAs(Supplier<Optional<Actor>> actor);

  /** The changes of one object, newest first. */
  List<Change> history(String app, String model, long objectId, int limit);

  /**
   * A model whose objects belong to another's through a reference column of theirs (a host's NICs
   * through {@code host_id}): their changes are part of that object's history.
   *
   * @param model the part's model, e.g. {@code nic}
   * @param column its column naming the object it belongs to, e.g. {@code host_id}
   * @since 1.4
   */
  record Part(String model, String column) {
    public Part {
      // both are written into the statement, where an index on the column's value can serve them
      if (!model.matches("[a-z_][a-z0-9_]*") || !column.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException("Not a model and column: " + model + "." + column);
      }
    }
  }

  /**
   * The changes of one object and of the objects belonging to it, newest first: each part's changes
   * whose row named the object before or after (a NIC moved from host A to host B is in both hosts'
   * histories; a deleted NIC's deletion in its host's). The object's own deletion is the newest of
   * its transaction's changes, ahead of its parts' deleted with it (a host's bookable and NICs,
   * recorded after it). A bundle makes these reads fast with {@code cores_change_part(table,
   * column)} in its changelog, after {@code cores_change_track}.
   *
   * @since 1.4
   */
  List<Change> history(String app, String model, long objectId, List<Part> parts, int limit);

  /**
   * Whether the user owns the object, as the newest change of it names its owner in the model's
   * owner column (see above). False for a model without one and for an object without changes
   * (nothing to read); an object deleted since keeps the owner its deletion recorded.
   *
   * @since 1.3
   */
  boolean ownedBy(String model, long objectId, long userId);

  /** The newest changes of every tracked table, newest first. */
  List<Change> recent(int limit);

  /** The newest changes one user made (also while impersonated by staff), newest first. */
  List<Change> byUser(long userId, int limit);

  /**
   * Which changes a search finds: those meeting every criterion given (null is any).
   *
   * @param models the models' names
   * @param objectId one object's id (of the one model given)
   * @param action {@code create}, {@code update} or {@code delete}
   * @param userId who wrote, or impersonated who wrote
   * @param from changes at or after
   * @param to changes before
   */
  record Search(
      Set<String> models, Long objectId, String action, Long userId, Instant from, Instant to) {
    public Search {
      models = models == null ? null : Set.copyOf(models);
    }
  }

  /** One page of a search: the changes on it, newest first, and how many the search finds. */
  record Page(long count, List<Change> changes) {
    public Page {
      changes = List.copyOf(changes);
    }
  }

  /** One page of the changes a search finds, newest first. */
  Page search(Search search, int limit, int offset);

  /** Every tracked model: name to app, by name. */
  Map<String, String> models();

  /**
   * The tracked models whose changes a reader may see beyond their own: those whose view permission
   * ({@code app.view_model}) the check grants, as each object's history would show them; by name.
   * Since 1.2.0.
   */
  default Set<String> viewable(Predicate<String> granted) {
    Set<String> names = new LinkedHashSet<>();
    models()
        .forEach(
            (model, app) -> {
              if (granted.test(app + ".view_" + model)) {
                names.add(model);
              }
            });
    return names;
  }

  /** The app of a tracked model (for its permissions), if a bundle tracks a model of that name. */
  Optional<String> app(String model);

  /** Deletes the changes made before the instant; returns how many. */
  long trim(Instant before);
}
