package cores.domain.admin;

import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.util.Map;

/**
 * The admin's writes of bookables, whatever descriptor the admin lists them with: the booking
 * area's own ({@link Bookables}), so status changes (also the list's bulk ones) keep its rules and
 * mails, as the API's do.
 */
final class BookableWrites implements Rules {
  private final Bookables bookables;

  BookableWrites(Bookables bookables) {
    this.bookables = bookables;
  }

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
    return bookables.update(sql, inventory, id, input, partial);
  }

  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    bookables.delete(sql, inventory, id);
  }
}
