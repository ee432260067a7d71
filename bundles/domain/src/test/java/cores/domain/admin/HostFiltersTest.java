package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.domain.inventory.Models;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The host list's reference filters: each offers only the objects its rows refer to, by label, read
 * together, and over more objects than a select offers it answers one more, so that the admin says
 * the list is cut.
 */
class HostFiltersTest extends AdminDeskTest {

  @Override
  String staffName() {
    return "hostfilters";
  }

  @Override
  Set<String> permissions() {
    return Set.of(Models.HOST.permission("view"));
  }

  /** As Django's related-only filter: not every host, only those some host runs on. */
  @Test
  void aListIsFilteredOnlyByTheObjectsItsRowsReferTo() throws Exception {
    long hypervisor = fixture.host("filter-hypervisor", "active");
    long idle = fixture.host("filter-idle", "active");
    long guest = fixture.host("filter-guest", "active");
    db.execute("UPDATE inventory_host SET vm_host_id = " + hypervisor + " WHERE id = " + guest);
    AdminModel host = model("host");
    AdminField vmHost = host.field("vm_host").orElseThrow();
    Map<Long, String> offered = admin.filterOptions(staff, host, vmHost);
    assertEquals("filter-hypervisor", offered.get(hypervisor));
    assertFalse(offered.containsKey(idle), offered.toString());
    assertFalse(offered.containsKey(guest), offered.toString());
    // a form still offers every host
    assertTrue(admin.options(staff, vmHost).containsKey(idle));
  }

  /**
   * A reference filter over more objects than a list's select offers answers the first by label and
   * one more, which tells the admin that there are more: read from 1,100 hardware models, each some
   * host's, in the database's order of their names.
   */
  @Test
  void aFilterOverMoreObjectsThanItOffersAnswersOneMoreInLabelOrder() throws Exception {
    db.execute(
        "INSERT INTO inventory_hosthardware (name, host_type_id) SELECT 'many-' || n, "
            + fixture.hostType
            + " FROM generate_series(1, 1100) n");
    db.execute(
        "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status) SELECT 'h-' ||"
            + " h.name, h.id, "
            + fixture.rack
            + ", 'active' FROM inventory_hosthardware h WHERE h.name LIKE 'many-%'");
    AdminModel host = model("host");
    Map<Long, String> offered =
        admin.filterOptions(staff, host, host.field("hardware").orElseThrow());
    assertEquals(AdminDesk.FILTER_OPTIONS + 1, offered.size());
    List<String> first = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet names =
            s.executeQuery(
                "SELECT h.name FROM inventory_hosthardware h WHERE EXISTS (SELECT 1 FROM"
                    + " inventory_host x WHERE x.hardware_id = h.id) ORDER BY h.name, h.id LIMIT "
                    + (AdminDesk.FILTER_OPTIONS + 1))) {
      while (names.next()) {
        first.add(names.getString(1));
      }
    }
    assertEquals(first, List.copyOf(offered.values()));
  }

  /**
   * The reference filters of a list read together: each as its own would be (the objects the rows
   * refer to, by label), in the order asked for.
   */
  @Test
  void aListsFiltersAreReadTogetherEachOfferingItsObjectsByLabel() throws Exception {
    long other =
        db.number(
            "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES ('A100', "
                + fixture.hostType
                + ") RETURNING id");
    long unused =
        db.number(
            "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES ('Z9', "
                + fixture.hostType
                + ") RETURNING id");
    long hypervisor = fixture.host("together-hypervisor", "active");
    long guest = fixture.host("together-guest", "active");
    db.execute(
        "UPDATE inventory_host SET vm_host_id = "
            + hypervisor
            + ", hardware_id = "
            + other
            + " WHERE id = "
            + guest);
    AdminModel host = model("host");
    List<AdminField> asked =
        List.of(
            host.field("vm_host").orElseThrow(),
            host.field("rack").orElseThrow(),
            host.field("hardware").orElseThrow());
    Map<String, Map<Long, String>> offered = admin.filterOptions(staff, host, asked);
    assertEquals(List.of("vm_host", "rack", "hardware"), List.copyOf(offered.keySet()));
    assertEquals("together-hypervisor", offered.get("vm_host").get(hypervisor));
    assertFalse(offered.get("vm_host").containsKey(guest));
    assertEquals("lab1 rack 0", offered.get("rack").get(fixture.rack));
    // by label: A100 before R640; Z9 is no host's
    assertEquals(List.of("A100", "R640"), List.copyOf(offered.get("hardware").values()));
    assertFalse(offered.get("hardware").containsKey(unused));
    assertEquals(offered.get("rack"), admin.filterOptions(staff, host, asked.get(1)));
  }
}
