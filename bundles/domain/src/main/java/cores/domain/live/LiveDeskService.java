package cores.domain.live;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.live.Conflict;
import cores.api.live.IgnoredMac;
import cores.api.live.Lab;
import cores.api.live.LabHosts;
import cores.api.live.LiveDashboard;
import cores.api.live.LiveDesk;
import cores.api.live.LiveHost;
import cores.api.live.LiveHosts;
import cores.api.live.NewNic;
import cores.api.live.OfflineHost;
import cores.api.live.UnknownDevices;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Inventory;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link LiveDesk} of the site's pages: the REST API's lists ({@link LiveLists}), actions
 * ({@link ConflictActions}), ignore list ({@link IgnoredMacs}) and MAC vendors ({@link Vendors}),
 * each read or change in a transaction of its own.
 */
@Component(service = LiveDesk.class)
public final class LiveDeskService implements LiveDesk {
  /** At most this many hosts of a lab are offered for a new NIC. */
  private static final int HOSTNAMES = 500;

  private final Transactions tx;
  private final ZoneId zone;
  private final Vendors vendors;
  private final Inventory inventory;
  private final LiveLists lists = new LiveLists();
  private final ConflictActions actions = new ConflictActions();
  private final IgnoredMacs macs = new IgnoredMacs();

