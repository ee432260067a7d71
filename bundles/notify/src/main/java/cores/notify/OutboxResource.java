package cores.notify;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
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
 * or all of them ({@code POST retry}) back in the queue with a fresh budget of attempts.
 */
@JakartarsResource
@Component(service = OutboxResource.class)
@Path("notifications/outbox")
@ApiDoc(permission = ApiDoc.SUPERUSER)
@Produces(MediaType.APPLICATION_JSON)
public final class OutboxResource implements ApiSchemas {
  private static final int FAILED_SHOWN = 100;

  private final Transactions tx;
  private final Dispatcher dispatcher;

  @Activate
  public OutboxResource(
      @Reference(target = "(" + Transactions.UNIT + "=cores.notify)") Transactions tx,
      @Reference Dispatcher dispatcher) {
    this.tx = tx;
    this.dispatcher = dispatcher;
  }

  /** The outbox view: its keys and the schemas of their values. */
  private static final JsonShape OUTBOX =
      JsonShape.of()
          .with("counts", OutboxStore.COUNTS.schema("messages by status"))
          .with("channels", JsonShape.arrayOf(JsonShape.STRING))
          .with(
              "failed",
              JsonShape.arrayOf(OutboxStore.FAILED.schema("a failed message, latest first")));

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
    return tx.readOnly(
        em -> {
          return OUTBOX.values(
              OutboxStore.counts(Delivery.connection(em)),
              dispatcher.channelNames(),
              OutboxStore.failed(Delivery.connection(em), FAILED_SHOWN));
        });
  }

  @POST
  @Path("{id}/retry")
  @ApiDoc(
      value = "Puts one failed message back in the queue with a fresh budget of attempts",
      response = "outbox_requeued")
  public Map<String, Object> retry(@PathParam("id") long id, @Context SecurityContext security) {
    superuser(security);
    int n = tx.required(em -> OutboxStore.requeue(Delivery.connection(em), id));
    if (n == 0) {
      throw ProblemException.notFound("No failed message with id " + id + ".");
    }
    return REQUEUED.values(n);
  }

  @POST
  @Path("retry")
  @ApiDoc(value = "Puts every failed message back in the queue", response = "outbox_requeued")
  public Map<String, Object> retryAll(@Context SecurityContext security) {
    superuser(security);
    int n = tx.required(em -> OutboxStore.requeue(Delivery.connection(em), null));
    return REQUEUED.values(n);
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
