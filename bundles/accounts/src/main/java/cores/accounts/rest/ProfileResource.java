package cores.accounts.rest;

import cores.accounts.entity.UserEntity;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/auth/profile}: the logged-in user's own profile; any user may turn their reminder
 * emails off or on ({@code PATCH {"receive_reminders": false}}). The notify bundle reads the flag
 * when a reminder is enqueued.
 */
@JakartarsResource
@Component(service = ProfileResource.class)
@Path("auth/profile")
@ApiDoc(value = "The logged-in user's own profile", permission = ApiDoc.AUTHENTICATED)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProfileResource {
  private final Transactions tx;

  @Activate
  public ProfileResource(@Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx) {
    this.tx = tx;
  }

  @GET
  public ProfileView get(@Context SecurityContext security) {
    User user = Access.user(security);
    return tx.readOnly(em -> ProfileView.of(find(em.find(UserEntity.class, user.id()))));
  }

  @PATCH
  public ProfileView patch(ProfileInput input, @Context SecurityContext security) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    return tx.required(
        em -> {
          UserEntity entity = find(em.find(UserEntity.class, user.id()));
          if (input.receiveReminders() != null) {
            entity.receiveReminders(input.receiveReminders());
          }
          return ProfileView.of(entity);
        });
  }

  /** The user may have been deleted since the request was authenticated. */
  private static UserEntity find(UserEntity user) {
    if (user == null) {
      throw ProblemException.notFound("The user no longer exists.");
    }
    return user;
  }
}
