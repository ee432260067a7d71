package cores.api.booking;

import java.util.List;
import java.util.Objects;

/**
 * The filters of the bookable search (DOMAIN.md), combined: active bookables only unless {@code
 * all}; the id lists match any of their ids.
 *
 * @param mine hosts the asking user owns
 * @param mygroup hosts of the asking user's groups
 * @param free not booked now
 * @param nores not reserved now
 * @param order the order of the rows
 */
public record BookableQuery(
    boolean free,
    boolean nores,
    boolean mine,
    boolean mygroup,
    List<Long> buildings,
    List<Long> labs,
    List<Long> hostTypes,
    List<Long> hardware,
    BookableOrder order) {

  public BookableQuery {
    buildings = List.copyOf(buildings);
    labs = List.copyOf(labs);
    hostTypes = List.copyOf(hostTypes);
    hardware = List.copyOf(hardware);
    order = Objects.requireNonNull(order, "order");
  }

  /** The query of API 1.3 and before, which had only the IP order besides the hostname's. */
  public BookableQuery(
      boolean free,
      boolean nores,
      boolean mine,
      boolean mygroup,
      List<Long> buildings,
      List<Long> labs,
      List<Long> hostTypes,
      List<Long> hardware,
      boolean ipSort) {
    this(
        free,
        nores,
        mine,
        mygroup,
        buildings,
        labs,
        hostTypes,
        hardware,
        ipSort ? BookableOrder.IP : BookableOrder.HOSTNAME);
  }

  /** Whether the rows are ordered by IP address, either way (API 1.3 and before). */
  public boolean ipSort() {
    return order.byIp();
  }

  /** No filter: every active bookable by hostname. */
  public static BookableQuery everything() {
    return new BookableQuery(
        false,
        false,
        false,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        BookableOrder.HOSTNAME);
  }

  /** Free now and not reserved: the quick-book list. */
  public static BookableQuery freeNow() {
    return new BookableQuery(
        true,
        true,
        false,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        BookableOrder.HOSTNAME);
  }
}
