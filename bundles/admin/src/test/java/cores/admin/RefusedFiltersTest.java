package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.StorableText;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a list says of a search or filter set aside, and of a bulk action's form. */
class RefusedFiltersTest {
  private static final AdminModel HOST =
      new AdminModel(
          "inventory",
          "host",
          "Hosts",
          List.of(
              new AdminField("hostname", "text", true, true, List.of(), null),
              new AdminField("host_type", "ref", false, true, List.of(), "hosttype")),
          List.of("hostname"),
          List.of("host_type"),
          "hostname",
          Map.of(),
          List.of());

  @Test
  void aSearchOrFilterSetAsideIsNamedAtItsPlaceAnd400() {
    List<String> problems = new ArrayList<>(List.of("given"));
    List<String> nul = List.of(StorableText.NUL_MESSAGE);
    int status =
        RefusedFilters.setAside(
            new java.util.LinkedHashMap<>(Map.of("q", nul)), HOST, problems, 200);
    assertEquals(400, status);
    assertEquals(
        List.of("given", "Search: " + StorableText.NUL_MESSAGE + " Not applied."), problems);
    List<String> filter = new ArrayList<>();
    RefusedFilters.setAside(Map.of("host_type", nul), HOST, filter, 200);
    assertEquals(
        List.of("Filter Host type: " + StorableText.NUL_MESSAGE + " Not applied."), filter);
    assertEquals(200, RefusedFilters.setAside(Map.of(), HOST, new ArrayList<>(), 200));
  }

  @Test
  void aBulkFormWithAForgedFieldDoesNothingAndSaysWhich() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("action", "delete");
    posted.add("select", "1\u0000");
    RefusedFilters.Bulk forged = RefusedFilters.bulk(posted);
    assertEquals(
        List.of("Nothing was done: field select: " + StorableText.NUL_MESSAGE), forged.problems());
    assertTrue(forged.forged(), "the form is not shown again as posted");
    posted.putSingle("select", "1");
    assertEquals(new RefusedFilters.Bulk(List.of(), false), RefusedFilters.bulk(posted));
    posted.putSingle("action", " ");
    RefusedFilters.Bulk none = RefusedFilters.bulk(posted);
    assertEquals(
        List.of("No action was chosen: choose one for the selected rows, then Go."),
        none.problems());
    assertFalse(none.forged(), "the form is shown again as posted");
  }

  /** An address bookmarked from Django's admin is not taken for a filtered list. */
  @Test
  void djangosFilterOrderAndPageParametersAreNamedNotIgnored() {
    List<String> named =
        RefusedFilters.djangos(
            new java.util.LinkedHashSet<>(
                List.of("status__exact", "q", "o", "p", "rack__lab__id__exact", "sort", "page")));
    assertEquals(4, named.size(), named.toString());
    assertTrue(named.get(0).startsWith("Parameter o: Django's admin's"), named.toString());
    assertTrue(named.stream().anyMatch(p -> p.startsWith("Parameter status__exact:")));
    assertTrue(named.stream().anyMatch(p -> p.startsWith("Parameter rack__lab__id__exact:")));
    assertTrue(
        RefusedFilters.djangos(java.util.Set.of("q", "sort", "page", "_changelist_filters"))
            .isEmpty());
  }
}
