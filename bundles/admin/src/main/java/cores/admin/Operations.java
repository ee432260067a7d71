package cores.admin;

import cores.api.changes.Change;
import cores.api.config.SiteZone;
import cores.api.web.PageLayout;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator pages (system, outbox, jobs) share: who may see each (as its REST endpoints
 * decide), the admin home's links to them, and the site's frame around their templates.
 */
final class Operations {
  /** Who may see an operator page. */
  enum Audience {
    /** Active superusers, as {@code /api/system} and {@code /api/notifications/outbox}. */
    SUPERUSERS("This page is for superusers."),
    /** Active staff and superusers, as {@code /api/cron/…} and the whole admin. */
    STAFF("The admin is for staff.");

    final String refusal;

    Audience(String refusal) {
      this.refusal = refusal;
    }

    boolean admits(Visitor visitor) {
      return this == STAFF
          ? visitor.staff()
          : visitor.user().map(u -> u.active() && u.superuser()).orElse(false);
    }
  }

  private final PageLayout layout;
  private final Templates templates = new Templates();

  Operations(PageLayout layout) {
    this.layout = layout;
  }

  /** The operator pages this visitor may see. */
  static List<Views.Link> links(Visitor visitor) {
    List<Views.Link> links = new ArrayList<>();
    if (Audience.SUPERUSERS.admits(visitor)) {
      links.add(
          new Views.Link("/admin/system", "System", "bundles, providers, configuration, plugins"));
      links.add(new Views.Link("/admin/outbox", "Outbox", "messages sent and failed; retry"));
    }
    if (Audience.STAFF.admits(visitor)) {
      String what = "scheduled jobs and their runs";
      links.add(
          new Views.Link(
              "/admin/jobs",
              "Jobs",
              Audience.SUPERUSERS.admits(visitor) ? what + "; run now" : what));
    }
    return links;
  }

  /**
   * The operator page that shows a change's object, for the changes of the models that have no
   * admin model of their own (a job's run, a retry of the outbox).
   */
  static Optional<String> pageOf(Change change) {
    return switch (change.app() + "." + change.model()) {
      case "jobs.run" -> Optional.of("/admin/jobs#run-" + change.objectId());
      case "notify.outboxretry" -> Optional.of("/admin/outbox");
      default -> Optional.empty();
    };
  }

  /**
   * How the admin names the object of a change of a model that has no admin model of its own, from
   * what the change recorded, as every other object is named rather than by its id: a job's run by
   * its job and start ("maintenance job run at 2026-12-06 23:59:00 Europe/Zurich"), a retry of the
   * outbox by what it put back in the queue and when ("outbox retry of message #42 at …", "outbox
   * retry of every failed message (3) at …").
   */
  static Optional<String> nameOf(Change change, SiteZone zone) {
    Map<String, String> recorded = new HashMap<>();
    change.fields().forEach(f -> recorded.put(f.name(), f.after()));
    return switch (change.app() + "." + change.model()) {
      case "jobs.run" ->
          Optional.ofNullable(recorded.get("job"))
              .map(job -> job + " job run at " + at(recorded.get("started"), change, zone));
      case "notify.outboxretry" ->
          Optional.ofNullable(recorded.get("requeued"))
              .map(
                  requeued ->
                      "outbox retry of "
                          + (recorded.get("message_id") == null
                              ? "every failed message (" + requeued + ")"
                              : "message #" + recorded.get("message_id"))
                          + " at "
                          + at(recorded.get("at"), change, zone));
      default -> Optional.empty();
    };
  }

  /** A time the change recorded, in the site's zone; the change's own time if none. */
  private static String at(String recorded, Change change, SiteZone zone) {
    return ChangeLines.recordedTime(recorded, zone).orElse(zone.when(change.at()));
  }

  /** A time as the admin shows times (in the site's zone, named); blank for none. */
  static String when(SiteZone zone, Instant instant) {
    return instant == null ? "" : zone.when(instant);
  }

  static Response redirect(String location) {
    return Response.seeOther(URI.create(location)).build();
  }

  Response page(ContainerRequestContext request, String title, String template, Object view) {
    String body = templates.render(template, view);
    String path = request.getUriInfo().getRequestUri().getRawPath();
    return Response.ok()
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(layout.page(Visitor.of(request), path, title, body))
        .build();
  }
}
