package cores.web.booking;

import static cores.api.web.StorableText.NUL_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.BookableOrder;
import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.BookableRow;
import cores.api.booking.Catalog;
import cores.api.web.ProblemException;
import cores.web.Form;
import cores.web.Offsets;
import cores.web.Rendered;
import cores.web.Times;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchTest {
  @Test
  void filtersComeFromRepeatedOrCommaSeparatedParametersAndGoBackIntoTheUrl() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("free", "1");
    parameters.add("lab", "3");
    parameters.add("lab", "4,5");
    parameters.add("ipsort", "on");
    BookableQuery query = Search.query(parameters, Map.of(), Form.of(Map.of()));
    assertTrue(query.free() && query.order() == BookableOrder.IP, "the original's ipsort");
    assertEquals(List.of(3L, 4L, 5L), query.labs());
    Search search = search(query, 0, 120);
    assertEquals("/bookables?free=1&ordering=ip&lab=3&lab=4&lab=5", search.href(0));
    assertEquals("/bookables?free=1&ordering=ip&lab=3&lab=4&lab=5&offset=50", search.next());
    assertEquals("0 of 120", search.range(), "no rows on this page");
  }

  @Test
  void aWrongIdIsLeftOutWithItsProblemAtItsFilter() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("building", "1,x");
    Form problems = Form.of(Map.of());
    BookableQuery query = Search.query(parameters, Map.of(), problems);
    assertEquals(List.of(1L), query.buildings());
    assertEquals(
        List.of("Building: must be ids (whole numbers), not x"), problems.errors("building"));
    assertThrows(ProblemException.class, () -> Offsets.of("ten"));
  }

  @Test
  void anUnknownOrderingIsAProblemAtTheOrderNotSilentlyTheHostnameOrder() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("ordering", "evil");
    parameters.add("ipsort", "1");
    Form problems = Form.of(Map.of());
    Search.query(parameters, Map.of(), problems);
    assertEquals(
        List.of("Order: must be one of hostname, -hostname, ip, -ip, not evil"),
        problems.errors("ordering"));
    parameters.putSingle("ordering", "ip");
    parameters.remove("ipsort");
    Form fine = Form.of(Map.of());
    assertEquals(BookableOrder.IP, Search.query(parameters, Map.of(), fine).order());
    assertFalse(fine.hasErrors());
  }

  /** The page takes every ordering the API takes, the reversed ones too, and offers them all. */
  @Test
  void everyOrderingOfTheApiIsOfferedTakenAndKeptInTheUrl() {
    for (BookableOrder order : BookableOrder.values()) {
      MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
      parameters.add("ordering", order.key());
      parameters.add("free", "1");
      Form problems = Form.of(Map.of());
      BookableQuery query = Search.query(parameters, Map.of(), problems);
      assertFalse(problems.hasErrors(), order.key() + ": " + problems.errors("ordering"));
      assertEquals(order, query.order());
      String href = search(query, 0, 120).href(0);
      assertEquals(
          order == BookableOrder.HOSTNAME
              ? "/bookables?free=1"
              : "/bookables?free=1&ordering=" + order.key(),
          href);
      String page = page(query, problems);
      for (BookableOrder offered : BookableOrder.values()) {
        String option = "<option value=\"" + offered.key() + "\"";
        assertTrue(
            page.contains(option + (offered == order ? " selected>" : ">") + offered.label()),
            option + " in " + page);
      }
    }
  }

  /** The form sends its order field even untouched: the page sends the browser to the short URL. */
  @Test
  void aSearchNamingTheDefaultOrderHasAShorterAddressAndOthersNone() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("free", "1");
    parameters.add("ordering", "hostname");
    Form problems = Form.of(Map.of());
    BookableQuery query = Search.query(parameters, Map.of(), problems);
    assertEquals(
        Optional.of("/bookables?free=1&offset=50"),
        Search.shorter(parameters, query, 50, problems));
    parameters.putSingle("ordering", "-hostname");
    assertEquals(
        Optional.empty(),
        Search.shorter(parameters, Search.query(parameters, Map.of(), problems), 0, problems));
    parameters.remove("ordering");
    assertEquals(
        Optional.empty(),
        Search.shorter(parameters, Search.query(parameters, Map.of(), problems), 0, problems));
    parameters.putSingle("ordering", "hostname");
    parameters.add("lab", "x");
    Form wrong = Form.of(Map.of());
    assertEquals(
        Optional.empty(),
        Search.shorter(parameters, Search.query(parameters, Map.of(), wrong), 0, wrong),
        "the page shows its problems instead");
    assertTrue(
        page(query, problems).contains("data-default=\"hostname\""),
        "the order field says its default, for the script to leave it out");
  }

  @Test
  void anOffsetBeyondTheLargestIntIsRefusedSayingWhatIsAllowedAsTheApiDoes() {
    assertEquals(2147483647, Offsets.of(" 2147483647 "));
    for (String offset : List.of("2147483648", "-1", "ten")) {
      ProblemException e = assertThrows(ProblemException.class, () -> Offsets.of(offset), offset);
      assertEquals(
          Map.of("offset", List.of("must be a whole number from 0 to 2147483647")), e.errors());
    }
  }

  @Test
  void aFilterSetAsideForItsNulIsShownAtItsFilterOnThePageAgain() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("free", "1");
    Form problems = Form.of(Map.of());
    BookableQuery query =
        Search.query(
            parameters,
            Map.of("lab", List.of(NUL_MESSAGE), "x\uFFFD", List.of(NUL_MESSAGE)),
            problems);
    assertTrue(query.free() && query.labs().isEmpty(), "the other filters stay");
    assertEquals(List.of("Lab: " + NUL_MESSAGE), problems.errors("lab"));
    assertEquals(List.of("Parameter x\uFFFD: " + NUL_MESSAGE), problems.general());
    String page = page(query, problems);
    assertTrue(page.contains("<fieldset aria-describedby=\"lab-error\">"), page);
    assertTrue(
        page.contains("<p class=\"cores-error\" id=\"lab-error\">Lab: " + NUL_MESSAGE), page);
    assertTrue(page.contains("<p>Parameter x\uFFFD: " + NUL_MESSAGE + "</p>"), page);
    assertTrue(page.contains("id=\"f-free\" name=\"free\" value=\"1\" checked"), page);
    assertEquals(1, Rendered.count(page, "cores-error"), "only the filter that was wrong");
  }

  @Test
  void pagesLinkTheirNeighbours() {
    Search middle = search(BookableQuery.everything(), 50, 120);
    assertTrue(middle.hasPrevious() && middle.hasNext());
    assertEquals("/bookables", middle.previous());
    Search last = search(BookableQuery.everything(), 100, 120);
    assertTrue(!last.hasNext());
    assertTrue(!search(BookableQuery.everything(), 0, 0).filtered());
  }

  /** The heading says which hosts these are; the table, named by it, does not say it again. */
  @Test
  void theRangeOfHostsIsShownOnceAndNamesTheTable() {
    BookableRow row =
        new BookableRow(
            1,
            7,
            "node07",
            "192.0.2.7",
            "R640",
            List.of(),
            "B1",
            "Lab One",
            1,
            "active",
            null,
            null,
            false);
    String page =
        Rendered.page(
            "booking/bookables.jte",
            "Book a host",
            "/bookables",
            new Search(
                BookableQuery.everything(),
                0,
                new Catalog(List.of(), List.of()),
                new BookableResults(1, List.of(row)),
                new Times(ZoneOffset.UTC, Instant.EPOCH),
                true,
                Form.of(Map.of())));
    assertEquals(1, Rendered.count(page, "1–1 of 1"), page);
    assertTrue(page.contains("aria-labelledby=\"results-heading\""), page);
  }

  private static String page(BookableQuery query, Form problems) {
    return Rendered.page(
        "booking/bookables.jte",
        "Book a host",
        "/bookables",
        new Search(
            query,
            0,
            new Catalog(List.of(), List.of()),
            new BookableResults(0, List.of()),
            new Times(ZoneOffset.UTC, Instant.EPOCH),
            true,
            problems));
  }

  private static Search search(BookableQuery query, int offset, long count) {
    return new Search(
        query,
        offset,
        new Catalog(List.of(), List.of()),
        new BookableResults(count, List.of()),
        new Times(ZoneOffset.UTC, Instant.EPOCH),
        true,
        Form.of(Map.of()));
  }
}
