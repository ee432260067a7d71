package cores.domain.inventory;

/**
 * The original's display strings of inventory rows (its models' {@code __str__}, which its API and
 * reports showed), as SQL expressions over the given table aliases, so that every statement shows
 * them alike.
 */
public final class Names {
  /**
   * The joins from a host {@code h} to its hardware {@code hw}, host type {@code ht}, rack {@code
   * r}, lab {@code l} and building {@code bd} (all but the hardware optional), for the expressions
   * below.
   */
  public static final String HOST_PLACE =
      " JOIN inventory_hosthardware hw ON hw.id = h.hardware_id"
          + " LEFT JOIN inventory_hosttype ht ON ht.id = hw.host_type_id"
          + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
          + " LEFT JOIN inventory_lab l ON l.id = r.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id";

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
