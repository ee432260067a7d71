package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Models;
import cores.persistence.ChangeLogService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A host on the admin pages: its NICs and cards changed, added and deleted with its own form in one
 * transaction (problems at the row's field, nothing written), and the host list's bulk actions,
 * which name the bookings and reservations not yet ended on the bookables they take out of active.
 */
class HostAdminTest extends AdminDeskTest {
  private static final Instant HOUR =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));

  @Override
  String staffName() {
    return "hostadmin";
  }

  @Override
  Set<String> permissions() {
    return Set.of(
        Bookables.MODEL.permission("add"),
        Bookables.MODEL.permission("change"),
        Bookables.MODEL.permission("view"),
        Models.HOST.permission("view"),
        Models.HOST.permission("add"),
        Models.HOST.permission("change"),
        Models.NIC.permission("view"),
        Models.NIC.permission("add"),
        Models.NIC.permission("change"),
        Models.NIC.permission("delete"),
        Models.CARD.permission("view"),
        Models.CARD.permission("add"));
  }

  private long nic(long host, String mac) throws Exception {
    db.execute("INSERT INTO inventory_nic (mac, host_id) VALUES ('" + mac + "', " + host + ")");
    return db.number("SELECT id FROM inventory_nic WHERE mac = '" + mac + "'");
  }

  private Map<String, String> hostValues(long host, String details) {
    Map<String, String> values = new LinkedHashMap<>(admin.get(staff, model("host"), host));
    values.remove("id");
    values.remove("ip");
    values.remove("lastseen");
    values.remove("bookable");
    values.put("details", details);
    return values;
  }

  private static Map<String, String> nicValues(String mac, boolean primary) {
    return Map.of(
        "model",
        "",
        "mac",
        mac,
        "integrated",
        "",
        "management",
        "",
        "primary",
        primary ? "on" : "",
        "ip",
        "");
  }

  /**
   * A host's history as the admin reads it, with the parts the desk declares: a NIC moved between
   * two hosts is in both, a deleted NIC's deletion in its host's, another host's NIC in neither.
   */
  @Test
  void aHostsHistoryHoldsItsNicsCardsAndBookablesChanges() throws Exception {
    ChangeLog changes = ChangeLogService.of(db.dataSource());
    long a = fixture.host("parts-a", "active");
    long b = fixture.host("parts-b", "active");
    long other = fixture.host("parts-other", "active");
    long moved = nic(a, "02:00:00:00:a0:01");
    long gone = nic(a, "02:00:00:00:a0:02");
    long elsewhere = nic(other, "02:00:00:00:a0:03");
    db.execute("UPDATE inventory_nic SET host_id = " + b + " WHERE id = " + moved);
    db.execute("DELETE FROM inventory_nic WHERE id = " + gone);
    db.execute("INSERT INTO booking_bookable (host_id, status) VALUES (" + a + ", 'active')");
    List<ChangeLog.Part> parts = admin.parts(model("host"));
    assertEquals(
        Set.of("nic", "card", "bookable"),
        parts.stream().map(ChangeLog.Part::model).collect(Collectors.toSet()));
    List<String> ofA = steps(changes.history("inventory", "host", a, parts, 100));
    assertTrue(ofA.contains("nic " + moved + " create"), ofA.toString());
    assertTrue(ofA.contains("nic " + moved + " update"), ofA.toString());
    assertTrue(ofA.contains("nic " + gone + " delete"), ofA.toString());
    assertTrue(ofA.stream().anyMatch(s -> s.startsWith("bookable ")), ofA.toString());
    List<String> ofB = steps(changes.history("inventory", "host", b, parts, 100));
    assertTrue(ofB.contains("nic " + moved + " update"), ofB.toString());
    assertFalse(ofB.contains("nic " + moved + " create"), "created on a: " + ofB);
    assertFalse(ofB.contains("nic " + gone + " delete"), ofB.toString());
    for (List<String> steps : List.of(ofA, ofB)) {
      assertFalse(
          steps.stream().anyMatch(s -> s.startsWith("nic " + elsewhere + " ")), steps.toString());
      assertFalse(steps.contains("host " + other + " create"), steps.toString());
    }
    assertTrue(admin.parts(model("nic")).isEmpty(), "a NIC has no parts");
  }

  private static List<String> steps(List<Change> changes) {
    return changes.stream().map(c -> c.model() + " " + c.objectId() + " " + c.action()).toList();
  }

  /**
   * A list page: references by their objects' labels, the count of every match (also past the last
   * page, which has no row to carry it), and each word searched in the host's columns or its NICs'
   * MACs.
   */
  @Test
  void aListPageCountsEveryMatchAndSearchesTheNicsMacsToo() throws Exception {
    long group = db.number("INSERT INTO auth_group (name) VALUES ('pagelist-team') RETURNING id");
    long first = fixture.host("pagelist-a", "active");
    fixture.host("pagelist-b", "active");
    fixture.host("pagelist-c", "retired");
    db.execute("UPDATE inventory_host SET group_id = " + group + " WHERE id = " + first);
    long other = fixture.host("pagelist-other", "offline");
    nic(other, "02:4c:15:7e:d0:01");
    AdminModel host = model("host");
    AdminDesk.Rows rows = admin.list(staff, host, "pagelist", Map.of(), "", 1);
    assertEquals(4, rows.count());
    assertEquals(
        List.of("pagelist-a", "pagelist-b", "pagelist-c", "pagelist-other"),
        rows.rows().stream().map(r -> r.get("hostname")).toList());
    assertEquals("R640", rows.rows().get(0).get("hardware"));
    assertEquals("pagelist-team", rows.rows().get(0).get("group"));
    assertEquals("", rows.rows().get(1).get("group"));
    assertEquals(2, admin.list(staff, host, "pagelist", Map.of("status", "active"), "", 1).count());
    AdminDesk.Rows beyond = admin.list(staff, host, "pagelist", Map.of(), "", 2);
    assertEquals(4, beyond.count());
    assertTrue(beyond.rows().isEmpty());
    AdminDesk.Rows byMac = admin.list(staff, host, "4C:15:7E", Map.of(), "", 1);
    assertEquals(
        List.of(String.valueOf(other)), byMac.rows().stream().map(r -> r.get("id")).toList());
    // every word somewhere: a hostname and a MAC of the same host, not of two
    assertEquals(1, admin.list(staff, host, "pagelist-other d0:01", Map.of(), "", 1).count());
    assertEquals(0, admin.list(staff, host, "pagelist-a d0:01", Map.of(), "", 1).count());
  }

  /**
   * As the original's list: each host's bookable state (its bookable's status, "none" without one),
   * its type (of its hardware) and lab (of its rack), shown and filtered by; a bulk action's change
   * shows on the next page, though the list is kept between requests.
   */
  @Test
  void theHostListShowsAndFiltersByBookableStateTypeAndLab() throws Exception {
    long plain = fixture.host("bstate-plain", "active");
    long bookable = fixture.bookable("bstate-booked", Bookables.ACTIVE);
    long booked = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    long otherLab =
        db.number(
            "INSERT INTO inventory_lab (name, building_id, network) VALUES ('bstate-lab', "
                + fixture.building
                + ", '10.9.0.0/16') RETURNING id");
    long otherRack =
        db.number(
            "INSERT INTO inventory_rack (number, lab_id) VALUES (3, "
                + otherLab
                + ") RETURNING id");
    long otherType =
        db.number("INSERT INTO inventory_hosttype (name) VALUES ('bstate-type') RETURNING id");
    long otherHardware =
        db.number(
            "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES ('bstate-hw', "
                + otherType
                + ") RETURNING id");
    db.execute(
        "UPDATE inventory_host SET rack_id = "
            + otherRack
            + ", hardware_id = "
            + otherHardware
            + " WHERE id = "
            + plain);
    try {
      listedByStateTypeAndLab(plain, booked, otherLab);
    } finally {
      // other tests count the hardware hosts refer to
      db.execute(
          "UPDATE inventory_host SET hardware_id = " + fixture.hardware + " WHERE id = " + plain);
    }
  }

  private void listedByStateTypeAndLab(long plain, long booked, long otherLab) {
    AdminModel host = model("host");
    assertTrue(host.columns().contains("bookable_status"), host.columns().toString());
    assertTrue(host.filters().containsAll(List.of("bookable_status", "host_type", "lab")));
    Map<String, String> state = new LinkedHashMap<>();
    for (Map<String, String> row : admin.list(staff, host, "bstate", Map.of(), "", 1).rows()) {
      state.put(row.get("hostname"), row.get("bookable_status"));
    }
    assertEquals(Map.of("bstate-plain", "none", "bstate-booked", "active"), state);
    assertEquals(
        List.of(String.valueOf(booked)),
        ids(admin.list(staff, host, "bstate", Map.of("bookable_status", "active"), "", 1)));
    assertEquals(
        List.of(String.valueOf(plain)),
        ids(admin.list(staff, host, "bstate", Map.of("bookable_status", "none"), "", 1)));
    assertEquals(
        List.of(String.valueOf(plain)),
        ids(admin.list(staff, host, "bstate", Map.of("lab", String.valueOf(otherLab)), "", 1)));
    assertEquals(
        List.of(String.valueOf(booked)),
        ids(
            admin.list(
                staff,
                host,
                "bstate",
                Map.of("host_type", String.valueOf(fixture.hostType)),
                "",
                1)));
    assertEquals(
        "bstate-lab",
        admin.filterOptions(staff, host, host.field("lab").orElseThrow()).get(otherLab));
    assertThrows(
        ProblemException.class,
        () -> admin.list(staff, host, "bstate", Map.of("bookable_status", "booked"), "", 1));
    // the list of a moment ago is kept between requests: the bulk action's change still shows
    admin.bulk(staff, host, HostActions.MAKE_BOOKABLE, List.of(plain));
    assertEquals(
        List.of(),
        ids(admin.list(staff, host, "bstate", Map.of("bookable_status", "none"), "", 1)));
    admin.bulk(staff, host, HostActions.SUSPEND, List.of(booked));
    assertEquals(
        List.of(String.valueOf(booked)),
        ids(admin.list(staff, host, "bstate", Map.of("bookable_status", "suspended"), "", 1)));
  }

  private static List<String> ids(AdminDesk.Rows rows) {
    return rows.rows().stream().map(r -> r.get("id")).toList();
  }

  @Test
  void theNicsOfAHostAreChangedDeletedAndAddedWithItInOneTransaction() throws Exception {
    long host = fixture.host("inline-ok", "active");
    long kept = nic(host, "02:11:00:00:00:01");
    long gone = nic(host, "02:11:00:00:00:02");
    long cardType = db.number("INSERT INTO inventory_cardtype (name) VALUES ('x-ct') RETURNING id");
    admin.update(
        staff,
        model("host"),
        host,
        hostValues(host, "with NICs"),
        List.of(
            new InlineChange("nic", kept, nicValues("02:11:00:00:00:0a", true), false),
            new InlineChange("nic", gone, Map.of(), true),
            // the deleted NIC's MAC may be taken by a new one in the same post
            new InlineChange("nic", 0, nicValues("02:11:00:00:00:02", false), false),
            new InlineChange(
                "card",
                0,
                Map.of("cardtype", String.valueOf(cardType), "details", "", "asset_no", "C-1"),
                false)));
    assertEquals(
        List.of("02:11:00:00:00:02|false", "02:11:00:00:00:0a|true"),
        db.texts(
            "SELECT mac::text || '|' || \"primary\" FROM inventory_nic WHERE host_id = "
                + host
                + " ORDER BY mac"));
    assertEquals(0, db.number("SELECT count(*) FROM inventory_nic WHERE id = " + gone));
    assertEquals(
        List.of("C-1"), db.texts("SELECT asset_no FROM inventory_card WHERE host_id = " + host));
    assertEquals(
        List.of("with NICs"), db.texts("SELECT details FROM inventory_host WHERE id = " + host));
    assertEquals(
        List.of("02:11:00:00:00:02", "02:11:00:00:00:0a"),
        admin.inlineRows(staff, model("nic"), model("host"), host).stream()
            .map(r -> r.get("mac"))
            .sorted()
            .toList());
  }

  @Test
  void anInvalidInlineRowIsRefusedAtItsFieldAndNothingIsWritten() throws Exception {
    long host = fixture.host("inline-bad", "active");
    long first = nic(host, "02:12:00:00:00:01");
    long second = nic(host, "02:12:00:00:00:02");
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                admin.update(
                    staff,
                    model("host"),
                    host,
                    hostValues(host, "never written"),
                    List.of(
                        new InlineChange("nic", first, nicValues("02:12", false), false),
                        new InlineChange("nic", second, Map.of(), true),
                        new InlineChange("nic", 0, nicValues("nope", false), false))));
    assertEquals(400, e.status());
    assertTrue(
        e.errors().get("nic-" + first + "-mac").get(0).startsWith("not a MAC address"),
        e.errors().toString());
    assertTrue(e.errors().containsKey("nic-new-mac"), e.errors().toString());
    assertEquals(
        List.of("02:12:00:00:00:01", "02:12:00:00:00:02"),
        db.texts("SELECT mac::text FROM inventory_nic WHERE host_id = " + host + " ORDER BY id"));
    assertEquals(List.of(""), db.texts("SELECT details FROM inventory_host WHERE id = " + host));

    // a MAC another NIC has: refused by the database at the row's field, the host rolled back
    nic(fixture.host("inline-other", "active"), "02:12:00:00:00:09");
    ProblemException taken =
        assertThrows(
            ProblemException.class,
            () ->
                admin.update(
                    staff,
                    model("host"),
                    host,
                    hostValues(host, "never written"),
                    List.of(
                        new InlineChange(
                            "nic", first, nicValues("02:12:00:00:00:09", false), false))));
    assertEquals(List.of("already taken"), taken.errors().get("nic-" + first + "-mac"));
    assertEquals(List.of(""), db.texts("SELECT details FROM inventory_host WHERE id = " + host));
  }

  @Test
  void aHostIsAddedWithItsNicsInOneTransactionOrNotAtAll() throws Exception {
    Map<String, String> values = hostValues(fixture.host("inline-template", "active"), "new");
    values.put("hostname", "inline-added");
    Map<String, String> nic = new LinkedHashMap<>(nicValues("02:14:00:00:00:01", true));
    nic.put("ip", "10.1.0.14");
    long added =
        admin.create(staff, model("host"), values, List.of(new InlineChange("nic", 0, nic, false)));
    assertEquals(
        List.of("02:14:00:00:00:01|true"),
        db.texts(
            "SELECT mac::text || '|' || \"primary\" FROM inventory_nic WHERE host_id = " + added));
    // one save, one entry each: the host's IP derived from its NIC is in the host's create, not
    // an update of its own
    assertEquals(
        List.of("host create 10.1.0.14", "nic create 10.1.0.14"),
        db.texts(
            "SELECT model || ' ' || action || ' ' || host((after ->> 'ip')::inet) FROM cores_change"
                + " WHERE (model = 'host' AND object_id = "
                + added
                + ") OR (model = 'nic' AND after ->> 'host_id' = '"
                + added
                + "') ORDER BY at"));

    // a bad row and a MAC another NIC has: refused at the row's field, the host rolled back
    values.put("hostname", "inline-refused");
    ProblemException bad =
        refusedCreate(values, new InlineChange("nic", 0, nicValues("nope", false), false));
    assertTrue(bad.errors().containsKey("nic-new-mac"), bad.errors().toString());
    ProblemException taken =
        refusedCreate(
            values, new InlineChange("nic", 0, nicValues("02:14:00:00:00:01", false), false));
    assertEquals(List.of("already taken"), taken.errors().get("nic-new-mac"));
    // several new rows: each row's problems at its own fields, by its slot among the blank rows
    ProblemException third =
        refusedCreate(
            values,
            new InlineChange("nic", 0, nicValues("02:14:00:00:00:02", false), false, 0),
            new InlineChange("nic", 0, nicValues("nope", false), false, 2));
    assertEquals(Set.of("nic-new3-mac"), third.errors().keySet());
    // a new host's form cannot reach a NIC that exists
    long other = db.number("SELECT id FROM inventory_nic WHERE host_id = " + added);
    assertEquals(
        404, refusedCreate(values, new InlineChange("nic", other, Map.of(), true)).status());
    assertEquals(
        0, db.number("SELECT count(*) FROM inventory_host WHERE hostname = 'inline-refused'"));
    assertEquals(
        List.of(String.valueOf(added)),
        db.texts("SELECT host_id::text FROM inventory_nic WHERE id = " + other));
  }

  /** The refusal of a host's add form posted with these inline rows. */
  private ProblemException refusedCreate(Map<String, String> values, InlineChange... rows) {
    return assertThrows(
        ProblemException.class, () -> admin.create(staff, model("host"), values, List.of(rows)));
  }

  @Test
  void anInlineRowOfAnotherObjectOrWithoutThePermissionIsRefused() throws Exception {
    long host = fixture.host("inline-mine", "active");
    long other = nic(fixture.host("inline-theirs", "active"), "02:13:00:00:00:01");
    assertEquals(
        404,
        assertThrows(
                ProblemException.class,
                () ->
                    admin.update(
                        staff,
                        model("host"),
                        host,
                        hostValues(host, "x"),
                        List.of(new InlineChange("nic", other, Map.of(), true))))
            .status());
    assertEquals(1, db.number("SELECT count(*) FROM inventory_nic WHERE id = " + other));
    long card = db.number("SELECT count(*) FROM inventory_card");
    assertEquals(
        403,
        assertThrows(
                ProblemException.class,
                () ->
                    admin.update(
                        staff,
                        model("host"),
                        host,
                        hostValues(host, "x"),
                        List.of(new InlineChange("card", 1, Map.of(), true))))
            .status());
    assertEquals(card, db.number("SELECT count(*) FROM inventory_card"));
  }

  /** A bookable with a booking ahead and an open reservation; their owners' usernames. */
  private List<String> held(String name, long bookable) throws Exception {
    User booker = db.user(name + "-b", false, Set.of());
    User reserver = db.user(name + "-r", false, Set.of());
    fixture.booking(bookable, booker.id(), HOUR, HOUR.plus(Duration.ofHours(2)));
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
            + bookable
            + ", "
            + reserver.id()
            + ", '"
            + HOUR.plus(Duration.ofDays(1))
            + "')");
    // an ended booking is no concern
    fixture.booking(
        bookable, booker.id(), HOUR.minus(Duration.ofDays(3)), HOUR.minus(Duration.ofDays(2)));
    return List.of(booker.username(), reserver.username());
  }

  @Test
  void leavingActiveNamesTheHoldsNotEndedThenSuspendsTheBookable() throws Exception {
    long bookable = fixture.bookable("bulk-missing", "active");
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    List<String> owners = held("bulk-missing", bookable);
    long quiet = fixture.host("bulk-quiet", "active");

    List<AdminDesk.Hold> holds =
        admin.affected(staff, model("host"), "status_missing", List.of(host, quiet));
    assertEquals(
        List.of("booking " + owners.get(0), "reservation " + owners.get(1)),
        holds.stream().map(h -> h.kind() + " " + h.owner()).toList());
    assertEquals("bulk-missing", holds.get(0).host());
    assertEquals(HOUR, holds.get(0).start());
    assertEquals(null, holds.get(1).end());
    // staying active, or a host not active, takes nothing out of active
    assertEquals(List.of(), admin.affected(staff, model("host"), "status_active", List.of(host)));
    assertEquals(List.of(), admin.affected(staff, model("host"), "bookable", List.of(host)));

    admin.bulk(staff, model("host"), "status_missing", List.of(host, quiet));
    assertEquals(
        List.of("missing", "missing"),
        db.texts("SELECT status FROM inventory_host WHERE id IN (" + host + ", " + quiet + ")"));
    assertEquals(
        List.of("suspended"),
        db.texts("SELECT status FROM booking_bookable WHERE id = " + bookable));
    assertEquals(List.of(), admin.affected(staff, model("host"), "status_retired", List.of(host)));
  }

  @Test
  void suspendingAndDeactivatingBookablesFromTheHostList() throws Exception {
    long bookable = fixture.bookable("bulk-suspend", "active");
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    held("bulk-suspend", bookable);
    long without = fixture.host("bulk-no-bookable", "active");
    assertEquals(2, admin.affected(staff, model("host"), "suspend", List.of(host)).size());
    assertEquals(
        2, admin.affected(staff, model("bookable"), "set_inactive", List.of(bookable)).size());
    admin.bulk(staff, model("host"), "suspend", List.of(host, without));
    assertEquals(
        List.of("suspended"),
        db.texts("SELECT status FROM booking_bookable WHERE id = " + bookable));
    assertEquals(0, db.number("SELECT count(*) FROM booking_bookable WHERE host_id = " + without));
    assertEquals(List.of(), admin.affected(staff, model("host"), "make_inactive", List.of(host)));
    admin.bulk(staff, model("host"), "make_inactive", List.of(host));
    assertEquals(
        List.of("inactive"),
        db.texts("SELECT status FROM booking_bookable WHERE id = " + bookable));
    assertEquals(
        400,
        assertThrows(
                ProblemException.class,
                () -> admin.bulk(staff, model("host"), "status_gone", List.of(host)))
            .status());
  }

  @Test
  void aHistoryShowsFieldsByTheirNamesAndReferencesByTheirLabels() throws Exception {
    long host = fixture.host("history-labels", "active");
    String hardware =
        db.texts("SELECT name FROM inventory_hosthardware WHERE id = " + fixture.hardware).get(0);
    Change change =
        new Change(
            "c1",
            HOUR,
            staff.id(),
            staff.username(),
            null,
            null,
            "inventory",
            "host",
            host,
            "update",
            List.of(
                new Change.FieldChange("hardware_id", null, String.valueOf(fixture.hardware)),
                new Change.FieldChange("rack_id", "999999", null),
                new Change.FieldChange("details", "a", "b")));
    List<Change.FieldChange> fields =
        admin.readable(staff, model("host"), List.of(change)).get(0).fields();
    assertEquals(
        List.of(
            new Change.FieldChange("hardware", null, hardware),
            new Change.FieldChange("rack", "#999999", null),
            new Change.FieldChange("details", "a", "b")),
        fields);
  }
}
