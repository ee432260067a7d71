package cores.domain.live;

/**
 * Status of scan conflicts and offline warnings: {@code new} (open), {@code resolved}, {@code
 * ignore} (does not come back while it exists), {@code super} (superseded by a newer one).
 */
public final class ConflictStatus {
  public static final String NEW = "new";
  public static final String RESOLVED = "resolved";
  public static final String IGNORE = "ignore";
  public static final String SUPER = "super";

  private ConflictStatus() {}
}
