package cores.api.changes;

import java.time.Instant;
import java.util.List;

/**
 * One recorded write to one object.
 *
 * @param id the change's id (a UUID; those written since persistence-4 are version 7, their first
 *     48 bits the milliseconds of at)
 * @param at when the writing statement ran
 * @param userId who wrote, or null for Cores itself (scheduled jobs, start-up)
 * @param username their username then, or null
 * @param impersonatorId the staff user impersonating them, or null
 * @param impersonator their username then, or null
 * @param app the model's app (permissions are {@code app.view_model})
 * @param model the model's name, e.g. {@code host}
 * @param objectId the object's id
 * @param action {@code create}, {@code update} or {@code delete}
 * @param fields the fields that changed: for a create every field as the creating transaction last
 *     wrote it (an update in that transaction is folded into its create; before is null), for a
 *     delete every field (after is null); a secret set or changed shows {@value #HIDDEN} before and
 *     {@value #CHANGED} after, never its value
 */
public record Change(
    String id,
    Instant at,
    Long userId,
    String username,
    Long impersonatorId,
    String impersonator,
    String app,
    String model,
    long objectId,
    String action,
    List<FieldChange> fields) {

  /** What a secret field (a password hash, a key's hash) shows instead of its value. */
  public static final String HIDDEN = "(hidden)";

  /** What a secret field shows after it was set or changed. */
  public static final String CHANGED = "(changed)";

  public Change {
    fields = List.copyOf(fields);
  }

  /**
   * One field's values as text (JSON scalars unquoted, other values as JSON), null for SQL NULL or
   * when the object did not exist on that side.
   */
  public record FieldChange(String name, String before, String after) {}
}
