package cores.domain;

import java.sql.SQLException;
import java.time.Instant;

/** Inventory rows for tests, written straight to the database. */
public final class Fixture {
  private final DomainDatabase db;
  public final long building;
  public final long lab;
  public final long rack;
  public final long hostType;
  public final long hardware;

  public Fixture(DomainDatabase db) throws SQLException {
    this.db = db;
    building = db.number("INSERT INTO inventory_building (code) VALUES ('B1') RETURNING id");
    lab =
        db.number(
            "INSERT INTO inventory_lab (name, building_id, network) VALUES ('lab1', "
                + building
                + ", '10.1.0.0/16') RETURNING id");
    rack =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (0, " + lab + ") RETURNING id");
    hostType = db.number("INSERT INTO inventory_hosttype (name) VALUES ('tcpreplay') RETURNING id");
    hardware =
        db.number(
            "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES ('R640', "
                + hostType
                + ") RETURNING id");
  }

  /** A host in the fixture's rack. */
  public long host(String hostname, String status) throws SQLException {
    return db.number(
        "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status) VALUES ('"
            + hostname
            + "', "
            + hardware
            + ", "
            + rack
            + ", '"
            + status
            + "') RETURNING id");
  }

  /** A bookable of a new host. */
  public long bookable(String hostname, String status) throws SQLException {
    long host = host(hostname, "active");
    return db.number(
        "INSERT INTO booking_bookable (host_id, status) VALUES ("
            + host
            + ", '"
            + status
            + "') RETURNING id");
  }

  /** A booking of a bookable from start to end. */
  public long booking(long bookable, long owner, Instant start, Instant end) throws SQLException {
    return db.number(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + owner
            + ", '"
            + start
            + "', '"
            + end
            + "') RETURNING id");
  }
}
