package cores.web.account;

import cores.api.accounts.Tokens;
import cores.api.accounts.User;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /profile/tokens}: the user's API tokens (label, created, last used); a new token's key is
 * in the answer to the POST that creates it and nowhere else, ever. Revoking redirects back.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = TokenPages.class)
@Path("profile/tokens")
@Produces(MediaType.TEXT_HTML)
public final class TokenPages {
  private final Site site;
  private final Tokens tokens;
  private final BookingDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public TokenPages(@Reference Site site, @Reference Tokens tokens, @Reference BookingDesk desk) {
    this.site = site;
    this.tokens = tokens;
    this.desk = desk;
  }

  @GET
  public Response list(@Context ContainerRequestContext request) {
    return Pages.forUser(site, request, me -> show(request, me, 200, Form.of(Map.of()), null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      MultivaluedMap<String, String> posted, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Access.requireNotImpersonating(request, "create API tokens");
          Form form = Form.posted(posted);
          if (form.hasErrors()) {
            return show(request, me, 400, form, null);
          }
          String key;
          try {
            key = tokens.issue(me.id(), form.value("label").strip());
          } catch (IllegalArgumentException e) {
            form.error("label", Pages.problem(e));
            return show(request, me, 400, form, null);
          }
          return show(request, me, 200, Form.of(Map.of()), key);
        });
  }

  @POST
  @Path("{id}/revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response revoke(@PathParam("id") long id, @Context ContainerRequestContext request) {
    return Pages.forUser(
        site,
        request,
        me -> {
          Tokens.Token token =
              tokens.list(me.id()).stream()
                  .filter(t -> t.id() == id)
                  .findFirst()
                  .orElseThrow(() -> ProblemException.notFound("You have no such token."));
          tokens.revokeById(me.id(), id);
          return site.redirect(
              request,
              "/profile/tokens",
              Flash.Message.of(
                  "success",
                  "Revoked the token \u201c",
                  token.label(),
                  "\u201d: it no longer works."));
        });
  }

  private Response show(
      ContainerRequestContext request, User me, int status, Form form, String newKey) {
    AccountView view =
        AccountView.of(
                "tokens",
                form,
                Visitor.of(request).csrfToken(),
                new Times(desk.zone(), clock.instant()))
            .withTokens(tokens.list(me.id()), newKey);
    return site.render(request, status, "Your API tokens", "account/tokens.jte", view);
  }
}
