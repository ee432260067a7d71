package cores.domain.inventory;

import cores.domain.inventory.Field.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory models of DOMAIN.md as the API serves them: fields and columns have the original's
 * names (its serializers exposed the models' own), so its import scripts work unchanged.
 */
public final class Models {
  public static final List<String> HOST_STATUSES =
      List.of("active", "missing", "retired", "on_loan", "unknown", "offline", "new");

  /** One valid input per model, for the API description (ids as in a fresh database). */
  private static final Map<String, Map<String, Object>> EXAMPLES =
      Map.ofEntries(
          Map.entry("building", Map.of("code", "MAIN", "comment", "Main building")),
          Map.entry("lab", Map.of("name", "Lab 1", "building", 1, "network", "192.0.2.0/24")),
          Map.entry("rack", Map.of("number", 1, "lab", 1, "comment", "by the window")),
          Map.entry("hosttype", Map.of("name", "Server", "details", "rack-mounted servers")),
          Map.entry("hosthardware", Map.of("name", "PowerEdge R650", "host_type", 1)),
          Map.entry("hdvendor", Map.of("vendor", "Samsung")),
          Map.entry("cardtype", Map.of("name", "100G NIC", "comments", "QSFP28")),
          Map.entry(
              "card",
              Map.of("cardtype", 1, "details", "ConnectX-6", "asset_no", "A-1001", "host", 1)),
          Map.entry(
              "host",
              Map.of(
                  "hostname",
                  "node01",
                  "serial_no",
                  "SN-0001",
                  "asset_no",
                  "A-0001",
                  "hardware",
                  1,
                  "rack",
                  1,
                  "status",
                  "active")),
          Map.entry(
              "nic",
              Map.of("mac", "52:54:00:12:34:56", "primary", true, "host", 1, "ip", "192.0.2.10")));

  public static final Model BUILDING =
      model(
          "building",
          List.of(Field.text("code", 8, true), Field.lines("comment", 100_000, false)),
          List.of(),
          "code");
  public static final Model LAB =
      model(
          "lab",
          List.of(
              Field.text("name", 100, true),
              Field.ref("building", "inventory_building", false),
              Field.lines("comment", 100_000, false),
              Field.address("network", Kind.CIDR, false)),
          List.of(),
          "name");
  public static final Model RACK =
      model(
          "rack",
          List.of(
              Field.number("number", 0),
              Field.ref("lab", "inventory_lab", true),
              Field.lines("comment", 100_000, false)),
          List.of(Field.ref("lab", "inventory_lab", false)),
          "lab_id, number");
  public static final Model HOSTTYPE =
      model(
          "hosttype",
          List.of(Field.text("name", 100, true), Field.lines("details", 100_000, false)),
          List.of(),
          "name");
  public static final Model HOSTHARDWARE =
      model(
          "hosthardware",
          List.of(
              Field.text("name", 100, true),
              Field.lines("details", 100_000, false),
              Field.ref("host_type", "inventory_hosttype", false)),
          List.of(),
          "name");
  public static final Model HDVENDOR =
      model("hdvendor", List.of(Field.text("vendor", 100, true)), List.of(), "vendor");
  public static final Model CARDTYPE =
      model(
          "cardtype",
          List.of(Field.text("name", 100, true), Field.lines("comments", 100_000, false)),
          List.of(),
          "name");
  public static final Model CARD =
      model(
          "card",
          List.of(
              Field.ref("cardtype", "inventory_cardtype", true),
              Field.lines("details", 100_000, false),
              Field.text("asset_no", 100),
              Field.ref("host", "inventory_host", false)),
          List.of(Field.ref("host", "inventory_host", false)),
          "id");
  public static final Model HOST =
      model(
          "host",
          List.of(
              Field.text("hostname", 100, true),
              Field.text("serial_no", 100),
              Field.text("asset_no", 100),
              Field.ref("diskvendor", "inventory_hdvendor", false),
              Field.ref("hardware", "inventory_hosthardware", true),
              Field.ref("rack", "inventory_rack", false),
              Field.bool("hypervisor"),
              Field.ref("vm_host", "inventory_host", false),
              Field.lines("details", 100_000, false),
              Field.ref("owner", "accounts_user_v1", false),
              Field.ref("group", "accounts_group_v1", false),
              Field.choice("status", HOST_STATUSES).initially("new"),
              Field.address("ip", Kind.INET, false).derived(),
              new Field("lastseen", "lastseen", Kind.TIME, false, 0, null, List.of(), false)),
          List.of(Field.text("hostname", 100), Field.address("mac", Kind.MAC, false)),
          "lower(hostname)");
  public static final Model NIC =
      model(
          "nic",
          List.of(
              Field.text("model", 100),
              Field.address("mac", Kind.MAC, true),
              Field.bool("integrated"),
              Field.bool("management"),
              Field.bool("primary"),
              Field.ref("host", "inventory_host", false),
              Field.address("ip", Kind.INET, false),
              new Field("lastseen", "lastseen", Kind.TIME, false, 0, null, List.of(), false)),
          List.of(
              Field.ref("host", "inventory_host", false), Field.address("mac", Kind.MAC, false)),
          "id");

  /** Path segment to model, including the original's {@code *byid} aliases. */
  public static final Map<String, Model> BY_PATH =
      Map.ofEntries(
          Map.entry("building", BUILDING),
          Map.entry("lab", LAB),
          Map.entry("rack", RACK),
          Map.entry("hosttype", HOSTTYPE),
          Map.entry("hosthardware", HOSTHARDWARE),
          Map.entry("hdvendor", HDVENDOR),
          Map.entry("cardtype", CARDTYPE),
          Map.entry("card", CARD),
          Map.entry("host", HOST),
          Map.entry("hostbyid", HOST),
          Map.entry("nic", NIC),
          Map.entry("nicbyid", NIC));

  private Models() {}

  public static Optional<Model> byPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  private static Model model(String name, List<Field> fields, List<Field> filters, String order) {
    return new Model("inventory", name, "inventory_" + name, fields, filters, order)
        .withExample(EXAMPLES.getOrDefault(name, Map.of()));
  }
}
