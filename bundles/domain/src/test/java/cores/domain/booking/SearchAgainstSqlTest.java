package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cores.domain.DomainDatabase;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The search from memory answers what PostgreSQL answers: for many filter combinations, orders,
 * pages, users and instants, its count, its page's bookables in order and their booked and reserved
 * columns equal those of a plain SQL statement of API.md's filters. The hostnames are compared
 * under an ICU collation (whose order is not Java's order of the lowered names, which the test
 * checks), IPs repeat, are missing or IPv6, and some hosts have no rack, lab without building or
 * hardware without type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchAgainstSqlTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** The reference: API.md's filters as one plain statement, ordered as the search orders. */
  private static final String REFERENCE =
      "SELECT b.id, cur.end_time AS booked_until, u.username AS booked_by,"
          + " EXISTS (SELECT 1 FROM booking_reservation rs WHERE rs.bookable_id = b.id"
          + " AND tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz) AS reserved"
          + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
          + " JOIN inventory_hosthardware hw ON hw.id = h.hardware_id"
          + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
          + " LEFT JOIN inventory_lab l ON l.id = r.lab_id"
          + " LEFT JOIN booking_booking cur ON cur.bookable_id = b.id"
          + " AND tstzrange(cur.start_time, cur.end_time) @> ?::timestamptz"
          + " LEFT JOIN accounts_user_v1 u ON u.id = cur.owner_id"
          + " WHERE (NOT ? OR b.status = 'active')"
          + " AND (NOT ? OR h.owner_id = ?)"
          + " AND (NOT ? OR h.group_id IN"
          + " (SELECT group_id FROM accounts_membership_v1 WHERE user_id = ?))"
          + " AND (cardinality(?::bigint[]) = 0 OR l.id = ANY (?::bigint[]))"
          + " AND (cardinality(?::bigint[]) = 0 OR l.building_id = ANY (?::bigint[]))"
          + " AND (cardinality(?::bigint[]) = 0 OR hw.id = ANY (?::bigint[]))"
          + " AND (cardinality(?::bigint[]) = 0 OR hw.host_type_id = ANY (?::bigint[]))"
          + " AND (NOT ? OR NOT EXISTS (SELECT 1 FROM booking_reservation rs"
          + " WHERE rs.bookable_id = b.id AND tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz))"
          + " AND (NOT ? OR cur.id IS NULL)"
          + " ORDER BY ";

  private static final Map<String, String> ORDERS =
      Map.of(
          "hostname", "lower(h.hostname), b.id",
          "-hostname", "lower(h.hostname) DESC, b.id",
          "ip", "h.ip NULLS LAST, lower(h.hostname), b.id",
          "-ip", "h.ip DESC NULLS LAST, lower(h.hostname), b.id");

  private final SearchCache cache = new SearchCache(new BookableSearch(ZoneOffset.UTC));
  private final Random random = new Random(20261204);
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private final List<Long> users = new ArrayList<>();
  private final List<Long> labs = new ArrayList<>();
  private final List<Long> buildings = new ArrayList<>();
  private final List<Long> hardware = new ArrayList<>();
  private final List<Long> types = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    // names compared as people read them, not by code point: the search must not care (the
    // change markers' triggers name the column, so they are dropped and created again around it)
    String named =
        " FROM pg_trigger WHERE tgname IN ('domain_changed', 'domain_row_changed',"
            + " 'domain_changed_hostname') AND tgrelid = 'inventory_host'::regclass ORDER BY oid";
    List<String> triggers = db.texts("SELECT pg_get_triggerdef(oid)" + named);
    List<String> alter = new ArrayList<>();
    for (String trigger : db.texts("SELECT tgname::text" + named)) {
      alter.add("DROP TRIGGER " + trigger + " ON inventory_host");
    }
    alter.add(
        "ALTER TABLE inventory_host ALTER COLUMN hostname TYPE varchar(100) COLLATE \"und-x-icu\"");
    db.execute(alter.toArray(String[]::new));
    db.execute(triggers.toArray(String[]::new));
    for (String name : List.of("ann", "bob", "cid")) {
      users.add(db.user(name, false, Set.of()).id());
    }
    for (int g = 0; g < 3; g++) {
      long group = db.number("INSERT INTO auth_group (name) VALUES ('g" + g + "') RETURNING id");
      db.execute(
          "INSERT INTO auth_user_groups (user_id, group_id) VALUES ("
              + users.get(g)
              + ", "
              + group
              + ")");
      if (g == 0) {
        db.execute(
            "INSERT INTO auth_user_groups (user_id, group_id) VALUES ("
                + users.get(1)
                + ", "
                + group
                + ")");
      }
    }
    for (int i = 0; i < 2; i++) {
      buildings.add(
          db.number("INSERT INTO inventory_building (code) VALUES ('B" + i + "') RETURNING id"));
      types.add(
          db.number("INSERT INTO inventory_hosttype (name) VALUES ('t" + i + "') RETURNING id"));
    }
    List<Long> racks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // the third lab has no building
      labs.add(
          db.number(
              "INSERT INTO inventory_lab (name, building_id, network) VALUES ('lab"
                  + i
                  + "', "
                  + (i < 2 ? buildings.get(i) : "NULL")
                  + ", '10."
                  + i
                  + ".0.0/16') RETURNING id"));
      for (int r = 0; r < 2; r++) {
        racks.add(
            db.number(
                "INSERT INTO inventory_rack (number, lab_id) VALUES ("
                    + r
                    + ", "
                    + labs.get(i)
                    + ") RETURNING id"));
      }
    }
    for (int i = 0; i < 4; i++) {
      // the fourth hardware has no host type
      hardware.add(
          db.number(
              "INSERT INTO inventory_hosthardware (name, host_type_id) VALUES ('hw"
                  + i
                  + "', "
                  + (i < 3 ? types.get(i % 2) : "NULL")
                  + ") RETURNING id"));
    }
    String[] stems = {"alpha", "Alpha_", "ALPHA-", "beta", "béta", "Beta.", "zeta", "Éclair", "_x"};
    String[] ips = {"10.0.0.5", "10.0.0.40", "10.0.0.5", "2001:db8::1", "192.168.1.1", null};
    String[] statuses = {"active", "active", "active", "suspended", "created", "inactive"};
    int n = 0;
    for (String stem : stems) {
      for (int k = 0; k < 12; k++, n++) {
        String ip = ips[random.nextInt(ips.length)];
        long host =
            db.number(
                "INSERT INTO inventory_host (hostname, hardware_id, rack_id, status, ip, owner_id,"
                    + " group_id) VALUES ('"
                    + stem
                    + k
                    + "', "
                    + hardware.get(random.nextInt(hardware.size()))
                    + ", "
                    + (random.nextInt(8) == 0 ? "NULL" : racks.get(random.nextInt(racks.size())))
                    + ", 'active', "
                    + (ip == null ? "NULL" : "'" + ip + "'")
                    + ", "
                    + (random.nextInt(4) == 0 ? "NULL" : users.get(random.nextInt(3)))
                    + ", (SELECT id FROM auth_group WHERE name = 'g"
                    + random.nextInt(4)
                    + "')) RETURNING id");
        long bookable =
            db.number(
                "INSERT INTO booking_bookable (host_id, status) VALUES ("
                    + host
                    + ", '"
                    + statuses[random.nextInt(statuses.length)]
                    + "') RETURNING id");
        // bookings of an hour to two days, one after the other, from a day ago to two days ahead
        Instant start = NOW.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(random.nextInt(600)));
        while (start.isBefore(NOW.plus(Duration.ofDays(2)))) {
          Instant end = start.plus(Duration.ofMinutes(60 + random.nextInt(48 * 60)));
          db.execute(
              "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
                  + bookable
                  + ", "
                  + users.get(random.nextInt(3))
                  + ", '"
                  + start
                  + "', '"
                  + end
                  + "')");
          start = end.plus(Duration.ofMinutes(random.nextInt(600)));
        }
        if (n % 5 == 0) {
          // reservations: open ones, ended ones and ones to come
          Instant from = NOW.plus(Duration.ofHours(random.nextInt(48) - 24));
          db.execute(
              "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time)"
                  + " VALUES ("
                  + bookable
                  + ", "
                  + users.get(0)
                  + ", '"
                  + from
                  + "', "
                  + (n % 10 == 0 ? "NULL" : "'" + from.plus(Duration.ofHours(12)) + "'")
                  + ")");
        }
      }
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void theCollationIsNotJavasOrderOfTheLoweredNames() {
    List<String> byDatabase =
        tx.readOnly(
            em ->
                Sql.of(em)
                    .rows("SELECT hostname FROM inventory_host ORDER BY lower(hostname)", List.of())
                    .stream()
                    .map(r -> (String) r.get("hostname"))
                    .toList());
    List<String> byJava =
        byDatabase.stream()
            .sorted(Comparator.comparing(name -> name.toLowerCase(Locale.ROOT)))
            .toList();
    assertNotEquals(byJava, byDatabase);
  }

  @Test
  void everyCombinationAnswersAsTheStatement() {
    List<Instant> instants = instants();
    for (int i = 0; i < 600; i++) {
      answersAsTheStatement(instants);
    }
  }

  /**
   * The rows kept and read again row by row after writes (hosts renamed under the collation, new
   * IPs, statuses, racks, cards, bookables added and deleted) answer as the statement, and each row
   * equals a fresh read's.
   */
  @Test
  void afterWritesTheRowsReadAgainAnswerAsTheStatement() throws Exception {
    List<Instant> instants = instants();
    String[] stems = {"alpha", "Alpha_", "béta", "Beta.", "Éclair", "_x", "zeta"};
    String[] ips = {"10.0.0.5", "10.0.0.41", "2001:db8::2", "192.168.1.1", "NULL"};
    long type = db.number("INSERT INTO inventory_cardtype (name) VALUES ('fpga') RETURNING id");
    for (int round = 0; round < 40; round++) {
      String host =
          "(SELECT host_id FROM booking_bookable ORDER BY id OFFSET "
              + random.nextInt(100)
              + " LIMIT 1)";
      String ip = ips[random.nextInt(ips.length)];
      List<String> writes =
          List.of(
              "UPDATE inventory_host SET hostname = '"
                  + stems[random.nextInt(stems.length)]
                  + "r"
                  + round
                  + "' WHERE id = "
                  + host,
              "UPDATE inventory_host SET ip = "
                  + (ip.equals("NULL") ? ip : "'" + ip + "'")
                  + " WHERE id = "
                  + host,
              "UPDATE booking_bookable SET status = 'inactive' WHERE host_id = " + host,
              "UPDATE booking_bookable SET status = 'active' WHERE host_id = " + host,
              "UPDATE inventory_host SET rack_id = NULL, owner_id = "
                  + users.get(random.nextInt(3))
                  + " WHERE id = "
                  + host,
              "INSERT INTO inventory_card (cardtype_id, details, host_id) VALUES ("
                  + type
                  + ", 'r"
                  + round
                  + "', "
                  + host
                  + ")",
              "UPDATE inventory_card SET host_id = " + host,
              "DELETE FROM booking_bookable WHERE host_id = " + host,
              "WITH h AS (INSERT INTO inventory_host (hostname, hardware_id, ip) VALUES ('"
                  + stems[random.nextInt(stems.length)]
                  + "n"
                  + round
                  + "', "
                  + hardware.get(random.nextInt(hardware.size()))
                  + ", "
                  + (ip.equals("NULL") ? ip : "'" + ip + "'")
                  + ") RETURNING id)"
                  + " INSERT INTO booking_bookable (host_id, status) SELECT id, 'active' FROM h");
      for (int w = 1 + random.nextInt(3); w > 0; w--) {
        db.execute(writes.get(random.nextInt(writes.size())));
      }
      for (int i = 0; i < 10; i++) {
        answersAsTheStatement(instants);
      }
      BookableSearch.Filters all = BookableSearch.Filters.of(Map.of(), null);
      SearchCache fresh = new SearchCache(new BookableSearch(ZoneOffset.UTC));
      assertEquals(
          tx.readOnly(em -> fresh.search(Sql.of(em), all, NOW, 1000, 0)).rows(),
          tx.readOnly(em -> cache.search(Sql.of(em), all, NOW, 1000, 0)).rows(),
          "round " + round);
    }
  }

  private List<Instant> instants() {
    List<Instant> instants = new ArrayList<>();
    for (int h = -20; h <= 44; h += 3) {
      instants.add(NOW.plus(Duration.ofHours(h)).plusSeconds(random.nextInt(3600)));
    }
    return instants;
  }

  /** A random query's count and page, of the cache and of the statement, are equal. */
  private void answersAsTheStatement(List<Instant> instants) {
    List<String> orderings = List.of("hostname", "-hostname", "ip", "-ip");
    Map<String, String> query = new LinkedHashMap<>();
    flag(query, "active", 0.5);
    flag(query, "mine", 0.15);
    flag(query, "mygroup", 0.15);
    flag(query, "free", 0.4);
    flag(query, "nores", 0.4);
    ids(query, "lab", labs, 0.3);
    ids(query, "building", buildings, 0.2);
    ids(query, "hw", hardware, 0.2);
    ids(query, "htype", types, 0.2);
    query.put("ordering", orderings.get(random.nextInt(orderings.size())));
    Long user = random.nextInt(4) == 0 ? null : users.get(random.nextInt(users.size()));
    Instant now = instants.get(random.nextInt(instants.size()));
    int limit = 1 + random.nextInt(30);
    int offset = random.nextInt(4) == 0 ? random.nextInt(120) : 0;
    BookableSearch.Filters filters = BookableSearch.Filters.of(query, user);
    List<Map<String, Object>> expected = tx.readOnly(em -> reference(Sql.of(em), filters, now));
    BookableSearch.Result answer =
        tx.readOnly(em -> cache.search(Sql.of(em), filters, now, limit, offset));
    String what = query + " user " + user + " at " + now + " limit " + limit + " offset " + offset;
    assertEquals(expected.size(), answer.count(), what);
    List<Map<String, Object>> page =
        expected.subList(
            Math.min(offset, expected.size()), Math.min(offset + limit, expected.size()));
    assertEquals(page, answer.rows().stream().map(SearchAgainstSqlTest::compared).toList(), what);
  }

  /** The columns the reference has, of a row of the search. */
  private static Map<String, Object> compared(Map<String, Object> row) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String column : List.of("id", "booked_until", "booked_by", "reserved")) {
      columns.put(column, row.get(column));
    }
    return columns;
  }

  private List<Map<String, Object>> reference(
      Sql sql, BookableSearch.Filters filters, Instant now) {
    long user = filters.user() == null ? -1 : filters.user();
    List<Object> params = new ArrayList<>();
    params.add(now);
    params.add(now);
    params.add(filters.active());
    params.add(filters.mine());
    params.add(user);
    params.add(filters.mygroup());
    params.add(user);
    for (List<Long> ids :
        List.of(filters.labs(), filters.buildings(), filters.hardware(), filters.hostTypes())) {
      params.add(ids.toArray(Long[]::new));
      params.add(ids.toArray(Long[]::new));
    }
    params.add(filters.nores());
    params.add(now);
    params.add(filters.free());
    return sql.rows(REFERENCE + ORDERS.get(filters.ordering().key()), params);
  }

  private void flag(Map<String, String> query, String name, double chance) {
    if (random.nextDouble() < chance) {
      query.put(name, "1");
    }
  }

  private void ids(Map<String, String> query, String name, List<Long> from, double chance) {
    if (random.nextDouble() < chance) {
      Set<Long> chosen = new TreeSet<>();
      for (int k = 1 + random.nextInt(2); k > 0; k--) {
        // now and then an id that names nothing
        chosen.add(random.nextInt(6) == 0 ? 999_999L : from.get(random.nextInt(from.size())));
      }
      query.put(name, String.join(",", chosen.stream().map(String::valueOf).toList()));
    }
  }
}
