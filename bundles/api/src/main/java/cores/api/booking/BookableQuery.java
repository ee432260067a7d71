package cores.api.booking;

import java.util.List;

/**
 * The filters of the bookable search (DOMAIN.md), combined: active bookables only unless {@code
 * all}; the id lists match any of their ids.
 *
 * @param mine hosts the asking user owns
 * @param mygroup hosts of the asking user's groups
 * @param free not booked now
 * @param nores not reserved now
 * @param ipSort ordered by IP address instead of hostname
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
    boolean ipSort) {

  public BookableQuery {
    buildings = List.copyOf(buildings);
    labs = List.copyOf(labs);
    hostTypes = List.copyOf(hostTypes);
    hardware = List.copyOf(hardware);
  }

  /** No filter: every active bookable by hostname. */
  public static BookableQuery everything() {
    return new BookableQuery(
        false, false, false, false, List.of(), List.of(), List.of(), List.of(), false);
  }

  /** Free now and not reserved: the quick-book list. */
  public static BookableQuery freeNow() {
    return new BookableQuery(
        true, true, false, false, List.of(), List.of(), List.of(), List.of(), false);
  }
}
