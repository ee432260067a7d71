package cores.notify;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.api.web.ProblemException;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/notifications/outbox}, superusers only: the number of messages per status, the active
 * channels, and the latest failed messages (GET); put one failed message ({@code POST {id}/retry})
 * or all of them ({@code POST retry}) back in the queue with a fresh budget of attempts.
 */
@Component(service = OutboxResource.class, property = Whiteboard.RESOURCE + "=true")
@Path("notifications/outbox")
@ApiDoc(permission = ApiDoc.SUPERUSER)
@Produces(MediaType.APPLICATION_JSON)
public final class OutboxResource {
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

  @GET
  @ApiDoc("Messages per status, the active channels and the latest failed messages")
  public Map<String, Object> outbox(@Context SecurityContext security) {
    superuser(security);
    return tx.readOnly(
        em -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("counts", OutboxStore.counts(Delivery.connection(em)));
          body.put("channels", dispatcher.channelNames());
          body.put("failed", OutboxStore.failed(Delivery.connection(em), FAILED_SHOWN));
          return body;
        });
  }

  @POST
  @Path("{id}/retry")
  @ApiDoc("Puts one failed message back in the queue with a fresh budget of attempts")
  public Map<String, Object> retry(@PathParam("id") long id, @Context SecurityContext security) {
    superuser(security);
    int n = tx.required(em -> OutboxStore.requeue(Delivery.connection(em), id));
    if (n == 0) {
      throw ProblemException.notFound("No failed message with id " + id + ".");
    }
    return Map.of("requeued", n);
  }

  @POST
  @Path("retry")
  @ApiDoc("Puts every failed message back in the queue")
  public Map<String, Object> retryAll(@Context SecurityContext security) {
    superuser(security);
    return Map.of(
        "requeued", tx.required(em -> OutboxStore.requeue(Delivery.connection(em), null)));
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
