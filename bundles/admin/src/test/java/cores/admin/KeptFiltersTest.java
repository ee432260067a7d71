package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A list's query carried through an object's form and back, and where a saved form leads. */
class KeptFiltersTest {
  @Test
  void aListsQueryIsCarriedWithoutTheMessageCodes() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("q", "web 01&x");
    query.put("status", "active");
    query.put("id", "7");
    query.put("page", "2");
    String kept = KeptFilters.of(query);
    assertEquals("q=web+01%26x&status=active&page=2", kept);
    assertEquals(
        "?_changelist_filters=q%3Dweb%2B01%2526x%26status%3Dactive%26page%3D2",
        KeptFilters.carry(kept));
    assertEquals(kept, KeptFilters.parse(kept), "sent back as carried");
    assertEquals("", KeptFilters.carry(""));

    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.add("q", "lst");
    posted.add("q", "second");
    posted.add("done", "bulk");
    posted.add("lab", "");
    assertEquals("q=lst", KeptFilters.of(posted), "a bulk action's list, as it was searched");
  }

  /** A list shown after a redirect's message: not searched, its links without the message. */
  @Test
  void aListAfterAMessageIsAskedOnlyWhatItsQueryAsks() {
    MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
    params.add("done", "bulk");
    params.add("n", "2");
    params.add("id", "7");
    params.add(Messages.ACTED, "make_bookable");
    params.add("sort", "-hostname");
    params.add("page", "");
    assertEquals(Map.of("sort", "-hostname"), KeptFilters.listQuery(params));
    params.add("q", "web");
    assertEquals(Map.of("sort", "-hostname", "q", "web"), KeptFilters.listQuery(params));
  }

  /** A list shown where a redirect would lead (a delete of what is gone): asked as it was left. */
  @Test
  void aCarriedQueryAsksTheListItLeadsBackTo() {
    Map<String, String> asked = KeptFilters.listQuery("q=web+01%26x&status=active&q=2&done=bulk");
    assertEquals(Map.of("q", "web 01&x", "status", "active"), asked);
    assertEquals(List.of("q", "status"), List.copyOf(asked.keySet()), "in their order");
    assertEquals(Map.of(), KeptFilters.listQuery((String) null));
    assertEquals(Map.of(), KeptFilters.listQuery("q=%zz"));
  }

  @Test
  void whatComesBackIsOnlyEverAQueryOfTheList() {
    assertEquals("", KeptFilters.parse(null));
    assertEquals("", KeptFilters.parse("//evil.example"), "no path: a name without a value");
    assertEquals("q=a%0D%0ALocation%3A+x", KeptFilters.parse("q=a\r\nLocation: x"));
    assertEquals("q=%23top", KeptFilters.parse("q=%23top"));
    assertEquals("sort=hostname", KeptFilters.parse("q=%zz&done=added&sort=hostname"));
  }

  @Test
  void aSavedFormLeadsToTheListAsLeftOrOnToAFormWithTheListCarried() {
    MultivaluedMap<String, String> saved = new MultivaluedHashMap<>();
    String url = "/admin/inventory/host";
    assertEquals(
        url + "?q=web&done=changed&id=7", AfterAdding.onward(url, 7, saved, "changed", "q=web"));
    assertEquals(url + "?done=added&id=7", AfterAdding.onward(url, 7, saved, "added", ""));
    saved.putSingle(AfterAdding.CONTINUE, "1");
    assertEquals(
        url + "/7?_changelist_filters=q%3Dweb&done=changed&id=7",
        AfterAdding.onward(url, 7, saved, "changed", "q=web"));
    saved.clear();
    saved.putSingle(AfterAdding.ADD_ANOTHER, "1");
    assertEquals(url + "/add?done=added&id=7", AfterAdding.onward(url, 7, saved, "added", ""));
  }
}
