package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk.Rows;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A list's table is rendered again whenever the desk hands new rows, and kept apart for what
 * differs between visitors and queries: whether they may tick rows, the sort links.
 */
class ListTableTest {
  private static final AdminModel HOST =
      new AdminModel(
          "inventory",
          "host",
          "Hosts",
          List.of(
              new AdminField("hostname", "text", true, true, List.of(), null),
              new AdminField("details", "longtext", false, true, List.of(), null)),
          List.of("hostname", "details"),
          List.of(),
          "hostname",
          Map.of(),
          List.of());

  private final ListTable table = new ListTable(new Templates());

  private static Rows rows(String hostname) {
    return new Rows(1, List.of(Map.of("id", "7", "hostname", hostname, "details", "<b>x</b>")));
  }

  private static Views.ListPage view(Rows rows, boolean delete, Map<String, String> query) {
    return new Views.ListPage(
        new Views.Allowed(HOST, true, true, true, delete, Set.of()),
        "csrf-" + delete,
        rows,
        query.getOrDefault("q", ""),
        List.of(),
        query.getOrDefault("sort", ""),
        1,
        1,
        query,
        null,
        List.of(),
        null);
  }

  @Test
  void theSameRowsAreRenderedOnceAndNewRowsAgain() {
    Rows first = rows("host-01");
    String html = table.filled(view(first, true, Map.of("q", "host"))).table();
    assertTrue(html.contains(">host-01</a></td>"), html);
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), html);
    assertFalse(html.contains("csrf"), "the token is the page's, per request");
    assertSame(html, table.filled(view(first, true, Map.of("q", "host"))).table());
    // the desk's rows are new when anything they show may have changed
    String renamed = table.filled(view(rows("host-99"), true, Map.of("q", "host"))).table();
    assertNotSame(html, renamed);
    assertTrue(renamed.contains(">host-99</a></td>"), renamed);
  }

  /** A status reads as its filter names it and the user pages show it: "on loan", not as stored. */
  @Test
  void aChoiceReadsByItsLabel() {
    AdminModel hosts =
        new AdminModel(
            "inventory",
            "host",
            "Hosts",
            List.of(
                HOST.fields().get(0),
                new AdminField("status", "choice", true, true, List.of("active", "on_loan"), null)),
            List.of("hostname", "status"),
            List.of(),
            "hostname",
            Map.of(),
            List.of());
    Views.ListPage view =
        new Views.ListPage(
            new Views.Allowed(hosts, true, true, true, true, Set.of()),
            "csrf",
            new Rows(1, List.of(Map.of("id", "7", "hostname", "lent-1", "status", "on_loan"))),
            "",
            List.of(),
            "",
            1,
            1,
            Map.of(),
            null,
            List.of(),
            null);
    String html = table.filled(view).table();
    assertTrue(html.contains(">on loan</td>"), html);
    assertFalse(html.contains("on_loan"), html);
  }

  @Test
  void aRowIsNamedByWhatItsModelIsCalledNotByItsCodeName() {
    AdminModel hostType =
        new AdminModel(
            "inventory",
            "hosttype",
            "Host types",
            HOST.fields(),
            HOST.columns(),
            List.of(),
            "hostname",
            Map.of(),
            List.of());
    Views.ListPage page =
        new Views.ListPage(
            new Views.Allowed(hostType, true, true, true, true, Set.of()),
            "csrf",
            rows("t"),
            "",
            List.of(),
            "",
            1,
            1,
            Map.of(),
            null,
            List.of(),
            null);
    String html = table.filled(page).table();
    assertTrue(html.contains("aria-label=\"Select host type 7\""), html);
    assertTrue(html.contains(" of host type 7</span>"), html);
    assertFalse(html.contains("hosttype 7"), html);
  }

  /** As Django's admin: the first column (what a user reads and clicks) links to the object. */
  @Test
  void theFirstColumnLinksToTheObjectKeepingTheListsQuery() {
    String html = table.filled(view(rows("host-01"), true, Map.of("q", "host"))).table();
    String form = "/admin/inventory/host/7?_changelist_filters=q%3Dhost";
    assertTrue(html.contains("<a href=\"" + form + "\">host-01</a></td>"), html);
    assertTrue(html.contains("<a href=\"" + form + "\">7</a></td>"), "the ID still links");
    // the other columns are plain, and the history link keeps the list's query too
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;</td>"), html);
    assertFalse(html.contains("\">&lt;b&gt;"), html);
    assertTrue(
        html.contains("href=\"/admin/inventory/host/7/history?_changelist_filters=q%3Dhost\""),
        html);
  }

  @Test
  void whoMayTickRowsAndWhoMayNotSeeTablesOfTheirOwn() {
    Rows rows = rows("host-01");
    String ticks = table.filled(view(rows, true, Map.of())).table();
    String none = table.filled(view(rows, false, Map.of())).table();
    assertTrue(ticks.contains("name=\"ids\""), ticks);
    assertFalse(none.contains("name=\"ids\""), none);
    // a permission granted: the next page has the boxes
    assertTrue(table.filled(view(rows, true, Map.of())).table().contains("name=\"ids\""));
  }

  @Test
  void eachQueryHasItsOwnLinks() {
    Rows rows = rows("host-01");
    Map<String, String> sorted = new LinkedHashMap<>();
    sorted.put("q", "host");
    sorted.put("sort", "hostname");
    String ascending = table.filled(view(rows, true, sorted)).table();
    assertTrue(ascending.contains("aria-sort=\"ascending\""), ascending);
    assertTrue(ascending.contains("href=\"/admin/inventory/host?q=host&amp;sort=-hostname\""));
    String plain = table.filled(view(rows, true, Map.of("q", "host"))).table();
    assertFalse(plain.contains("aria-sort=\"ascending\""), plain);
    assertEquals("", table.filled(view(new Rows(0, List.of()), true, Map.of())).table());
  }
}
