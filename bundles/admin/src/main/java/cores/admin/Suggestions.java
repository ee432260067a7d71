package cores.admin;

import static cores.admin.AdminAccess.may;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /admin/{app}/{model}/autocomplete?field=host&term=web1}, as Django's admin
 * autocomplete: the labels of at most {@link Refs#MATCHES} objects a typed reference of the model's
 * form may refer to, those starting with the term first, as the options of its datalist. The term
 * is {@code term}, else the field's own value as htmx sends it. Only for one who may use the form
 * (add or change the model) and view the referenced model, as Django checks.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = Suggestions.class)
@Path("admin/{app}/{model}/autocomplete")
@Produces(MediaType.TEXT_HTML)
public final class Suggestions {
  private final AdminPages pages;

  @Activate
  public Suggestions(@Reference AdminPages pages) {
    this.pages = pages;
  }

  @GET
  public Response suggest(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @QueryParam("field") String fieldName,
      @QueryParam("term") String term) {
    Visitor visitor = Visitor.of(request);
    AdminModel model = pages.model(app, name);
    AdminField field =
        model
            .field(fieldName == null ? "" : fieldName)
            .filter(f -> "ref".equals(f.kind()) && f.writable())
            .orElseThrow(
                () -> ProblemException.notFound("No reference " + fieldName + " to suggest."));
    AdminModel target =
        pages
            .refs()
            .target(field)
            .orElseThrow(() -> ProblemException.notFound("No model " + field.target() + " here."));
    if (!may(visitor, model, "add") && !may(visitor, model, "change")
        || !may(visitor, target, "view")) {
      throw Access.forbidden(
          "Suggestions need the permission to add or change "
              + model.pluralInSentence()
              + " and to view "
              + target.pluralInSentence()
              + ".");
    }
    String sought =
        term != null ? term : request.getUriInfo().getQueryParameters().getFirst(field.name());
    String html =
        pages
            .templates()
            .render(
                "suggestions.jte",
                pages
                    .desk()
                    .options(visitor.user().orElseThrow(), field, sought, Refs.MATCHES)
                    .values());
    return Response.ok(html.getBytes(StandardCharsets.UTF_8))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
