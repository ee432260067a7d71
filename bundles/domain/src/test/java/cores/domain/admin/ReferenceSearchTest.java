package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reference's objects found by what is typed (a form's suggestions, a typed host found on save):
 * any of the referenced table's objects, not only the first 1,000 a select lists.
 */
class ReferenceSearchTest extends AdminDeskTest {
  private AdminField host;
  private long last;

  @Override
  String staffName() {
    return "searchstaff";
  }

  @Override
  Set<String> permissions() {
    return Set.of();
  }

  @BeforeAll
  void manyHosts() throws Exception {
    long seed = fixture.host("seed-host", "active");
    db.execute(
        "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status)"
            + " SELECT 'rh' || lpad(n::text, 4, '0'), h.hardware_id, h.rack_id, 'active'"
            + " FROM generate_series(1, 1500) n, inventory_host h WHERE h.id = "
            + seed);
    last = db.number("SELECT id FROM inventory_host WHERE hostname = 'rh1500'");
    host = model("nic").field("host").orElseThrow();
  }

  @Test
  void findsAnObjectPastTheFirstThousand() {
    assertFalse(admin.options(staff, host).containsValue("rh1500"), "a select lists 1,000 only");
    assertEquals(Map.of(last, "rh1500"), admin.options(staff, host, "RH1500", 20));
  }

  @Test
  void thoseStartingWithTheTermComeFirstEachByLabel() {
    List<String> starting = List.copyOf(admin.options(staff, host, "rh14", 3).values());
    assertEquals(List.of("rh1400", "rh1401", "rh1402"), starting);
    List<String> holding = List.copyOf(admin.options(staff, host, "500", 20).values());
    assertEquals(List.of("rh0500", "rh1500"), holding);
  }

  @Test
  void aBlankTermIsTheFirstObjectsUpToTheLimit() {
    Map<Long, String> first = admin.options(staff, host, "", 201);
    assertEquals(201, first.size());
    assertEquals("rh0001", first.values().iterator().next());
  }

  @Test
  void wildcardsAreTakenLiterally() {
    assertTrue(admin.options(staff, host, "rh_5", 20).isEmpty());
    assertTrue(admin.options(staff, host, "%", 20).isEmpty());
  }

  @Test
  void onlyStaffMayAsk() {
    assertThrows(ProblemException.class, () -> admin.options(null, host, "rh", 20));
  }
}
