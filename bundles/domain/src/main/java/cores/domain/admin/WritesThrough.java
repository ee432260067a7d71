package cores.domain.admin;

import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.util.Map;

/**
 * The admin's writes of a model it lists with a descriptor of its own (with columns it derives from
 * other tables: a host's bookable state, a bookable's bookings), made as the API makes them,
 * through the model's own descriptor, so that the domain's rules for it run inside the inventory's
 * writes (a bookable is active only while its host is; holders are told when one stops being
 * active), also for the list's bulk actions.
 */
final class WritesThrough implements Rules {
  private final Model own;

  /** Writes through {@code own}, the descriptor the API writes the model with. */
  WritesThrough(Model own) {
    this.own = own;
  }

  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    return inventory.create(sql, own, input);
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
    return inventory.update(sql, own, id, input, partial);
  }

  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    inventory.delete(sql, own, id);
  }
}
