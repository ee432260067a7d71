package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.live.LiveHosts;
import cores.web.Rendered;
import java.time.Instant;
import java.util.List;

/**
 * What every list by lab shows a page at a time ({@link LabPages}), checked alike for the hosts and
 * the unknown devices on the second page of one list: 120 rows, lab A has 70 (0-69), lab B 40
 * (70-109), 10 are in no lab (110-119); the second page shows A's last 20 and B's first 30.
 */
final class LabPageChecks {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static final List<LiveHosts.LabCount> LABS =
      List.of(
          new LiveHosts.LabCount("B1/A", 70, 0),
          new LiveHosts.LabCount("B1/B", 40, 70),
          new LiveHosts.LabCount(null, 10, 110));

  private LabPageChecks() {}

  /** The second page links its neighbours and each lab to the page where it starts. */
  static void assertSecondPageLinks(LabPages second) {
    String path = second.path();
    assertEquals("51–100 of 120", second.range());
    assertEquals(path, second.previous());
    assertEquals(path + "?offset=100", second.next());
    assertTrue(second.hasPrevious() && second.hasNext());
    assertEquals(path + "#lab-1", second.href(LABS.get(0)), "A starts on the first page");
    assertEquals("#lab-2", second.href(LABS.get(1)), "B starts on this one");
    assertEquals(path + "?offset=100#lab-3", second.href(LABS.get(2)));
    assertEquals("B1/A (continued)", second.heading("B1/A"));
    assertEquals("B1/B", second.heading("B1/B"));
  }

  /**
   * The second page rendered by its template: its 50 rows (each showing {@code row} once) only,
   * with plain links to the other pages and each lab's heading.
   *
   * @return the page, for what else the test checks
   */
  static String assertSecondPageRendered(
      String template, String title, LabPages second, String row) {
    String path = second.path();
    String page = Rendered.page(template, title, path, second);
    assertEquals(50, Rendered.count(page, row), "one page of rows");
    assertTrue(page.contains("51–100 of 120"), page);
    assertTrue(page.contains("href=\"" + path + "?offset=100\" rel=\"next\""), page);
    assertTrue(page.contains("href=\"" + path + "\" rel=\"prev\""), page);
    assertTrue(page.contains("href=\"" + path + "?offset=100#lab-3\""), page);
    // the lab's typed name isolated, the page's words after it
    assertTrue(page.contains("<h2 id=\"lab-1\"><bdi>B1/A</bdi> (continued)</h2>"), page);
    assertTrue(page.contains("<h2 id=\"lab-2\"><bdi>B1/B</bdi></h2>"), page);
    return page;
  }
}
