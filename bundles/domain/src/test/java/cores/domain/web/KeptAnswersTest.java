package cores.domain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.loans.Loans;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API's inventory answers are kept between requests only while they are what reading again
 * would give: a write through another connection (as another Cores instance writes) shows in the
 * next answer, a host's lastseen and its NICs included.
 */
class KeptAnswersTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final KeptAnswers answers = new KeptAnswers();
  private final Inventory inventory =
      new Inventory(new Bookables(null, Clock.fixed(NOW, ZoneOffset.UTC)), ZoneOffset.UTC);
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private long host;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    host = fixture.host("kept-host", "active");
    db.execute(
        "INSERT INTO inventory_nic (mac, host_id, \"primary\") VALUES ('52:54:00:00:00:01', "
            + host
            + ", true)");
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  /** The host list as the resource reads it, kept under the request's URI. */
  private KeptAnswers.Answer<Inventory.Rows> list(Map<String, String> query, Instant now) {
    return answer("/api/inventory/host/?" + query, Models.HOST, query, now);
  }

  /** As the resource asks: the kept answer checked in autocommit, else read in a transaction. */
  private KeptAnswers.Answer<Inventory.Rows> answer(
      String key, Model model, Map<String, String> query, Instant now) {
    List<String> reads = KeptAnswers.reads(model, query);
    KeptAnswers.Answer<Inventory.Rows> kept =
        tx.autocommit(c -> answers.kept(Sql.on(c), key, reads, now));
    if (kept != null) {
      return kept;
    }
    return tx.readOnly(
        em ->
            answers.answer(
                Sql.of(em),
                key,
                KeptAnswers.reads(model, query),
                now,
                sql -> inventory.list(sql, model, query, 50, 0),
                rows -> rows.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> first(KeptAnswers.Answer<Inventory.Rows> answer) {
    return answer.entity().results().get(0);
  }

  @Test
  void anUnchangedAnswerIsServedAgainAfterOneStatement() {
    list(Map.of(), NOW); // EclipseLink's first transaction reads server settings
    KeptAnswers.Answer<Inventory.Rows> first = list(Map.of(), NOW);
    int before = db.statements.get();
    int transactions = db.transactions.get();
    KeptAnswers.Answer<Inventory.Rows> again = list(Map.of(), NOW.plusSeconds(1));
    // the check alone, in autocommit: no transaction
    assertEquals(1, db.statements.get() - before);
    assertEquals(0, db.transactions.get() - transactions);
    assertSame(first, again);
    assertEquals("kept-host", first(again).get("hostname"));
  }

  @Test
  void aRenameThroughAnotherConnectionShowsInTheNextAnswer() throws Exception {
    list(Map.of(), NOW);
    db.execute("UPDATE inventory_host SET hostname = 'renamed' WHERE id = " + host);
    assertEquals("renamed", first(list(Map.of(), NOW)).get("hostname"));
  }

  @Test
  void anUpdateOfOnlyLastseenShowsInTheNextAnswer() throws Exception {
    KeptAnswers.Answer<Inventory.Rows> first = list(Map.of(), NOW);
    assertNull(first(first).get("lastseen"));
    // as the scan ingest's derivation would, but lastseen alone (015's marker ignores it)
    db.execute("UPDATE inventory_host SET lastseen = now() WHERE id = " + host);
    KeptAnswers.Answer<Inventory.Rows> again = list(Map.of(), NOW);
    assertNotSame(first, again);
    assertEquals(Instant.class, first(again).get("lastseen").getClass());
  }

  @Test
  void aNewBookableShowsInTheNextAnswer() throws Exception {
    list(Map.of(), NOW);
    long bookable =
        db.number(
            "INSERT INTO booking_bookable (host_id, status) VALUES ("
                + host
                + ", 'active')"
                + " RETURNING id");
    assertEquals(bookable, first(list(Map.of(), NOW)).get("bookable"));
  }

  @Test
  void aNicChangeShowsInTheNextMacFilteredListAndNicList() throws Exception {
    Map<String, String> byMac = Map.of("mac", "52:54:00:00:00:02");
    assertEquals(0, list(byMac, NOW).entity().count());
    KeptAnswers.Answer<Inventory.Rows> nics =
        answer("/api/inventory/nic/", Models.NIC, Map.of(), NOW);
    assertNull(first(nics).get("lastseen"));
    db.execute("UPDATE inventory_nic SET mac = '52:54:00:00:00:02' WHERE host_id = " + host);
    assertEquals(1, list(byMac, NOW).entity().count());
    db.execute("UPDATE inventory_nic SET lastseen = now() WHERE host_id = " + host);
    KeptAnswers.Answer<Inventory.Rows> again =
        answer("/api/inventory/nic/", Models.NIC, Map.of(), NOW);
    assertEquals(Instant.class, first(again).get("lastseen").getClass());
  }

  @Test
  void aChangeOfAnotherTableKeepsTheAnswer() throws Exception {
    KeptAnswers.Answer<Inventory.Rows> first = list(Map.of(), NOW);
    db.execute("INSERT INTO inventory_hdvendor (vendor) VALUES ('Seagate')");
    assertSame(first, list(Map.of(), NOW));
  }

  @Test
  void anAnswerIsReadAgainAfterAnHour() {
    KeptAnswers.Answer<Inventory.Rows> first = list(Map.of(), NOW);
    assertSame(first, list(Map.of(), NOW.plus(KeptAnswers.MAX_AGE).minusSeconds(1)));
    assertNotSame(first, list(Map.of(), NOW.plus(KeptAnswers.MAX_AGE)));
  }

  @Test
  void modelsOverTablesWithoutMarkersAreNotKept() {
    assertNull(KeptAnswers.reads(Loans.LOAN, Map.of()));
    assertEquals(
        List.of("inventory_host", "booking_bookable", ChangeMarkers.HOST_LASTSEEN),
        KeptAnswers.reads(Models.HOST, Map.of("hostname", "x")));
  }

  @Test
  void theLeastRecentlyUsedAnswersGoBeyondTheBudget() {
    KeptAnswers small = new KeptAnswers(200);
    List<String> reads = KeptAnswers.reads(Models.HOST, Map.of());
    byte[] hundred = new byte[100];
    KeptAnswers.Answer<String> a =
        tx.readOnly(em -> small.answer(Sql.of(em), "a", reads, NOW, sql -> "a", e -> hundred));
    tx.readOnly(em -> small.answer(Sql.of(em), "b", reads, NOW, sql -> "b", e -> hundred));
    // a and b (164 bytes each as counted) do not fit together: a went
    assertNotSame(
        a, tx.readOnly(em -> small.answer(Sql.of(em), "a", reads, NOW, sql -> "a", e -> hundred)));
  }
}
