package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.live.Conflict;
import cores.web.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownViewTest {
  private static Conflict device(long id, String location) {
    Instant t = Instant.parse("2026-11-25T12:00:00Z");
    return new Conflict(
        id,
        Conflict.Kind.UNKNOWN,
        "new",
        "00:1b:21:00:00:0" + id,
        "10.0.0." + id,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        location,
        t,
        t,
        t,
        "agent");
  }

  @Test
  void devicesAreGroupedByTheirLabInTheListsOrderThoseInNoLabAsNoLab() {
    UnknownView view =
        new UnknownView(
            List.of(device(1, "B1/lab1"), device(2, "B1/lab1"), device(3, "lab2"), device(4, null)),
            List.of(),
            new Times(ZoneOffset.UTC, Instant.now()),
            new Actions(false, false, false, ""),
            200);
    List<UnknownView.Group> groups = view.groups();
    assertEquals(
        List.of("B1/lab1", "lab2", "No lab"),
        groups.stream().map(UnknownView.Group::name).toList());
    assertEquals(2, groups.get(0).devices().size());
    assertEquals(4L, groups.get(2).devices().get(0).id());
  }
}
