package cores.domain.admin;

import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.util.Map;

/**
 * The admin's writes of bookables: the admin lists them with a descriptor of its own (with what it
 * derives from their bookings and host), but writes them as the API does, through {@link
 * Bookables#MODEL}, so that the booking area's rules run inside the inventory's writes (a bookable
 * is active only while its host is; holders are told when one stops being active), also for the
 * list's bulk status changes.
 */
final class BookableWrites implements Rules {
  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    return inventory.create(sql, Bookables.MODEL, input);
  }

  @Override
  public Map<String, Object> update(
      Inventory inventory,
      Sql sql,
      Model model,
      long id,
      Map<String, Object> input,
      boolean partial,
      Actor actor) {
    return inventory.update(sql, Bookables.MODEL, id, input, partial);
  }

  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    inventory.delete(sql, Bookables.MODEL, id);
  }
}
