package cores.domain.inventory;

/** Rules about a host's status. */
public final class HostStatus {
  public static final String ACTIVE = "active";

  private HostStatus() {}

  /** A host whose status leaves {@code active} suspends its bookable (if that is active). */
  public static boolean suspendsBookable(String from, String to) {
    return ACTIVE.equals(from) && !ACTIVE.equals(to);
  }
}
