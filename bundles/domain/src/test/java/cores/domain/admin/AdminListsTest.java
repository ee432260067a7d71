package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Models;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The admin's lists as staff use them: bulk actions that say what they changed, addresses sorted as
 * addresses, MACs found in any format people type, bad filter values refused at the filter, and
 * only the actions a user may run offered.
 */
class AdminListsTest extends AdminDeskTest {

  @Override
  String staffName() {
    return "listadmin";
  }

  @Override
  Set<String> permissions() {
    return Set.of(
        Bookables.MODEL.permission("add"),
        Bookables.MODEL.permission("change"),
        Bookables.MODEL.permission("view"),
        Models.HOST.permission("view"),
        Models.HOST.permission("change"),
        Models.NIC.permission("view"));
  }

  /** How many bookables the host has (of the status, or any for null). */
  private long bookables(long host, String status) throws Exception {
    return db.number(
        "SELECT count(*) FROM booking_bookable WHERE host_id = "
            + host
            + (status == null ? "" : " AND status = '" + status + "'"));
  }

  @Test
  void aBulkActionCountsOnlyTheHostsItChangedAndNamesTheOthers() throws Exception {
    long without = fixture.host("count-without", "active");
    long active =
        db.number(
            "SELECT host_id FROM booking_bookable WHERE id = "
                + fixture.bookable("count-active", "active"));
    long suspended =
        db.number(
            "SELECT host_id FROM booking_bookable WHERE id = "
                + fixture.bookable("count-suspended", "suspended"));
    AdminModel host = model("host");

    AdminDesk.Done suspending =
        admin.act(staff, host, HostActions.SUSPEND, List.of(without, active, suspended));
    assertEquals(1, suspending.changed());
    assertEquals(
        List.of("count-without: has no bookable", "count-suspended: already suspended"),
        suspending.skipped());

    AdminDesk.Done bookable =
        admin.act(staff, host, HostActions.MAKE_BOOKABLE, List.of(without, active));
    assertEquals(2, bookable.changed());
    assertEquals(1, bookables(without, "active"));
    AdminDesk.Done again = admin.act(staff, host, HostActions.MAKE_BOOKABLE, List.of(without));
    assertEquals(0, again.changed());
    assertEquals(List.of("count-without: already bookable"), again.skipped());

    AdminDesk.Done status = admin.act(staff, host, "status_active", List.of(without));
    assertEquals(0, status.changed());
    assertEquals(List.of("count-without: already active"), status.skipped());
  }

  /**
   * A host's page offers only the actions that would change it, as a bookable's does: not "make
   * bookable" for a bookable host, not suspending a host without a bookable, not its own status.
   */
  @Test
  void aHostIsOfferedOnlyTheActionsThatWouldChangeIt() throws Exception {
    long without = fixture.host("applies-without", "active");
    long booked =
        db.number(
            "SELECT host_id FROM booking_bookable WHERE id = "
                + fixture.bookable("applies-bookable", "active"));
    AdminModel host = model("host");
    Set<String> all = admin.actions(staff, host);
    Set<String> forWithout = admin.applicable(staff, host, without).actions();
    assertTrue(forWithout.contains(HostActions.MAKE_BOOKABLE), forWithout::toString);
    assertFalse(forWithout.contains(HostActions.SUSPEND), forWithout::toString);
    assertFalse(forWithout.contains(HostActions.MAKE_INACTIVE), forWithout::toString);
    assertFalse(forWithout.contains("status_active"), forWithout::toString);
    assertTrue(forWithout.contains("status_missing"), forWithout::toString);

    Set<String> forBooked = admin.applicable(staff, host, booked).actions();
    assertFalse(forBooked.contains(HostActions.MAKE_BOOKABLE), forBooked::toString);
    assertTrue(forBooked.contains(HostActions.SUSPEND), forBooked::toString);
    assertTrue(all.containsAll(forBooked), "only actions the user may run");
    assertEquals(Set.of(), admin.applicable(staff, host, 999_999L).actions(), "a host gone");

    // forged anyway: nothing done, the host named with why
    AdminDesk.Done forged = admin.act(staff, host, HostActions.MAKE_BOOKABLE, List.of(booked));
    assertEquals(new AdminDesk.Done(0, List.of("applies-bookable: already bookable")), forged);
  }

  @Test
  void aBookablesBulkActionCountsOnlyWhatItChangedAndOffersOnlyWhatWouldChangeOne()
      throws Exception {
    long active = fixture.bookable("bookable-active", "active");
    long suspended = fixture.bookable("bookable-suspended", "suspended");
    AdminModel bookable = model("bookable");

    AdminDesk.Done done = admin.act(staff, bookable, "set_suspended", List.of(active, suspended));
    assertEquals(
        new AdminDesk.Done(1, List.of(admin.label(bookable, suspended) + ": already suspended")),
        done);
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM booking_bookable WHERE status = 'suspended' AND id = " + active));
    assertEquals(
        Set.of("set_active", "set_inactive"),
        admin.applicable(staff, bookable, suspended).actions(),
        "not the status it has");
  }