  /**
   * @param mail its zone (CORES_TIME_ZONE); and for the inventory's checks, whose host rule mails
   *     holders when a host leaves active (never by adding a NIC)
   */
  @Activate
  public LiveDeskService(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference Vendors vendors,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.zone = mail.zone();
    this.vendors = vendors;
    this.inventory = new Inventory(new Bookables(mail, Clock.systemUTC()), mail.zone());
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public LiveDashboard dashboard(User viewer, int limit) {
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          Map<String, Object> facts = lists.dashboard(sql);
          List<Conflict> open = new ArrayList<>();
          for (String kind : List.of("nic", "location", "unknown")) {
            lists
                .conflicts(sql, kind, ConflictStatus.NEW, limit, 0)
                .rows()
                .forEach(row -> open.add(conflict(row)));
          }
          List<OfflineHost> offline =
              viewer.hasPermission(LiveLists.VIEW_WARNINGS)
                  ? lists.warnings(sql, ConflictStatus.NEW, limit, 0).rows().stream()
                      .map(LiveDeskService::warning)
                      .toList()
                  : null;
          Map<?, ?> counts = (Map<?, ?>) facts.get("conflicts");
          Map<?, ?> last = (Map<?, ?>) facts.get("last_scan");
          return new LiveDashboard(
              last == null
                  ? null
                  : new LiveDashboard.Scan(
                      (Long) last.get("id"),
                      (Instant) last.get("timestamp"),
                      (String) last.get("agent_identifier")),
              (Long) counts.get("unknown"),
              (Long) counts.get("nic"),
              (Long) counts.get("location"),
              (Long) facts.get("offline_warnings"),
              (Long) facts.get("nics"),
              open,
              offline);
        });
  }

  @Override
  public LiveHosts hosts(long offset, int limit) {
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          List<LiveHosts.LabCount> labs = labCounts(lists.hostLabs(sql));
          long count = total(labs);
          // none past the end: the count is known, the rows' query need not run
          List<Map<String, Object>> rows =
              offset < count ? lists.hostsByLab(sql, limit, offset) : List.of();
          return new LiveHosts(count, offset, labs, byLab(rows));
        });
  }

  /** Labs with their counts ({@code location}, {@code n}), each with the place of its first row. */
  private static List<LiveHosts.LabCount> labCounts(List<Map<String, Object>> rows) {
    List<LiveHosts.LabCount> labs = new ArrayList<>(rows.size());
    long first = 0;
    for (Map<String, Object> lab : rows) {
      long n = (Long) lab.get("n");
      labs.add(new LiveHosts.LabCount((String) lab.get("location"), n, first));
      first += n;
    }
    return labs;
  }

  private static long total(List<LiveHosts.LabCount> labs) {
    return labs.stream().mapToLong(LiveHosts.LabCount::hosts).sum();
  }

  /** Rows of consecutive hosts and devices, those of one lab together. */
  private static List<LabHosts> byLab(List<Map<String, Object>> rows) {
    Map<String, List<LiveHost>> byLab = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      byLab
          .computeIfAbsent((String) row.get("location"), lab -> new ArrayList<>())
          .add(
              new LiveHost(
                  (Long) row.get("host"),
                  (String) row.get("hostname"),
                  (String) row.get("mac"),
                  (String) row.get("ip"),
                  (String) row.get("hardware"),
                  (Instant) row.get("lastseen"),
                  (String) row.get("status"),
                  (String) row.get("bookable")));
    }
    List<LabHosts> labs = new ArrayList<>(byLab.size());
    byLab.forEach((lab, hosts) -> labs.add(new LabHosts(lab, hosts)));
    return labs;
  }

  @Override
  public UnknownDevices unknownDevices(long offset, int limit) {
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          List<LiveHosts.LabCount> labs = labCounts(lists.unknownLabs(sql));
          long count = total(labs);
          // none past the end: the count is known, the rows' query need not run
          List<Conflict> page =
              offset < count
                  ? lists
                      .conflicts(
                          sql,
                          "unknown",
                          "new,ignore",
                          LiveLists.Order.PLACE,
                          limit,
                          Math.toIntExact(offset))
                      .rows()
                      .stream()
                      .map(this::conflict)
                      .toList()
                  : List.of();
          return new UnknownDevices(count, offset, labs, page);
        });
  }

  @Override
  public Optional<Conflict> conflict(long id) {
    try {
      return Optional.of(conflict(tx.readOnly(em -> actions.get(Sql.of(em), id))));
    } catch (ProblemException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<Lab> labs() {
    List<Lab> labs = new ArrayList<>();
    for (Map<String, Object> row : tx.readOnly(em -> lists.labs(Sql.of(em)))) {
      List<Integer> racks = new ArrayList<>();
      for (Object number : (List<?>) row.get("racks")) {
        racks.add(((Number) number).intValue());
      }
      labs.add(
          new Lab(
              (Long) row.get("id"), (String) row.get("name"), (String) row.get("network"), racks));
    }
    return labs;
  }

  @Override
  public List<String> hostnames(long lab) {
    return tx.readOnly(em -> lists.hostnames(Sql.of(em), lab, HOSTNAMES));
  }

  @Override
  public List<IgnoredMac> ignoredMacs() {
    return tx.readOnly(em -> macs.list(Sql.of(em))).stream()
        .map(
            row ->
                new IgnoredMac(
                    (Long) row.get("id"),
                    (String) row.get("mac"),
                    (String) row.get("reason"),
                    (Instant) row.get("created")))
        .toList();
  }

  @Override
  public Conflict acceptIp(User actor, long id) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return conflict(tx.required(em -> actions.acceptIp(Sql.of(em), id)));
  }

  @Override
  public Conflict fixLocation(User actor, long id, Long lab, Long rack) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return conflict(tx.required(em -> actions.fixLocation(Sql.of(em), id, lab, rack, null)));
  }

  @Override
  public Conflict addNic(User actor, long id, NewNic nic) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    may(actor, ADD_NIC_PERMISSION);
    return conflict(
        tx.required(
            em -> {
              Sql sql = Sql.of(em);
              Map<String, Object> input = new LinkedHashMap<>();
              input.put("mac", nic.mac());
              input.put("ip", blank(nic.ip()) ? null : nic.ip().strip());
              input.put("host", host(sql, nic.hostname()));
              input.put("model", Objects.requireNonNullElse(nic.model(), "").strip());
              input.put("primary", nic.primary());
              input.put("integrated", nic.integrated());
              input.put("management", nic.management());
              return actions.addNic(sql, id, inventory, input);
            }));
  }

  @Override
  public Conflict resolve(User actor, long id) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return conflict(tx.required(em -> actions.resolve(Sql.of(em), id)));
  }

  @Override
  public Conflict ignore(User actor, long id) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return conflict(tx.required(em -> actions.ignore(Sql.of(em), id)));
  }

  @Override
  public Conflict ignoreMac(User actor, long id, String reason) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return conflict(tx.required(em -> actions.ignoreMac(Sql.of(em), id, macs, reason)));
  }

  @Override
  public boolean unignoreMac(User actor, long id) {
    may(actor, Permissions.CHANGE_SCANCONFLICT);
    return tx.required(em -> macs.remove(Sql.of(em), id));
  }

  @Override
  public OfflineHost resolveWarning(User actor, long id) {
    return setWarning(actor, id, ConflictStatus.RESOLVED);
  }

  @Override
  public OfflineHost ignoreWarning(User actor, long id) {
    return setWarning(actor, id, ConflictStatus.IGNORE);
  }

  private OfflineHost setWarning(User actor, long id, String status) {
    may(actor, Permissions.CHANGE_OFFLINEHOSTWARNING);
    return warning(tx.required(em -> lists.setWarningStatus(Sql.of(em), id, status)));
  }

  private static void may(User actor, String permission) {
    if (!actor.hasPermission(permission)) {
      throw Access.forbidden("This needs the permission " + permission + ".");
    }
  }

  /** The id of the host of that name (any case); null for none given; 400 at host if unknown. */
  private static Long host(Sql sql, String hostname) {
    if (blank(hostname)) {
      return null;
    }
    Map<String, Object> row =
        sql.row(
            "SELECT id FROM inventory_host WHERE lower(hostname) = lower(?)",
            List.of(hostname.strip()));
    if (row == null) {
      throw FieldErrors.single("host", "no host is called " + hostname.strip());
    }
    return (Long) row.get("id");
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private Conflict conflict(Map<String, Object> row) {
    String mac = (String) row.get("mac");
    return new Conflict(
        (Long) row.get("id"),
        Conflict.Kind.valueOf(((String) row.get("kind")).toUpperCase(Locale.ROOT)),
        (String) row.get("status"),
        mac,
        (String) row.get("ip"),
        mac == null ? null : vendors.vendor(mac),
        (Long) row.get("nic"),
        (String) row.get("nic_model"),
        (String) row.get("nic_ip"),
        (Long) row.get("host"),
        (String) row.get("hostname"),
        (String) row.get("rack"),
        (Long) row.get("lab"),
        (String) row.get("location"),
        (Instant) row.get("created"),
        (Instant) row.get("lastseen"),
        (Instant) row.get("scanned"),
        (String) row.get("agent"));
  }

  private static OfflineHost warning(Map<String, Object> row) {
    return new OfflineHost(
        (Long) row.get("id"),
        (Long) row.get("host"),
        (String) row.get("hostname"),
        (String) row.get("location"),
        (Instant) row.get("lastseen"),
        (Instant) row.get("timestamp"),
        (String) row.get("status"));
  }
}
