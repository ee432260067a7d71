package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.PageLayout;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A bulk action on every host of a large lab ("select all N matching") that takes them out of
 * active asks first, listing the first hundred hosts and counting the rest, and works out the
 * bookings ahead once: it named every host, each label read for it, and worked out the bookings
 * ahead twice (to decide to ask, then for the page), seconds each on a large lab.
 */
class BulkConfirmationTest {
  private static final AdminModel HOST = TestModels.host(Map.of("suspend", "Suspend (bookable)"));
  private static final int HOSTS = 1000;

  private static final User ROOT =
      new User(1, "root", "", "", "", true, true, true, Set.of(), Set.of(), null);

  /** The desk's methods called, and the ids each call of {@code labels} named. */
  private final List<String> asked = new ArrayList<>();

  private final List<Integer> labelled = new ArrayList<>();

  private AdminDesk desk() {
    List<Long> all = LongStream.rangeClosed(1, HOSTS).boxed().toList();
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    InvocationHandler handler =
        (proxy, method, args) -> {
          asked.add(method.getName());
          return switch (method.getName()) {
            case "models" -> List.of(HOST);
            case "ids" -> all;
            case "existing" -> {
              Map<Long, String> there = new LinkedHashMap<>();
              ((Collection<?>) args[1]).forEach(id -> there.put((Long) id, "web" + id));
              yield there;
            }
            case "labels" -> {
              Collection<?> ids = (Collection<?>) args[1];
              labelled.add(ids.size());
              Map<Long, String> labels = new LinkedHashMap<>();
              ids.forEach(id -> labels.put((Long) id, "web" + id));
              yield labels;
            }
            case "affected" ->
                List.of(
                    new AdminDesk.Hold(
                        "booking", 1, "web1", "alice", start, start.plusSeconds(3600)));
            default -> InvocationHandler.invokeDefault(proxy, method, args);
          };
        };
    return (AdminDesk)
        Proxy.newProxyInstance(
            AdminDesk.class.getClassLoader(), new Class<?>[] {AdminDesk.class}, handler);
  }

  private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> answers.get(method.getName())));
  }

  /** "Select all" on the list of hosts, posted by a superuser. */
  private static ContainerRequestContext request() {
    UriInfo uri =
        proxy(
            UriInfo.class,
            Map.of(
                "getQueryParameters",
                new MultivaluedHashMap<String, String>(),
                "getRequestUri",
                URI.create("http://cores/admin/inventory/host")));
    SecurityContext security =
        proxy(SecurityContext.class, Map.of("getUserPrincipal", ROOT, "isSecure", true));
    return proxy(
        ContainerRequestContext.class, Map.of("getUriInfo", uri, "getSecurityContext", security));
  }

  @Test
  void everyHostSuspendedIsConfirmedListingAHundredAndTheBookingsAheadWorkedOutOnce() {
    // the page without the site's frame: its body
    PageLayout layout =
        (PageLayout)
            Proxy.newProxyInstance(
                PageLayout.class.getClassLoader(),
                new Class<?>[] {PageLayout.class},
                (p, method, args) -> args[3]);
    AdminPages pages = new AdminPages(List.of(desk()), null, layout, SiteZone.of(ZoneId.of("UTC")));
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.putSingle("action", "suspend");
    posted.putSingle(Selection.SELECT, Selection.ALL);
    Response answer = new ModelPages(pages).bulk(request(), "inventory", "host", posted);
    assertEquals(200, answer.getStatus());
    assertEquals(1, asked.stream().filter("affected"::equals).count(), asked::toString);
    assertTrue(labelled.stream().allMatch(n -> n <= 100), labelled::toString);
    String html = new String((byte[]) answer.getEntity(), StandardCharsets.UTF_8);
    assertTrue(html.contains("1000 hosts are selected; the first 100 are listed."), html);
    assertEquals(101, html.split("<li>host web", -1).length, "the first hundred named");
    assertTrue(html.contains("<li>host web100</li>") && !html.contains("web101<"), "in order");
    // the answer still acts on all of them
    assertEquals(HOSTS + 1, html.split("name=\"ids\"", -1).length);
    assertTrue(html.contains("name=\"ids\" value=\"1000\""));
  }
}
