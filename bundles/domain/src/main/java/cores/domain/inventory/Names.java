package cores.domain.inventory;

/**
 * The original's display strings of inventory rows (its models' {@code __str__}, which its API and
 * reports showed), as SQL expressions over the given table aliases, so that every statement shows
 * them alike.
 */
public final class Names {
  private Names() {}

  /** A host hardware: {@code "[<host type>] <model>"}, the model alone without a host type. */
  public static String hardware(String hardware, String hostType) {
    return "CASE WHEN "
        + hostType
        + ".name IS NULL THEN "
        + hardware
        + ".name ELSE '[' || "
        + hostType
        + ".name || '] ' || "
        + hardware
        + ".name END";
  }

  /** A lab: {@code "<building>/<lab>"}, the lab alone without a building; null without a lab. */
  public static String lab(String lab, String building) {
    return "CASE WHEN "
        + lab
        + ".id IS NOT NULL THEN concat_ws('/', "
        + building
        + ".code, "
        + lab
        + ".name) END";
  }

  /** A rack: {@code "<number> in <lab as above>"}; null without a rack. */
  public static String rack(String number, String lab, String building) {
    return "(" + number + " || ' in ' || " + lab(lab, building) + ")";
  }
}
