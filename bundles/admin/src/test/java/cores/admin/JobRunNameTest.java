package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.changes.Change;
import cores.api.config.SiteZone;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A job's run and an outbox retry in the change log (the admin home's recent actions, the change
 * log page) are named by what they did and when, as every other object is named, not "run #12" or
 * "outboxretry #12".
 */
class JobRunNameTest {
  private static final SiteZone ZURICH = SiteZone.of(ZoneId.of("Europe/Zurich"));

  /** A desk that lists no model: the operator pages' changes are named without one. */
  private static final AdminDesk NO_MODELS =
      (AdminDesk)
          Proxy.newProxyInstance(
              AdminDesk.class.getClassLoader(),
              new Class<?>[] {AdminDesk.class},
              (proxy, method, args) -> {
                if (method.getName().equals("models")) {
                  return List.of();
                }
                throw new UnsupportedOperationException(method.getName());
              });

  private static Change change(String app, String model, List<Change.FieldChange> fields) {
    return new Change(
        "c1",
        Instant.parse("2026-12-06T22:59:00.250Z"),
        7L,
        "root",
        null,
        null,
        app,
        model,
        12,
        "create",
        fields);
  }

  @Test
  void aRunIsNamedByItsJobAndWhenItStartedInTheSiteZone() {
    Change run =
        change(
            "jobs",
            "run",
            List.of(
                new Change.FieldChange("job", null, "maintenance"),
                new Change.FieldChange("trigger", null, "manual"),
                new Change.FieldChange("started", null, "2026-12-06T22:59:00.123456+00:00")));
    assertEquals(
        Optional.of("maintenance job run at 2026-12-06 23:59:00 Europe/Zurich"),
        Operations.nameOf(run, ZURICH));
    // the home's line names it so, where it named "run #12"
    assertEquals(
        "maintenance job run at 2026-12-06 23:59:00 Europe/Zurich",
        ChangeLines.named(NO_MODELS, List.of(run), ZURICH).get(0).object());
  }

  @Test
  void anOutboxRetryIsNamedByWhatItRequeuedAndWhenInTheSiteZone() {
    Change one =
        change(
            "notify",
            "outboxretry",
            List.of(
                new Change.FieldChange("id", null, "12"),
                new Change.FieldChange("message_id", null, "42"),
                new Change.FieldChange("requeued", null, "1"),
                new Change.FieldChange("at", null, "2026-12-06T22:59:00.123456+00:00")));
    Change all =
        change(
            "notify",
            "outboxretry",
            List.of(
                new Change.FieldChange("id", null, "13"),
                new Change.FieldChange("message_id", null, null),
                new Change.FieldChange("requeued", null, "3"),
                new Change.FieldChange("at", null, "2026-12-06T22:59:00.123456+00:00")));
    // the home's lines name them so, where they named "outboxretry #12"
    assertEquals(
        List.of(
            "outbox retry of message #42 at 2026-12-06 23:59:00 Europe/Zurich",
            "outbox retry of every failed message (3) at 2026-12-06 23:59:00 Europe/Zurich"),
        ChangeLines.named(NO_MODELS, List.of(one, all), ZURICH).stream()
            .map(Views.Line::object)
            .toList());
  }

  @Test
  void aPluginsModelWithoutAnAdminModelKeepsItsNameAndId() {
    Change greeting = change("hello", "greeting", List.of());
    assertEquals(Optional.empty(), Operations.nameOf(greeting, ZURICH));
    Views.Line line = ChangeLines.named(NO_MODELS, List.of(greeting), ZURICH).get(0);
    assertEquals("greeting #12", line.object());
    // and no link: the admin has no page of it (its history's would be a 404)
    assertNull(line.objectUrl());
    String home =
        new Templates()
            .render(
                "home.jte", new Views.Home("csrf", "", List.of(), List.of(), List.of(line), null));
    assertTrue(home.contains("<li>greeting #12: Added by root"), home);
  }
}