  @Test
  void aBulkActionRefusesIdsOfNoHostNamingThemAndDoesNothing() throws Exception {
    long plain = fixture.host("unknown-plain", "active");
    AdminModel host = model("host");
    for (String action : List.of(HostActions.MAKE_BOOKABLE, HostActions.SUSPEND)) {
      ProblemException refused =
          assertThrows(
              ProblemException.class,
              () -> admin.act(staff, host, action, List.of(plain, 99998L, 99999L)));
      assertEquals(404, refused.status());
      assertEquals("Nothing was done: no host with id 99998, 99999.", refused.detail());
    }
    assertEquals(0, bookables(plain, null));
  }

  @Test
  void addressesSortAsAddressesWithEmptyOnesLastBothWays() throws Exception {
    List<String> ips = List.of("10.1.100.1", "10.1.2.1", "10.1.10.1", "10.1.1.5");
    for (int i = 0; i < ips.size(); i++) {
      long id = fixture.host("ipsort-" + i, "active");
      db.execute("UPDATE inventory_host SET ip = '" + ips.get(i) + "' WHERE id = " + id);
      db.execute(
          "INSERT INTO inventory_nic (mac, host_id, ip) VALUES ('02:00:00:00:10:0"
              + i
              + "', "
              + id
              + ", '"
              + ips.get(i)
              + "')");
    }
    fixture.host("ipsort-none", "active");
    AdminModel host = model("host");
    assertEquals(
        List.of("10.1.1.5", "10.1.2.1", "10.1.10.1", "10.1.100.1", ""),
        ips(admin.list(staff, host, "ipsort-", Map.of(), "ip", 1)));
    assertEquals(
        List.of("10.1.100.1", "10.1.10.1", "10.1.2.1", "10.1.1.5", ""),
        ips(admin.list(staff, host, "ipsort-", Map.of(), "-ip", 1)));
    assertEquals(
        List.of("10.1.1.5", "10.1.2.1", "10.1.10.1", "10.1.100.1"),
        ips(admin.list(staff, model("nic"), "02:00:00:00:10", Map.of(), "ip", 1)));
  }

  @Test
  void everyListColumnSortsDerivedOnesToo() throws Exception {
    // a derived column (a subquery, as a bookable's status on the host list) sorts as itself
    User root =
        new User(staff.id(), "root", "", "", "", true, true, true, Set.of(), Set.of(), null);
    for (AdminModel model : admin.models()) {
      for (String column : model.columns()) {
        for (String sort : List.of(column, "-" + column)) {
          assertNotNull(admin.list(root, model, null, Map.of(), sort, 1), model.name() + sort);
        }
      }
    }
  }

  private static List<String> ips(AdminDesk.Rows rows) {
    return rows.rows().stream().map(r -> r.get("ip")).toList();
  }

  @Test
  void aMacIsFoundInEveryFormatItsInputsAccept() throws Exception {
    long id = fixture.host("macsearch", "active");
    db.execute("INSERT INTO inventory_nic (mac, host_id) VALUES ('00:11:22:33:44:03', " + id + ")");
    for (String typed :
        List.of(
            "00:11:22:33:44:03",
            "00-11-22-33-44-03",
            "001122334403",
            "0011.2233.4403",
            "00-11-22-33-44-03".toUpperCase(java.util.Locale.ROOT),
            "33-44-03")) {
      AdminDesk.Rows hosts = admin.list(staff, model("host"), typed, Map.of(), "", 1);
      assertEquals(List.of(String.valueOf(id)), ids(hosts), typed);
      AdminDesk.Rows nics = admin.list(staff, model("nic"), typed, Map.of(), "", 1);
      assertEquals(1, nics.count(), typed);
    }
  }

  private static List<String> ids(AdminDesk.Rows rows) {
    return rows.rows().stream().map(r -> r.get("id")).toList();
  }

  @Test
  void aBadFilterValueIsRefusedAtItsFilter() {
    AdminModel host = model("host");
    for (Map<String, String> filters :
        List.of(Map.of("status", "bogus"), Map.of("lab", "abc"), Map.of("status", ""))) {
      if (filters.get("status") != null && filters.get("status").isEmpty()) {
        assertTrue(admin.list(staff, host, "", filters, "", 1).count() >= 0);
        continue;
      }
      ProblemException refused =
          assertThrows(ProblemException.class, () -> admin.list(staff, host, "", filters, "", 1));
      assertEquals(400, refused.status());
      assertTrue(
          refused.errors().containsKey(filters.keySet().iterator().next()), filters::toString);
    }
  }

  @Test
  void onlyTheActionsWhoseWritesTheUserMayMakeAreOffered() throws Exception {
    User hostsOnly =
        db.user(
            "hostsonly",
            true,
            Set.of(Models.HOST.permission("view"), Models.HOST.permission("change")));
    AdminModel host = model("host");
    Set<String> offered = admin.actions(hostsOnly, host);
    assertTrue(
        offered.stream().allMatch(a -> a.startsWith(HostActions.SET_STATUS)), offered::toString);
    assertTrue(!offered.isEmpty());
    assertEquals(host.actions().keySet(), admin.actions(staff, host));
  }
}
