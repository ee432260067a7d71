package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A list's reference filter over more objects than its select lists: the select lists the first in
 * the desk's order, and any other is typed into its box, read into the filter's id; an entry that
 * names none, or several, and an id that is none are named, the filter not applied.
 */
class TypedFiltersTest {
  private static final AdminModel HOST = TestModels.host(Map.of());
  private static final AdminField HOST_REF =
      new AdminField("host", "ref", true, true, List.of(), "host");

  /** h0001 to h1500 by id, and two hosts both named twin (2001, 2002). */
  private static final Map<Long, String> HOSTS = new LinkedHashMap<>();

  static {
    for (long id = 1; id <= 1500; id++) {
      HOSTS.put(id, String.format(Locale.ROOT, "h%04d", id));
    }
    HOSTS.put(2001L, "twin");
    HOSTS.put(2002L, "twin");
  }

  private static final AdminDesk DESK =
      (AdminDesk)
          Proxy.newProxyInstance(
              AdminDesk.class.getClassLoader(),
              new Class<?>[] {AdminDesk.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "models" -> List.of(HOST);
                    case "options" ->
                        args.length == 2
                            ? HOSTS
                            : InvocationHandler.invokeDefault(proxy, method, args);
                    case "existing" -> {
                      Map<Long, String> found = new LinkedHashMap<>();
                      for (Object id : (List<?>) args[1]) {
                        if (HOSTS.containsKey(id)) {
                          found.put((Long) id, HOSTS.get(id));
                        }
                      }
                      yield found;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  private static final Refs REFS = new Refs(DESK);

  private record Read(
      Map<String, String> refused,
      Map<String, String> query,
      Map<String, String> chosen,
      List<String> problems) {}

  private static Read read(String typed) {
    Map<String, String> query = new LinkedHashMap<>(Map.of("host", "7", "_find_host", typed));
    Map<String, String> chosen = new LinkedHashMap<>(Map.of("host", "7"));
    List<String> problems = new ArrayList<>();
    Map<String, String> refused =
        TypedFilters.read(REFS, null, List.of(HOST_REF), query, chosen, problems);
    return new Read(refused, query, chosen, problems);
  }

  @Test
  void anObjectTypedByItsLabelOrIdIsChosenAndTheListsAddressCarriesItsId() {
    for (String typed : List.of("h1400", " H1400 ", "#1400", "1400")) {
      Read read = read(typed);
      assertEquals(Map.of(), read.refused(), typed);
      assertEquals(List.of(), read.problems(), typed);
      assertEquals(Map.of("host", "1400"), read.query(), typed);
      assertEquals("1400", read.chosen().get("host"), typed);
    }
    assertEquals(Map.of("host", "7"), read(" ").query(), "a blank box leaves the select's");
  }

  @Test
  void anEntryThatNamesNoneOrSeveralIsSaidAndItsFilterNotApplied() {
    Read none = read("nothing-so-named");
    assertEquals(Map.of("host", "nothing-so-named"), none.refused(), "shown again as typed");
    assertEquals(Map.of(), none.query());
    assertEquals("", none.chosen().get("host"));
    assertEquals(
        List.of(
            "Filter Host: no host is named “nothing-so-named”, and no name holds it; not"
                + " applied."),
        none.problems());
    assertEquals(
        List.of(
            "Filter Host: more than one host is named “twin” (twin (#2001), twin (#2002)): type"
                + " one's #id; not applied."),
        read("twin").problems());
    String part = read("h149").problems().get(0);
    assertTrue(part.startsWith("Filter Host: no host is named “h149”; not applied."), part);
    assertTrue(part.contains("h1490 (#1490)"), part);
  }

  @Test
  void anIdChosenThatIsNoObjectIsSaidAndOneBeyondTheOptionsShownChosen() {
    Map<String, Map<Long, String>> options = Map.of("host", Map.of(1L, "h0001"));
    Map<String, String> chosen = new LinkedHashMap<>(Map.of("host", "999999"));
    Map<String, String> query = new LinkedHashMap<>(chosen);
    List<String> problems = new ArrayList<>();
    assertEquals(
        Map.of(),
        TypedFilters.beyond(DESK, REFS, List.of(HOST_REF), options, chosen, query, problems));
    assertEquals(
        List.of("Filter Host: no host #999999 (deleted, or never there); not applied."), problems);
    assertEquals(Map.of(), query);
    assertEquals("", chosen.get("host"));

    chosen.put("host", "1500");
    problems.clear();
    assertEquals(
        Map.of("host", Map.of(1500L, "h1500")),
        TypedFilters.beyond(DESK, REFS, List.of(HOST_REF), options, chosen, query, problems));
    assertEquals(List.of(), problems);
  }

  /**
   * With one more object than listed, the select lists the first in the desk's order (not sorted
   * again: the missing ones would be anywhere among them), after one chosen beyond them.
   */
  @Test
  void aCutSelectListsTheFirstInTheDesksOrder() {
    Map<Long, String> first = new LinkedHashMap<>();
    for (long id = 1; id <= AdminDesk.FILTER_OPTIONS + 1; id++) {
      first.put(id, "Lab " + id);
    }
    assertTrue(TypedFilters.cut(first));
    Map<String, String> options = OptionsHtml.of(HOST_REF, first, Map.of(1500L, "Lab 1500"));
    List<String> labels = List.copyOf(options.values());
    assertEquals(AdminDesk.FILTER_OPTIONS + 2, labels.size(), "none, the chosen, the first");
    assertEquals(List.of("(none)", "Lab 1500", "Lab 1", "Lab 2"), labels.subList(0, 4));
    assertEquals("Lab " + AdminDesk.FILTER_OPTIONS, labels.get(labels.size() - 1));

    first.remove(1L);
    assertFalse(TypedFilters.cut(first));
    assertEquals(
        List.of("(none)", "Lab 2", "Lab 3"),
        List.copyOf(OptionsHtml.of(HOST_REF, first, Map.of()).values()).subList(0, 3));
  }

  /**
   * One rule for a reference's select, in a list's filter as in a form: the first 200 listed, and
   * with more a box that takes any by name or #id.
   */
  @Test
  void aFilterListsAsManyObjectsAsAFormsSelectBeforeABoxTakesThem() {
    Map<Long, String> objects = new LinkedHashMap<>();
    for (long id = 1; id <= 201; id++) {
      objects.put(id, "h" + id);
    }
    assertTrue(TypedFilters.cut(objects), "201 objects: a box beside the first 200");
    objects.remove(201L);
    assertFalse(TypedFilters.cut(objects), "200 objects: all listed");
    assertEquals(Refs.LISTED, AdminDesk.FILTER_OPTIONS, "a form's select lists as many");
  }

  /**
   * A box in a list's address that none of its filters shows (a filter it does not have, or one
   * over a model the admin does not show) is named and taken out, as Django's parameters are: not
   * silently dropped.
   */
  @Test
  void aBoxNoFilterShowsIsNamedAndTakenOut() {
    AdminField labRef = new AdminField("lab", "ref", true, true, List.of(), "lab");
    Map<String, String> query =
        new LinkedHashMap<>(
            Map.of("q", "web", "_find_host", "h0001", "_find_lab", "L1", "_find_nothing", "x"));
    assertEquals(
        List.of(
            "Parameter _find_lab: no filter of this list has such a box; not applied.",
            "Parameter _find_nothing: no filter of this list has such a box; not applied."),
        TypedFilters.forged(REFS, List.of(HOST_REF, labRef), query));
    assertEquals(Map.of("q", "web", "_find_host", "h0001"), query);
  }
}
