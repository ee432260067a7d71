package cores.web.account;

import cores.api.accounts.PasswordResets;
import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Flash;
import cores.web.Form;
import cores.web.Site;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /password-reset}: anyone asks for a link by email address, and gets the same answer
 * whether an account has it or not; {@code /password-reset/{key}}: the mailed link, where the new
 * password is set (once, before the link expires). The forms of visitors without a session carry
 * the anonymous visitor's CSRF token.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = PasswordResetPages.class)
@Path("password-reset")
@Produces(MediaType.TEXT_HTML)
public final class PasswordResetPages {
  private static final String ASK = "account/reset-request.jte";
  private static final String SET = "account/reset.jte";

  private final Site site;
  private final PasswordResets resets;

  @Activate
  public PasswordResetPages(@Reference Site site, @Reference PasswordResets resets) {
    this.site = site;
    this.resets = resets;
  }

  /**
   * A password reset form: the key (null when asking for a link) and the user it is for; {@code
   * mailed} false when no link could be mailed, so that the page says so instead of asking.
   */
  public record ResetView(
      Form form, String csrfToken, String key, String username, boolean mailed) {}

  @GET
  public Response ask(@Context ContainerRequestContext request) {
    return site.render(
        request, 200, "Forgot your password?", ASK, view(request, Form.of(Map.of()), null, null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response send(
      MultivaluedMap<String, String> posted, @Context ContainerRequestContext request) {
    Form form = Form.posted(posted);
    if (form.hasErrors()) {
      return site.render(
          request, 400, "Forgot your password?", ASK, view(request, form, null, null));
    }
    try {
      resets.request(form.value("email"));
    } catch (ProblemException e) {
      // the page says itself why no link can be mailed
      Form shown = e.status() == 503 ? Form.of(Map.of()) : form.refused(e, Map.of());
      return site.render(
          request, e.status(), "Forgot your password?", ASK, view(request, shown, null, null));
    }
    return site.redirect(
        request,
        "/password-reset",
        Flash.Message.of(
            "info",
            "If an account with a Cores password uses ",
            form.value("email").strip(),
            ", a link to set a new one is on its way. It works once, and only for a while."));
  }

  @GET
  @Path("{key}")
  public Response form(@PathParam("key") String key, @Context ContainerRequestContext request) {
    Optional<User> user = resets.check(key);
    if (user.isEmpty()) {
      return expired(request);
    }
    return site.render(
        request,
        200,
        "Set a new password",
        SET,
        view(request, Form.of(Map.of()), key, user.get().username()));
  }

  @POST
  @Path("{key}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response set(
      @PathParam("key") String key,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<User> user = resets.check(key);
    if (user.isEmpty()) {
      return expired(request);
    }
    Form form = Form.posted(posted);
    String password = form.value("new_password");
    if (!password.equals(form.value("confirm_password"))) {
      form.error("confirm_password", "does not match the new password");
    }
    if (form.hasErrors()) {
      return site.render(
          request, 400, "Set a new password", SET, view(request, form, key, user.get().username()));
    }
    try {
      resets.reset(key, password.toCharArray());
    } catch (ProblemException e) {
      if (e.status() == 404) {
        return expired(request);
      }
      return site.render(
          request,
          e.status(),
          "Set a new password",
          SET,
          view(request, form.refused(e, Map.of()), key, user.get().username()));
    }
    // the start page shows the message (the login page, of the http bundle, shows none)
    return site.redirect(
        request, "/", new Flash.Message("success", "Your new password is set: log in with it."));
  }

  /** The link is unknown, used or expired: say so, with the form that asks for a new one. */
  private Response expired(ContainerRequestContext request) {
    Form form = Form.of(Map.of());
    form.refused(
        ProblemException.notFound("This link is unknown, used or expired. Ask for a new one here."),
        Map.of());
    return site.render(request, 404, "Forgot your password?", ASK, view(request, form, null, null));
  }

  private ResetView view(ContainerRequestContext request, Form form, String key, String username) {
    return new ResetView(form, Visitor.of(request).csrfToken(), key, username, resets.mailed());
  }
}
