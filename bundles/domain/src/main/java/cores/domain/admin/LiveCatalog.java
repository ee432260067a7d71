package cores.domain.admin;

import static cores.domain.admin.Catalog.SINCE_CHOICES;
import static cores.domain.admin.Catalog.derived;

import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import cores.domain.live.ConflictActions;
import cores.domain.live.ConflictStatus;
import cores.domain.live.IgnoredMacs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live ingest's models as the admin shows them: scan sessions, conflicts, offline host warnings
 * and virtual hosts are read-only (the scans and the nightly job write them; people act on
 * conflicts and warnings through their bulk actions, {@link LiveWrites}); ignored MACs are added
 * and deleted. Columns follow the original's admin; filters are kind, status and lab where the
 * model has them.
 */
final class LiveCatalog {
  /** The conflicts' bulk actions: the REST API's and the live pages' actions on a conflict. */
  static final String ACCEPT = ConflictActions.ACCEPT;

  static final String RESOLVE = ConflictActions.RESOLVE;
  static final String IGNORE = ConflictActions.IGNORE;
  static final String IGNORE_MAC = ConflictActions.IGNORE_MAC;

  private static final List<String> STATUSES =
      List.of(
          ConflictStatus.NEW, ConflictStatus.RESOLVED, ConflictStatus.IGNORE, ConflictStatus.SUPER);

  /** Nothing is added, changed or deleted through the generic forms. */
  private static final Set<String> READ_ONLY = Set.of();

  static final Model SCANSESSION =
      new Model(
          "live",
          "scansession",
          "live_scansession",
          List.of(
              derived("timestamp", "scanned", Kind.TIME, null, SINCE_CHOICES),
              derived("agent_identifier", "agent", Kind.TEXT, null, List.of()),
              derived("processed", "processed", Kind.BOOL, null, List.of()),
              derived("received", "created", Kind.TIME, null, List.of()),
              derived(
                  "entries",
                  "(SELECT coalesce(sum(e.value::bigint), 0)::bigint"
                      + " FROM jsonb_each_text(live_scansession.counts) e)",
                  Kind.INT,
                  null,
                  List.of()),
              derived("counts", "counts::text", Kind.TEXT, null, List.of()),
              derived(
                  "conflicts",
                  "(SELECT count(*) FROM live_scanconflict c"
                      + " WHERE c.session_id = live_scansession.id)",
                  Kind.INT,
                  null,
                  List.of())),
          List.of(),
          "scanned DESC");

  /** A NIC conflict's NIC, as SQL over live_scanconflict. */
  private static final String NIC = "(SELECT n.%s FROM inventory_nic n WHERE n.id = %s.nic_id)";

  static final Model SCANCONFLICT =
      new Model(
          "live",
          "scanconflict",
          "live_scanconflict",
          List.of(
              derived("kind", "kind", Kind.CHOICE, null, List.of("unknown", "nic", "location")),
              derived("status", "status", Kind.CHOICE, null, STATUSES),
              // a location conflict's host, or a NIC conflict's NIC's
              derived(
                  "hostname",
                  "(SELECT h.hostname FROM inventory_host h WHERE h.id = coalesce("
                      + "live_scanconflict.host_id, "
                      + String.format(NIC, "host_id", "live_scanconflict")
                      + "))",
                  Kind.TEXT,
                  null,
                  List.of()),
              // an unknown device's MAC, or a NIC conflict's NIC's
              derived(
                  "mac",
                  "coalesce(live_scanconflict.mac, "
                      + String.format(NIC, "mac", "live_scanconflict")
                      + ")",
                  Kind.MAC,
                  null,
                  List.of()),
              derived("ip", "ip", Kind.INET, null, List.of()),
              derived(
                  "nic_ip",
                  String.format(NIC, "ip", "live_scanconflict"),
                  Kind.INET,
                  null,
                  List.of()),
              derived("lab", "lab_id", Kind.REF, "inventory_lab", List.of()),
              derived("host", "host_id", Kind.REF, "inventory_host", List.of()),
              derived("nic", "nic_id", Kind.REF, "inventory_nic", List.of()),
              derived("scan", "session_id", Kind.REF, "live_scansession", List.of()),
              derived("created", "created", Kind.TIME, null, List.of()),
              derived("lastseen", "lastseen", Kind.TIME, null, SINCE_CHOICES)),
          List.of(),
          "lastseen DESC");

