package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A reference to a model with more objects than a select lists (1,500 hosts) is typed into: its
 * value shown by label, whatever object it is, and what is typed found on save (a label, an id), or
 * refused at the field with the objects it matches to pick from, nothing written.
 */
class RefsTest {
  private static final AdminModel HOST = TestModels.host(Map.of());
  private static final AdminField HOST_REF =
      new AdminField("host", "ref", true, true, List.of(), "host");
  private static final AdminModel NIC =
      TestModels.of(
          "inventory",
          "nic",
          "NICs",
          List.of(new AdminField("mac", "mac", true, true, List.of(), null), HOST_REF));

  /** h0001 to h{count}, and two hosts both named twin (2001, 2002). */
  private static Map<Long, String> hosts(int count) {
    Map<Long, String> hosts = new LinkedHashMap<>();
    for (long id = 1; id <= count; id++) {
      hosts.put(id, String.format(Locale.ROOT, "h%04d", id));
    }
    hosts.put(2001L, "twin");
    hosts.put(2002L, "twin");
    return hosts;
  }

  /**
   * A desk of hosts and NICs: its options of a reference the first 1,000 (as a 1.14 desk's), its
   * search by the API's default over all of them.
   */
  private static AdminDesk desk(Map<Long, String> hosts) {
    return (AdminDesk)
        Proxy.newProxyInstance(
            AdminDesk.class.getClassLoader(),
            new Class<?>[] {AdminDesk.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "models" -> List.of(HOST, NIC);
                  case "options" ->
                      args.length == 2
                          ? hosts
                          : InvocationHandler.invokeDefault(proxy, method, args);
                  case "labels", "existing" -> {
                    Map<Long, String> found = new LinkedHashMap<>();
                    for (Object id : (List<?>) args[1]) {
                      if (hosts.containsKey(id) || "labels".equals(method.getName())) {
                        found.put((Long) id, hosts.getOrDefault(id, "#" + id));
                      }
                    }
                    yield found;
                  }
                  case "label" -> hosts.getOrDefault((Long) args[1], "#" + args[1]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static final Refs MANY = new Refs(desk(hosts(1500)));

  @Test
  void aReferenceToMoreObjectsThanListedIsTypedIntoShowingItsObjectsLabel() {
    Form form = new Form(Map.of("mac", "", "host", "1500"));
    Map<String, Map<Long, String>> options =
        MANY.options(null, NIC.fields(), form, "/admin/inventory/nic");
    assertFalse(options.containsKey("host"), "no select of 1,500 hosts");
    assertEquals("h1500", form.value("host"), "past the first 1,000 a select listed");
    assertEquals("/admin/inventory/nic/autocomplete?field=host", form.suggestions("host"));
    String html = page(form);
    assertTrue(
        html.contains(
            "<input id=\"f-host\" name=\"host\" value=\"h1500\" list=\"f-host-list\""
                + " autocomplete=\"off\" spellcheck=\"false\""
                + " hx-get=\"/admin/inventory/nic/autocomplete?field=host\""),
        html);
    assertTrue(html.contains("<datalist id=\"f-host-list\"></datalist>"), html);
    assertTrue(html.contains("aria-describedby=\"f-host-hint\""), html);
    assertFalse(html.contains("<select id=\"f-host\""), html);
  }

  @Test
  void aReferenceToFewObjectsStaysASelectOfThemAll() {
    Form form = new Form(Map.of("mac", "", "host", "3"));
    Map<String, Map<Long, String>> options =
        new Refs(desk(hosts(Refs.LISTED - 2))).options(null, NIC.fields(), form, "/x");
    assertEquals(Refs.LISTED, options.get("host").size());
    assertNull(form.suggestions("host"));
    assertTrue(page(form, options).contains("<select id=\"f-host\" name=\"host\""));
  }

  private static Map<String, String> resolved(String typed, String stored, String picked) {
    Map<String, String> values = new LinkedHashMap<>(Map.of("mac", "00:11:22:33:44:55"));
    values.put("host", typed);
    MultivaluedHashMap<String, String> posted = new MultivaluedHashMap<>();
    if (picked != null) {
      posted.putSingle(Refs.PICK + "host", picked);
    }
    MANY.resolve(null, NIC, values, stored == null ? Map.of() : Map.of("host", stored), posted);
    return values;
  }

  @Test
  void whatIsTypedIsFoundByLabelOrId() {
    assertEquals("1500", resolved("h1500", null, null).get("host"));
    assertEquals("1500", resolved(" H1500 ", null, null).get("host"), "ignoring case");
    assertEquals("1500", resolved("1500", null, null).get("host"));
    assertEquals("1500", resolved("#1500", null, null).get("host"));
    assertEquals("", resolved("", null, null).get("host"), "blank is no host");
    assertEquals("2002", resolved("twin", "2002", null).get("host"), "the stored one, as shown");
    assertEquals("2001", resolved("twin", null, "2001").get("host"), "one picked among matches");
  }

  @Test
  void anUnknownEntryIsRefusedAtItsFieldWithTheObjectsItMatches() {
    Refs.Unresolved unknown =
        assertThrows(Refs.Unresolved.class, () -> resolved("h14", null, null));
    assertEquals(
        List.of("No host is named “h14”: pick one of those whose name holds it, or type another."),
        unknown.errors().get("host"));
    Map<Long, String> matches = Refs.Unresolved.of(unknown).get("host");
    assertEquals(Refs.MATCHES, matches.size());
    assertEquals("h1400", matches.values().iterator().next());
    Refs.Unresolved none = assertThrows(Refs.Unresolved.class, () -> resolved("zz", null, null));
    assertEquals(
        List.of("No host is named “zz”, and no name holds it."), none.errors().get("host"));
    assertTrue(Refs.Unresolved.of(none).isEmpty());
    Refs.Unresolved twins = assertThrows(Refs.Unresolved.class, () -> resolved("twin", null, null));
    assertEquals(
        List.of("More than one host is named “twin”: pick one."), twins.errors().get("host"));
    assertEquals(Set.of(2001L, 2002L), Refs.Unresolved.of(twins).get("host").keySet());
  }

  @Test
  void theRefusedFormOffersTheMatchesAndKeepsWhatWasTyped() {
    Refs.Unresolved twins = assertThrows(Refs.Unresolved.class, () -> resolved("twin", null, null));
    Form form =
        PostedForm.refused(
                NIC,
                Map.of("mac", "00:11:22:33:44:55", "host", "twin"),
                List.of(),
                null,
                twins,
                named -> null)
            .matching(Refs.Unresolved.of(twins));
    MANY.options(null, NIC.fields(), form, "/admin/inventory/nic");
    String html = page(form);
    assertTrue(html.contains("value=\"00:11:22:33:44:55\""), html);
    assertTrue(html.contains("name=\"host\" value=\"twin\""), html);
    assertTrue(html.contains("aria-describedby=\"f-host-error f-host-hint\""), html);
    assertTrue(html.contains("<legend>Host: the matching ones</legend>"), html);
    assertTrue(
        html.contains(
            "<input type=\"radio\" id=\"f-host-pick-2002\" name=\"_pick_host\" value=\"2002\">"
                + "<label for=\"f-host-pick-2002\">twin</label>"),
        html);
  }

  @Test
  void aDeskBuiltAgainstTheOlderApiIsSearchedThroughItsOptions() {
    // in label order, as options are
    Map<Long, String> labels = new LinkedHashMap<>();
    List.of("abc", "abd", "xab", "zzz").forEach(label -> labels.put(labels.size() + 1L, label));
    AdminDesk older = desk(labels);
    assertEquals(
        List.of("abc", "abd", "xab"), List.copyOf(older.options(null, HOST_REF, "AB", 5).values()));
    assertEquals(List.of("abc"), List.copyOf(older.options(null, HOST_REF, "ab", 1).values()));
  }

  private static String page(Form form) {
    return page(form, Map.of());
  }

  private static String page(Form form, Map<String, Map<Long, String>> options) {
    return new Templates()
        .render(
            "form.jte",
            TestModels.formPage(
                new Views.Allowed(NIC, true, true, true, true, Set.of()),
                7,
                "Change NIC",
                form,
                options,
                List.of(),
                SiteZone.of(ZoneId.of("UTC"))));
  }
}
