package cores.admin;

import cores.api.admin.AdminModel;
import cores.api.admin.AdminModel.AdminForm;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * A model's own forms on one object ({@link AdminModel#forms}, e.g. a user's password) under {@code
 * /admin/{app}/{model}/{id}/form/{name}}: shown with the permission they need, submitted to the
 * model's desk, the problems at their fields. Values are never shown back: a refused password is
 * typed again. The form of an object that is not there leads to the model's list, saying so, as its
 * change page does. As the change form, it carries the list as it was left ({@link KeptFilters}):
 * its save and its links lead back to it.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ObjectForms.class)
@Path("admin/{app}/{model}/{id: [0-9]+}/form/{form}")
@Produces(MediaType.TEXT_HTML)
public final class ObjectForms {
  private final AdminPages pages;

  @Activate
  public ObjectForms(@Reference AdminPages pages) {
    this.pages = pages;
  }

  @GET
  public Response show(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id,
      @PathParam("form") String formName,
      @QueryParam("added") String added) {
    AdminModel model = pages.model(app, name);
    AdminForm spec = spec(model, formName);
    Visitor visitor = Visitor.of(request);
    AdminAccess.require(visitor, model, spec.action());
    if (ObjectPages.find(pages.desk(), visitor, model, id).isEmpty()) {
      // as the object's change page: its list, saying it is not there, not a bare 404
      return ObjectPages.gone(request, visitor, model, id);
    }
    // a form its submit would refuse (a superuser's password, for staff) is not shown either
    if (!pages.desk().offers(visitor.user().orElseThrow(), model, id, spec.name())) {
      throw Access.forbidden("You may not " + spec.label().toLowerCase(Locale.ROOT) + " here.");
    }
    return page(request, visitor, model, id, spec, new Form(Map.of()), added != null, 200);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response submit(
      @Context ContainerRequestContext request,
      @PathParam("app") String app,
      @PathParam("model") String name,
      @PathParam("id") long id,
      @PathParam("form") String formName,
      MultivaluedMap<String, String> posted) {
    AdminModel model = pages.model(app, name);
    AdminForm spec = spec(model, formName);
    Visitor visitor = Visitor.of(request);
    AdminAccess.require(visitor, model, spec.action());
    AdminAccess.requireWritable(request, model);
    if (ObjectPages.find(pages.desk(), visitor, model, id).isEmpty()) {
      // deleted while the form was open: its list, saying so, as the form's GET; nothing written
      return ObjectPages.gone(request, visitor, model, id);
    }
    try {
      PostedForm.requireSound(
          posted, PostedForm.many(spec.fields())::contains, PostedForm.boxes(spec.fields()));
      pages
          .desk()
          .submit(
              visitor.user().orElseThrow(),
              model,
              id,
              spec.name(),
              PostedForm.values(spec.fields(), posted));
    } catch (ProblemException e) {
      if (ObjectPages.goneMeanwhile(pages.desk(), model, id, e)) {
        // deleted between the lookup above and the write: as though it had gone before
        return ObjectPages.gone(request, visitor, model, id);
      }
      if (AdminAccess.refusedAtFields(e)) {
        List<String> names = spec.fields().stream().map(f -> f.name()).toList();
        Form refused = new Form(Map.of()).refused(e, names);
        return page(request, visitor, model, id, spec, refused, false, e.status());
      }
      throw e;
    }
    // the list as it was left, as a change form's save leads to it
    String kept = AfterAdding.kept(request);
    String back =
        AdminAccess.allowed(visitor, model).url()
            + "?"
            + (kept.isEmpty() ? "" : kept + "&")
            + "done=changed&id="
            + id;
    return Response.seeOther(URI.create(back)).build();
  }

  private static AdminForm spec(AdminModel model, String name) {
    return model
        .form(name)
        .orElseThrow(() -> ProblemException.notFound("No form " + name + " here."));
  }

  private Response page(
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      long id,
      AdminForm spec,
      Form form,
      boolean added,
      int status) {
    String label = pages.desk().label(model, id);
    String object = model.singular() + " " + label;
    return pages.page(
        request,
        status,
        spec.label() + ": " + object,
        "objectform.jte",
        new ObjectFormPage(
            AdminAccess.allowed(visitor, model),
            visitor.csrfToken(),
            id,
            object,
            label,
            spec,
            form,
            added,
            AfterAdding.kept(request)));
  }
}