  /** A warning's host's column, as SQL over live_offlinehostwarning. */
  private static final String HOST =
      "(SELECT h.%s FROM inventory_host h WHERE h.id = live_offlinehostwarning.host_id)";

  static final Model OFFLINEHOSTWARNING =
      new Model(
          "live",
          "offlinehostwarning",
          "live_offlinehostwarning",
          List.of(
              derived("hostname", String.format(HOST, "hostname"), Kind.TEXT, null, List.of()),
              derived("host", "host_id", Kind.REF, "inventory_host", List.of()),
              derived("status", "status", Kind.CHOICE, null, STATUSES),
              // the lab of the host's rack, as the original's list showed it
              derived(
                  "lab",
                  "(SELECT r.lab_id FROM inventory_host h JOIN inventory_rack r"
                      + " ON r.id = h.rack_id WHERE h.id = live_offlinehostwarning.host_id)",
                  Kind.REF,
                  "inventory_lab",
                  List.of()),
              derived("host_lastseen", String.format(HOST, "lastseen"), Kind.TIME, null, List.of()),
              // the host's lastseen when it was warned about
              derived("lastseen", "lastseen", Kind.TIME, null, List.of()),
              derived("timestamp", "created", Kind.TIME, null, SINCE_CHOICES)),
          List.of(),
          "created DESC");

  static final Model IGNOREDMAC =
      new Model(
          "live",
          "ignoredmac",
          "live_ignoredmac",
          List.of(
              Field.address("mac", Kind.MAC, true),
              Field.prose("reason", IgnoredMacs.REASON_MAX, false),
              derived("created", "created", Kind.TIME, null, List.of())),
          List.of(),
          "created DESC");

  static final Model VIRTUALHOST =
      new Model(
          "live",
          "virtualhost",
          "live_virtualhost",
          List.of(
              derived("mac", "mac", Kind.MAC, null, List.of()),
              derived("ip", "ip", Kind.INET, null, List.of()),
              derived("lab", "lab_id", Kind.REF, "inventory_lab", List.of()),
              derived("status", "status", Kind.CHOICE, null, List.of("active", "old")),
              derived("firstseen", "firstseen", Kind.TIME, null, List.of()),
              derived("lastseen", "lastseen", Kind.TIME, null, SINCE_CHOICES)),
          List.of(),
          "lastseen DESC");

  static final List<AdminDeskService.Served> SERVED =
      List.of(
          Catalog.served(
              SCANSESSION,
              "Scan sessions",
              List.of(
                  "timestamp", "agent_identifier", "processed", "received", "entries", "conflicts"),
              List.of("timestamp", "processed"),
              Map.of(),
              READ_ONLY),
          Catalog.served(
              SCANCONFLICT,
              "Scan conflicts",
              List.of("kind", "status", "hostname", "mac", "ip", "lab", "lastseen"),
              List.of("kind", "status", "lab"),
              Map.of(
                  ACCEPT,
                  BulkAction.of(
                      "Accept the seen IP (NIC conflicts)", "resolved by accepting the seen IP"),
                  IGNORE,
                  BulkAction.of("Ignore", "ignored"),
                  IGNORE_MAC,
                  BulkAction.of("Ignore the MAC (unknown devices)", "ignored by MAC"),
                  RESOLVE,
                  BulkAction.of("Mark resolved", "marked resolved")),
              READ_ONLY),
          Catalog.served(
              OFFLINEHOSTWARNING,
              "Offline host warnings",
              List.of("hostname", "status", "lab", "host_lastseen", "timestamp"),
              List.of("status", "lab", "timestamp"),
              Map.of(
                  IGNORE,
                  BulkAction.of("Ignore", "ignored"),
                  RESOLVE,
                  BulkAction.of("Mark resolved", "marked resolved")),
              READ_ONLY),
          Catalog.served(
              IGNOREDMAC,
              "Ignored MACs",
              List.of("mac", "reason", "created"),
              List.of(),
              Map.of(),
              Set.of("add", "delete")),
          Catalog.served(
              VIRTUALHOST,
              "Virtual hosts",
              List.of("mac", "ip", "lab", "status", "firstseen", "lastseen"),
              List.of("status", "lab", "lastseen"),
              Map.of(),
              READ_ONLY));

  private LiveCatalog() {}
}
