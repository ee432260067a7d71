package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A change form's or an object's own form's save whose object is deleted between its lookup and the
 * write (a window of milliseconds) leads to the model's list as it was left, saying it is gone, as
 * a save after the deletion does; it was a bare 404. The desk here finds the host, then answers its
 * write with the 404 of one deleted meanwhile.
 */
class GoneMeanwhileTest {
  private static final long ID = 42;
  private static final String KEPT = "q=web";

  private static final AdminModel HOST =
      new AdminModel(
          "inventory",
          "host",
          "Hosts",
          List.of(new AdminField("hostname", "text", true, true, List.of(), null)),
          List.of("hostname"),
          List.of(),
          "hostname",
          Map.of(),
          List.of(),
          AdminModel.ALL_WRITES,
          List.of(
              new AdminModel.AdminForm(
                  "rename",
                  "Rename",
                  "change",
                  List.of(new AdminField("hostname", "text", true, true, List.of(), null)))),
          Map.of(),
          null);

  private static final User ROOT =
      new User(1, "root", "", "", "", true, true, true, Set.of(), Set.of(), null);

  /** Whether the host is there: found by the lookup, gone by the write. */
  private final AtomicBoolean there = new AtomicBoolean(true);

  /** A desk whose write finds the host deleted meanwhile, or, if {@code other}, something else. */
  private AdminDesk desk(boolean other) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "models" -> List.of(HOST);
              case "get" -> Map.of("id", String.valueOf(ID), "hostname", "web01");
              case "existing" -> there.get() ? Map.of(ID, "web01") : Map.of();
              case "update", "submit" -> {
                there.set(other);
                throw ProblemException.notFound(other ? "No such rack." : "No host " + ID + ".");
              }
              default -> InvocationHandler.invokeDefault(proxy, method, args);
            };
    return (AdminDesk)
        Proxy.newProxyInstance(
            AdminDesk.class.getClassLoader(), new Class<?>[] {AdminDesk.class}, handler);
  }

  private static AdminPages pages(AdminDesk desk) {
    return new AdminPages(List.of(desk), null, null, null);
  }

  /** A post by a superuser from the list searched for "web". */
  private static ContainerRequestContext request() {
    MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
    query.putSingle(KeptFilters.PARAM, KEPT);
    UriInfo uri = proxy(UriInfo.class, "getQueryParameters", query);
    SecurityContext security = proxy(SecurityContext.class, "getUserPrincipal", ROOT);
    InvocationHandler handler =
        (p, method, args) ->
            switch (method.getName()) {
              case "getUriInfo" -> uri;
              case "getSecurityContext" -> security;
              default -> null;
            };
    return (ContainerRequestContext)
        Proxy.newProxyInstance(
            ContainerRequestContext.class.getClassLoader(),
            new Class<?>[] {ContainerRequestContext.class},
            handler);
  }

  private static <T> T proxy(Class<T> type, String name, Object answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> method.getName().equals(name) ? answer : null));
  }

  private static MultivaluedMap<String, String> posted(boolean digest) {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.putSingle("hostname", "web02");
    if (digest) {
      // what the change form was opened on: the host as the lookup finds it
      posted.putSingle(
          EditedSince.FIELD,
          new EditedSince()
              .add(HOST.fields(), Map.of("hostname", "web01"), field -> field)
              .digest());
    }
    return posted;
  }

  private static void assertGone(Response response) {
    assertEquals(303, response.getStatus());
    assertEquals(
        "/admin/inventory/host?" + KEPT + "&done=" + Messages.GONE + "&id=" + ID,
        response.getLocation().toString());
  }

  @Test
  void aChangeFormsSaveLeadsToTheListWhenTheWriteFindsTheObjectGone() {
    ObjectPages pages = new ObjectPages(pages(desk(false)), null, null);
    assertGone(pages.change(request(), "inventory", "host", ID, posted(true)));
  }

  @Test
  void anOwnFormsSaveLeadsToTheListWhenTheWriteFindsTheObjectGone() {
    ObjectForms forms = new ObjectForms(pages(desk(false)));
    assertGone(forms.submit(request(), "inventory", "host", ID, "rename", posted(false)));
  }

  /** A 404 about something else, the object still there, stays the desk's answer. */
  @Test
  void aWritesOther404WhileTheObjectIsThereStaysA404() {
    ObjectForms forms = new ObjectForms(pages(desk(true)));
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> forms.submit(request(), "inventory", "host", ID, "rename", posted(false)));
    assertEquals(404, refused.status());
  }
}
