package cores.notify;

import cores.api.accounts.User;
import cores.api.notify.ChannelCounts;
import cores.api.notify.FailedMessage;
import cores.api.notify.OutboxDesk;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/notifications/outbox}, superusers only: the number of messages per status, the active
 * channels, and the latest failed messages (GET); put one failed message ({@code POST {id}/retry})
 * or all of them ({@code POST retry}) back in the queue with a fresh budget of attempts. Through
 * the {@link OutboxDesk}, as the admin's outbox page.
 */
@JakartarsResource
@Component(service = OutboxResource.class)
@Path("notifications/outbox")
@ApiDoc(permission = ApiDoc.SUPERUSER)
@Produces(MediaType.APPLICATION_JSON)
public final class OutboxResource implements ApiSchemas {
  private static final int FAILED_SHOWN = 100;

  private final OutboxDesk desk;

  @Activate
  public OutboxResource(@Reference OutboxDesk desk) {
    this.desk = desk;
  }

  /** A failed message (the API's snake_case names). */
  private static final JsonShape FAILED =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("type", Map.of("type", "string", "pattern", "^[a-z_]+$"))
          .with("recipient", JsonShape.STRING)
          .with("attempts", Map.of("type", "integer", "minimum", 0))
          .with("last_error", JsonShape.nullable(JsonShape.STRING))
          .with("created", JsonShape.DATE_TIME)
          .with("next_attempt_at", JsonShape.DATE_TIME);

  /** The outbox view: its keys and the schemas of their values. */
  private static final JsonShape OUTBOX =
      JsonShape.of()
          .with("counts", OutboxStore.COUNTS.schema("messages by status"))
          .with("channels", JsonShape.arrayOf(JsonShape.STRING))
          .with("failed", JsonShape.arrayOf(FAILED.schema("a failed message, latest first")));

  /** What a retry answers. */
  private static final JsonShape REQUEUED =
      JsonShape.of().with("requeued", Map.of("type", "integer", "minimum", 0));

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "outbox", OUTBOX.schema("the notification outbox"),
        "outbox_requeued", REQUEUED.schema("how many failed messages are queued again"));
  }

  @GET
  @ApiDoc(
      value = "Messages per status, the active channels and the latest failed messages",
      response = "outbox")
  public Map<String, Object> outbox(@Context SecurityContext security) {
    superuser(security);
    return OUTBOX.values(
        desk.counts(),
        desk.channels().stream().map(ChannelCounts::channel).toList(),
        desk.failed(FAILED_SHOWN).stream().map(OutboxResource::failed).toList());
  }

  private static Map<String, Object> failed(FailedMessage m) {
    return FAILED.values(
        m.id(),
        m.type(),
        m.recipient(),
        m.attempts(),
        m.lastError(),
        m.created(),
        m.nextAttemptAt());
  }

  @POST
  @Path("{id}/retry")
  @ApiDoc(
      value = "Puts one failed message back in the queue with a fresh budget of attempts",
      response = "outbox_requeued")
  public Map<String, Object> retry(@PathParam("id") long id, @Context SecurityContext security) {
    superuser(security);
    if (!desk.retry(id)) {
      throw ProblemException.notFound("No failed message with id " + id + ".");
    }
    return REQUEUED.values(1);
  }

  @POST
  @Path("retry")
  @ApiDoc(value = "Puts every failed message back in the queue", response = "outbox_requeued")
  public Map<String, Object> retryAll(@Context SecurityContext security) {
    superuser(security);
    return REQUEUED.values(desk.retryAll());
  }

  private static void superuser(SecurityContext security) {
    if (security == null || !(security.getUserPrincipal() instanceof User user)) {
      throw new ProblemException(
          401, "Unauthorized", "Authentication credentials were not provided.");
    }
    if (!user.superuser()) {
      throw new ProblemException(403, "Forbidden", "Only superusers may see the outbox.");
    }
  }
}
