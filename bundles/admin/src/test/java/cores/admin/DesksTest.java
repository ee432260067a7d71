package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A delete confirmation's consequences come from every desk: the model's own desk tells what of its
 * own goes, each other desk what of its objects goes with them (the domain's notices of a group),
 * so that no bundle reads another's tables to tell it.
 */
class DesksTest {
  private static final AdminModel GROUP =
      new AdminModel(
          "auth", "group", "Groups", List.of(), List.of(), List.of(), "", Map.of(), List.of());
  private static final AdminModel HOST = TestModels.host(Map.of());

  /** A desk of these models answering consequences and dependents with these lines. */
  private static AdminDesk desk(AdminModel model, List<String> own, List<String> theirs) {
    return (AdminDesk)
        Proxy.newProxyInstance(
            AdminDesk.class.getClassLoader(),
            new Class<?>[] {AdminDesk.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "models" -> List.of(model);
                  case "consequences" -> own;
                  case "dependents" -> theirs;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void aDeletesConsequencesAreTheOwnDesksThenWhatItDoesToEveryOtherDesksObjects() {
    Desks desks =
        new Desks(
            List.of(
                desk(GROUP, List.of("2 memberships of users (the users stay)"), List.of()),
                desk(
                    HOST,
                    List.of("1 NIC will lose its host"),
                    List.of("1 notice (by group) will be deleted too: Closed"))));
    assertEquals(
        List.of(
            "2 memberships of users (the users stay)",
            "1 notice (by group) will be deleted too: Closed"),
        desks.consequences(null, GROUP, List.of(4L)));
    // a desk is not asked what deleting its own objects does to them
    assertEquals(List.of("1 NIC will lose its host"), desks.consequences(null, HOST, List.of(1L)));
  }
}
