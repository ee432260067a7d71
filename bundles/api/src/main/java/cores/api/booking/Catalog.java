package cores.api.booking;

import java.util.List;

/** What the search's filters offer: buildings with their labs, host types with their hardware. */
public record Catalog(List<Group> buildings, List<Group> hostTypes) {

  /** A named thing with an id, and the named things inside it. */
  public record Group(long id, String name, List<Option> options) {
    public Group {
      options = List.copyOf(options);
    }
  }

  /** A named thing with an id. */
  public record Option(long id, String name) {}

  public Catalog {
    buildings = List.copyOf(buildings);
    hostTypes = List.copyOf(hostTypes);
  }
}
