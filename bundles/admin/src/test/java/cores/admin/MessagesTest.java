package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.Visitor;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a page says after a redirect, as Django's admin: the object added or changed by its name
 * ("The host "web01" was added successfully.", not "The host was added."), linked to its page where
 * the visitor may open it; the name read from the desk, never from the query.
 */
class MessagesTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  /** A desk that names host 7 "web01" and answers nothing else. */
  private static final AdminDesk DESK =
      (AdminDesk)
          Proxy.newProxyInstance(
              AdminDesk.class.getClassLoader(),
              new Class<?>[] {AdminDesk.class},
              (proxy, method, args) -> {
                if (method.getName().equals("label") && (Long) args[1] == 7L) {
                  return "web01";
                }
                throw new UnsupportedOperationException(method.getName());
              });

  private static Visitor visitor(Set<String> permissions) {
    return StaffVisitors.with(permissions);
  }

  private static MultivaluedMap<String, String> query(String... pairs) {
    MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      query.putSingle(pairs[i], pairs[i + 1]);
    }
    return query;
  }

  @Test
  void anObjectAddedOrChangedIsNamedAndLinkedToItsPage() {
    Visitor viewer = visitor(Set.of(HOST.permission("view")));
    Views.Message added = Messages.of(DESK, viewer, HOST, query("done", "added", "id", "7"));
    assertEquals(
        new Views.Message(
            "The host \"", "web01", "/admin/inventory/host/7", "\" was added successfully."),
        added);
    Views.Message changed = Messages.of(DESK, viewer, HOST, query("done", "changed", "id", "7"));
    assertEquals("web01", changed.object());
    assertEquals("\" was changed successfully.", changed.after());

    // on the index, for someone who may add hosts but not see them: named, not linked
    Views.Message unseen =
        Messages.of(DESK, visitor(Set.of()), HOST, query("done", "added", "id", "7"));
    assertEquals("web01", unseen.object());
    assertNull(unseen.url());
  }

  @Test
  void theQueryPutsNoTextOnThePage() {
    Visitor viewer = visitor(Set.of(HOST.permission("view")));
    assertNull(Messages.of(DESK, viewer, HOST, query("done", "<b>hi</b>")));
    Views.Message forged =
        Messages.of(DESK, viewer, HOST, query("done", "added", "id", "web01<script>"));
    assertEquals(Views.Message.of("The host was added."), forged);
    assertEquals(
        Views.Message.of("Successfully deleted 2 hosts."),
        Messages.of(DESK, viewer, HOST, query("done", "deleted", "n", "2")));
  }

  /**
   * As Django's admin, a bulk action says what it did in the past tense its model declares with it,
   * in the singular for one: "2 hosts were made bookable.", "1 host was suspended.".
   */
  @Test
  void aBulkActionSaysWhatItDidInThePastTenseDeclaredWithIt() {
    AdminModel hosts =
        TestModels.host(
            Map.of("bookable", "Make bookable", "suspend", "Suspend (bookable)"),
            Map.of("bookable", "made bookable", "suspend", "suspended"));
    Visitor viewer = visitor(Set.of(hosts.permission("view")));
    assertEquals(
        Views.Message.of("2 hosts were made bookable."),
        Messages.of(DESK, viewer, hosts, query("done", "bulk", "n", "2", "acted", "bookable")));
    assertEquals(
        Views.Message.of("1 host was suspended."),
        Messages.of(DESK, viewer, hosts, query("done", "bulk", "n", "1", "acted", "suspend")));
    // the rows a done action left alone are named apart: the message counts those it changed
    assertEquals(
        "1 host was made bookable.",
        Selection.done(hosts, "bookable", new AdminDesk.Done(1, List.of("web02: bookable"))));
  }

  /**
   * As Django's admin, a bulk action's message names the model and how many, not "them"; an action
   * declaring no past tense (a plugin's) is named by its label.
   */
  @Test
  void aBulkActionNamesItsModelCountAndLabel() {
    AdminModel nics =
        new AdminModel(
            "inventory",
            "nic",
            "NICs",
            HOST.fields(),
            HOST.columns(),
            List.of(),
            "hostname",
            Map.of("bookable", "Make bookable"),
            List.of());
    Visitor viewer = visitor(Set.of(nics.permission("view")));
    assertEquals(
        Views.Message.of("2 NICs were changed by \"Make bookable\"."),
        Messages.of(DESK, viewer, nics, query("done", "bulk", "n", "2", "acted", "bookable")));
    assertEquals(
        Views.Message.of("1 NIC was changed by \"Make bookable\"."),
        Messages.of(DESK, viewer, nics, query("done", "bulk", "n", "1", "acted", "bookable")));
    // an action the model has not (an edited query): no text of the query's, the count only
    assertEquals(
        Views.Message.of("2 hosts were changed."),
        Messages.of(DESK, viewer, HOST, query("done", "bulk", "n", "2", "acted", "<b>x</b>")));
    assertEquals(
        Views.Message.of("Successfully deleted 2 NICs."),
        Messages.of(DESK, viewer, nics, query("done", "deleted", "n", "2")));
  }

  @Test
  void theOneObjectDeletedIsNamedAsItsDeleteCarriedItsName() {
    Visitor viewer = visitor(Set.of(HOST.permission("view")));
    MultivaluedMap<String, String> one = query("done", "deleted", "n", "1");
    assertEquals(
        new Views.Message("The host \"", "web01", null, "\" was deleted successfully."),
        Messages.of(DESK, viewer, HOST, one, "web01"));
    // without its name (another instance's cookie gone, a typed URL): counted
    assertEquals(
        Views.Message.of("Successfully deleted 1 host."),
        Messages.of(DESK, viewer, HOST, one, null));
    // several: counted with their model, whatever is carried
    assertEquals(
        Views.Message.of("Successfully deleted 3 hosts."),
        Messages.of(DESK, viewer, HOST, query("done", "deleted", "n", "3"), "web01"));
    // counted as their list names them: an abbreviation keeps its capitals ("2 nics" was said)
    AdminModel nic =
        new AdminModel(
            "inventory", "nic", "NICs", List.of(), List.of(), List.of(), "", Map.of(), List.of());
    assertEquals(
        Views.Message.of("Successfully deleted 2 NICs."),
        Messages.of(DESK, viewer, nic, query("done", "deleted", "n", "2"), null));
  }

  /**
   * As Django's admin: an object asked for that is not there is named by its model and id, in a
   * warning; an id that is no number puts nothing on the page.
   */
  @Test
  void anObjectNotThereIsNamedByItsIdInAWarning() {
    Visitor viewer = visitor(Set.of(HOST.permission("view")));
    Views.Message gone = Messages.of(DESK, viewer, HOST, query("done", "gone", "id", "42"));
    assertEquals(
        new Views.Message(
            "Host with ID \u201c42\u201d doesn't exist. Perhaps it was deleted?",
            null,
            null,
            "",
            "warning"),
        gone);
    assertNull(Messages.of(DESK, viewer, HOST, query("done", "gone", "id", "42<b>")));
    assertNull(Messages.of(DESK, viewer, HOST, query("done", "gone")));
    String html =
        new Templates()
            .render("home.jte", new Views.Home("csrf", "", List.of(), List.of(), List.of(), gone));
    assertTrue(html.contains("cores-message cores-message--warning\" role=\"status\""), html);
  }

  @Test
  void theMessageIsRenderedWithItsLinkAndEscaped() {
    Templates templates = new Templates();
    String html =
        templates.render(
            "home.jte",
            new Views.Home(
                "csrf",
                "",
                List.of(),
                List.of(),
                List.of(),
                new Views.Message(
                    "The host \"", "<web01>", "/admin/inventory/host/7", "\" was added.")));
    assertTrue(
        html.contains(
            "The host \"<a href=\"/admin/inventory/host/7\">&lt;web01&gt;</a>\" was added."),
        html);
  }
}
