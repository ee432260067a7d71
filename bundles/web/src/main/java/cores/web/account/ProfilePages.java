package cores.web.account;

import cores.api.accounts.PasswordResets;
import cores.api.accounts.Profile;
import cores.api.accounts.Profiles;
import cores.api.accounts.User;
import cores.api.auth.Authenticator;
import cores.api.booking.BookingDesk;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Flash;
import cores.web.Form;
import cores.web.Site;
import cores.web.Times;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /profile}: the user's names, email address and reminder choice; {@code /profile/password}:
 * their local password (users of a directory are told where theirs lives). Each form posts to its
 * page and is shown again with the problems at their fields, or redirects with a message. On a
 * Cores that sends no email ({@link PasswordResets#mailed}, as the reset page asks) the profile
 * offers no reminder emails but says so, and a save keeps the stored choice for when it does.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ProfilePages.class)
@Path("profile")
@Produces(MediaType.TEXT_HTML)
public final class ProfilePages {
  private final Site site;
  private final Profiles profiles;
  private final Authenticator authenticator;
  private final BookingDesk desk;
  private final PasswordResets mail;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public ProfilePages(
      @Reference Site site,
      @Reference Profiles profiles,
      @Reference Authenticator authenticator,
      @Reference BookingDesk desk,
      @Reference PasswordResets mail) {
    this.site = site;
    this.profiles = profiles;
    this.authenticator = authenticator;
    this.desk = desk;
    this.mail = mail;
  }

  @GET
  public Response profile(@Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Profile profile = profile(me);
          Form form =
              Form.of(
                  Map.of(
                      "first_name", profile.firstName(),
                      "last_name", profile.lastName(),
                      "email", profile.email(),
                      "receive_reminders", profile.receiveReminders() ? "on" : ""));
          return show(request, 200, "profile", form, profile);
        });
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response saveProfile(
      MultivaluedMap<String, String> posted, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Form form = Form.posted(posted);
          // no box is shown without email: the stored choice stays, whatever was posted
          boolean reminders =
              mail.mailed() ? form.ticked("receive_reminders") : profile(me).receiveReminders();
          if (form.hasErrors()) {
            return show(request, 400, "profile", form, profile(me));
          }
          try {
            profiles.update(
                me.id(),
                form.value("first_name"),
                form.value("last_name"),
                form.value("email"),
                reminders);
          } catch (ProblemException e) {
            return show(request, e.status(), "profile", form.refused(e, Map.of()), profile(me));
          }
          return site.redirect(
              request, "/profile", new Flash.Message("success", "Your profile is saved."));
        });
  }

  @GET
  @Path("password")
  public Response password(@Context ContainerRequestContext request) {
    return Pages.forUser(
        site, request, me -> show(request, 200, "password", Form.of(Map.of()), profile(me)));
  }

  @POST
  @Path("password")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response changePassword(
      MultivaluedMap<String, String> posted, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Access.requireNotImpersonating(request, "change the password");
          Form form = Form.posted(posted);
          String next = form.value("new_password");
          if (!next.equals(form.value("confirm_password"))) {
            form.error("confirm_password", "does not match the new password");
          }
          if (form.hasErrors()) {
            return show(request, 400, "password", form, profile(me));
          }
          try {
            profiles.changePassword(
                me.id(),
                form.value("current_password").toCharArray(),
                next.toCharArray(),
                Pages.sessionOrNull(request));
          } catch (ProblemException e) {
            return show(request, e.status(), "password", form.refused(e, Map.of()), profile(me));
          }
          return site.redirect(
              request,
              "/profile/password",
              new Flash.Message(
                  "success",
                  "Your password is changed. Your other browser sessions have been logged out."));
        });
  }

  private Profile profile(User me) {
    return profiles
        .profile(me.id())
        .orElseThrow(() -> ProblemException.notFound("Your account no longer exists."));
  }

  private Response show(
      ContainerRequestContext request, int status, String tab, Form form, Profile profile) {
    AccountView view =
        AccountView.of(
                tab, form, Visitor.of(request).csrfToken(), new Times(desk.zone(), clock.instant()))
            .withProfile(profile, profile.localPassword() ? null : directory(), mail.mailed());
    return site.render(
        request,
        status,
        tab.equals("profile") ? "Your profile" : "Your password",
        "account/" + tab + ".jte",
        view);
  }

  /** The kind of directory that holds the passwords of users without a local one. */
  private String directory() {
    List<String> external =
        authenticator.providers().stream().filter(p -> !p.equals("local")).toList();
    if (external.stream().anyMatch(p -> p.startsWith("ldap"))) {
      return "your organisation's directory (LDAP)";
    }
    if (external.contains("kerberos")) {
      return "your organisation's Kerberos realm";
    }
    return "your organisation's directory";
  }
}
