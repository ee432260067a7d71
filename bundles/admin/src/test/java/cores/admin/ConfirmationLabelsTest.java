package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.Visitor;
import java.lang.reflect.Proxy;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A delete confirmation names its objects in one read of their desk ({@link AdminDesk#labels}), not
 * one read an object.
 */
class ConfirmationLabelsTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  private static Visitor staff() {
    return StaffVisitors.with(Set.of(HOST.permission("delete"), HOST.permission("view")));
  }

  @Test
  void theObjectsOfADeleteAreNamedInOneRead() {
    List<String> asked = new ArrayList<>();
    AdminDesk desk =
        (AdminDesk)
            Proxy.newProxyInstance(
                AdminDesk.class.getClassLoader(),
                new Class<?>[] {AdminDesk.class},
                (proxy, method, args) -> {
                  asked.add(method.getName());
                  switch (method.getName()) {
                    case "labels":
                      Map<Long, String> labels = new LinkedHashMap<>();
                      for (Object id : (Collection<?>) args[1]) {
                        labels.put((Long) id, "web" + id);
                      }
                      return labels;
                    case "models":
                      return List.of(HOST);
                    case "consequences", "obstacles", "referrers":
                      return List.of();
                    default:
                      throw new UnsupportedOperationException(method.getName());
                  }
                });
    ConfirmPage view =
        Confirmations.view(
            desk,
            staff(),
            HOST,
            List.of(9L, 7L, 8L),
            null,
            List.of(),
            List.of(),
            SiteZone.of(ZoneId.of("UTC")),
            "q=web&page=2");
    assertEquals(Map.of(9L, "web9", 7L, "web7", 8L, "web8"), view.objects());
    assertEquals(List.of(9L, 7L, 8L), List.copyOf(view.objects().keySet()), "in their order");
    assertEquals(1, asked.stream().filter(m -> m.startsWith("label")).count(), asked::toString);
    assertEquals("Delete these 3 hosts?", view.question());
    // the delete leads back to the list as it was left
    assertEquals(
        "/admin/inventory/host/delete?_changelist_filters=q%3Dweb%26page%3D2",
        view.postTo(), "posted to");
    assertEquals("/admin/inventory/host?q=web&page=2", view.listUrl());
  }
}
