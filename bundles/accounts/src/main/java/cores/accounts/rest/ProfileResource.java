package cores.accounts.rest;

import cores.accounts.Validation;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Profile;
import cores.api.accounts.Profiles;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/auth/profile}: the logged-in user's own profile, as the profile page shows it: names,
 * email address and the reminder choice ({@code PATCH}, through {@link Profiles} as the page), and
 * a new password ({@code POST .../password}). The notify bundle reads the reminder flag when a
 * reminder is enqueued.
 */
@JakartarsResource
@Component(service = ProfileResource.class)
@Path("auth/profile")
@ApiDoc(value = "The logged-in user's own profile", permission = ApiDoc.AUTHENTICATED)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProfileResource implements ApiSchemas {
  private final Transactions tx;
  private final Profiles profiles;

  @Activate
  public ProfileResource(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Profiles profiles) {
    this.tx = tx;
    this.profiles = profiles;
  }

  @GET
  public ProfileView get(@Context SecurityContext security) {
    User user = Access.user(security);
    return tx.readOnly(em -> ProfileView.of(find(em.find(UserEntity.class, user.id()))));
  }

  @PATCH
  @ApiDoc(
      value = "Changes one's names, address or reminder choice; absent fields are kept",
      permission = ApiDoc.AUTHENTICATED,
      request = "profile_patch")
  public ProfileView patch(ProfileInput input, @Context SecurityContext security) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    input.check();
    if (!input.namesOrAddressSent()) {
      // the reminder choice alone: also for users without an address, whom update would refuse
      return tx.required(
          em -> {
            UserEntity entity = find(em.find(UserEntity.class, user.id()));
            entity.receiveReminders(input.receiveReminders(entity.receiveReminders()));
            return ProfileView.of(entity);
          });
    }
    Profile now =
        profiles
            .profile(user.id())
            .orElseThrow(() -> ProblemException.notFound("The user no longer exists."));
    Profile changed =
        profiles.update(
            user.id(),
            input.firstName(now),
            input.lastName(now),
            input.email(now),
            input.receiveReminders(now.receiveReminders()));
    return ProfileView.of(changed);
  }

  @POST
  @Path("password")
  @ApiDoc(
      "Changes one's own local password (current_password, new_password): ends one's browser"
          + " sessions and revokes one's API tokens, the one asking included")
  public Response password(PasswordChange input, @Context SecurityContext security) {
    User user = Access.user(security);
    if (input == null) {
      throw ProblemException.badRequest("A JSON body is required.");
    }
    profiles.changePassword(
        user.id(), chars(input.currentPassword()), chars(input.newPassword()), null);
    return Response.noContent().build();
  }

  /**
   * What {@link ProfileInput} lets through, as a JSON Schema (a class telling null from absent,
   * which the schema of a Java type would not say).
   */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    Map<String, Object> schema =
        JsonShape.of()
            .with("first_name", also(Validation.NAME_SCHEMA, "null: empty"))
            .with("last_name", also(Validation.NAME_SCHEMA, "null: empty"))
            .with(
                "email",
                also(
                    Validation.EMAIL_SCHEMA,
                    "required once a name or the address is sent (null: empty, so refused)"))
            .with(
                "receive_reminders",
                JsonShape.described(JsonShape.BOOLEAN, "not null: leave it out to keep the choice"))
            .schema("the fields of one's own profile to change; absent ones are kept");
    schema.put("required", List.of());
    return Map.of("profile_patch", schema);
  }

  private static Map<String, Object> also(Map<String, Object> schema, String more) {
    return JsonShape.described(schema, schema.get("description") + "; " + more);
  }

  private static char[] chars(String text) {
    return text == null ? null : text.toCharArray();
  }

  /** The user may have been deleted since the request was authenticated. */
  private static UserEntity find(UserEntity user) {
    if (user == null) {
      throw ProblemException.notFound("The user no longer exists.");
    }
    return user;
  }
}
