package cores.web.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.Catalog;
import cores.api.web.ProblemException;
import cores.web.Offsets;
import cores.web.Times;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTest {
  @Test
  void filtersComeFromRepeatedOrCommaSeparatedParametersAndGoBackIntoTheUrl() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("free", "1");
    parameters.add("lab", "3");
    parameters.add("lab", "4,5");
    parameters.add("ipsort", "on");
    BookableQuery query = Search.query(parameters, Map.of());
    assertTrue(query.free() && query.ipSort());
    assertEquals(List.of(3L, 4L, 5L), query.labs());
    Search search = search(query, 0, 120);
    assertEquals("/bookables?free=1&ipsort=1&lab=3&lab=4&lab=5", search.href(0));
    assertEquals("/bookables?free=1&ipsort=1&lab=3&lab=4&lab=5&offset=50", search.next());
    assertEquals("0 of 120", search.range(), "no rows on this page");
  }

  @Test
  void aWrongIdIsABadRequestNamingTheParameter() {
    MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
    parameters.add("building", "1,x");
    ProblemException e =
        assertThrows(ProblemException.class, () -> Search.query(parameters, Map.of()));
    assertEquals(400, e.status());
    assertEquals(List.of("must be ids (whole numbers), not x"), e.errors().get("building"));
    assertThrows(ProblemException.class, () -> Offsets.of("ten"));
  }

  @Test
  void aFilterSetAsideForItsNulIsABadRequestNamingTheParameter() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                Search.query(
                    new MultivaluedHashMap<>(),
                    Map.of("lab", List.of(cores.api.web.StorableText.NUL_MESSAGE))));
    assertEquals(400, e.status());
    assertEquals(List.of(cores.api.web.StorableText.NUL_MESSAGE), e.errors().get("lab"));
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

  private static Search search(BookableQuery query, int offset, long count) {
    return new Search(
        query,
        offset,
        new Catalog(List.of(), List.of()),
        new BookableResults(count, List.of()),
        new Times(ZoneOffset.UTC, Instant.EPOCH),
        true);
  }
}
