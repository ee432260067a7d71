package cores.web.live;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.live.Conflict;
import cores.api.live.LiveDesk;
import cores.api.live.NewNic;
import cores.api.live.OfflineHost;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Flash;
import cores.web.Form;
import cores.web.SetAside;
import cores.web.Site;
import cores.web.Times;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * What people do on the live pages, every change a POST that answers with a redirect and a message:
 * accept a NIC's IP, resolve, ignore, ignore a MAC ({@code /live/conflicts/{id}/…}); fix a location
 * and add a NIC for an unknown device through their forms ({@code /live/conflicts/{id}/location},
 * {@code …/nic}), which show every problem at its field; resolve or ignore an offline host warning
 * ({@code /live/warnings/{id}/…}); take a MAC off the ignore list.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ConflictPages.class)
@Path("live")
@Produces(MediaType.TEXT_HTML)
public final class ConflictPages {
  private static final String DASH = "/live/dash";
  private static final String UNKNOWN = "/live/unknown";
  private static final String BACK = "back";
  private static final String SUCCESS = "success";

  /** A page of the unknown devices, as {@link UnknownView#back} names it. */
  private static final Pattern UNKNOWN_PAGE =
      Pattern.compile("/live/unknown(\\?offset=[1-9][0-9]{0,8})?");

  private final Site site;
  private final LiveDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public ConflictPages(@Reference Site site, @Reference LiveDesk desk) {
    this.site = site;
    this.desk = desk;
  }

  @POST
  @Path("conflicts/{id}/{action: accept|resolve|ignore|ignoremac}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response act(
      @PathParam("id") long id,
      @PathParam("action") String action,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, Permissions.CHANGE_SCANCONFLICT);
    if (refused.isPresent()) {
      return refused.get();
    }
    String back = buttonBack(posted);
    User actor = Visitor.of(request).user().orElseThrow();
    return done(
        request,
        back(back),
        () -> {
          Conflict c =
              switch (action) {
                case "accept" -> desk.acceptIp(actor, id);
                case "resolve" -> desk.resolve(actor, id);
                case "ignore" -> desk.ignore(actor, id);
                default ->
                    desk.ignoreMac(
                        actor, id, "Ignored from the live pages by " + actor.username() + ".");
              };
          return done(action, c);
        });
  }

  @POST
  @Path("warnings/{id}/{action: resolve|ignore}")
  public Response warning(
      @PathParam("id") long id,
      @PathParam("action") String action,
      @Context ContainerRequestContext request) {
    Optional<Response> refused =
        site.requirePermission(request, Permissions.CHANGE_OFFLINEHOSTWARNING);
    if (refused.isPresent()) {
      return refused.get();
    }
    User actor = Visitor.of(request).user().orElseThrow();
    return done(
        request,
        DASH,
        () -> {
          if (action.equals("resolve")) {
            OfflineHost w = desk.resolveWarning(actor, id);
            return Flash.Message.of(
                SUCCESS, "Marked the offline warning of ", w.hostname(), " resolved.");
          }
          OfflineHost w = desk.ignoreWarning(actor, id);
          return Flash.Message.of(SUCCESS, "Ignoring the offline warning of ", w.hostname(), ".");
        });
  }

  @POST
  @Path("ignoredmacs/{id}/remove")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response unignore(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, Permissions.CHANGE_SCANCONFLICT);
    if (refused.isPresent()) {
      return refused.get();
    }
    String back = buttonBack(posted);
    User actor = Visitor.of(request).user().orElseThrow();
    // the page of unknown devices it was sent from, as "Add NIC" comes back (without one, page 1)
    return done(
        request,
        back.isEmpty() ? UNKNOWN : back(back),
        () -> {
          if (!desk.unignoreMac(actor, id)) {
            throw ProblemException.notFound("That MAC is not on the ignore list.");
          }
          return new Flash.Message(SUCCESS, "Scans see that MAC again.");
        });
  }

  @GET
  @Path("conflicts/{id}/location")
  public Response locationForm(
      @PathParam("id") long id,
      @QueryParam(BACK) String back,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, Permissions.CHANGE_SCANCONFLICT);
    if (refused.isPresent()) {
      return refused.get();
    }
    SetAside.refuse(request, BACK);
    Conflict conflict = open(id, Conflict.Kind.LOCATION);
    Form form =
        Form.of(Map.of("lab", conflict.lab() == null ? "" : String.valueOf(conflict.lab())));
    return locationPage(request, 200, conflict, form, back(back));
  }

  @POST
  @Path("conflicts/{id}/location")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response fixLocation(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, Permissions.CHANGE_SCANCONFLICT);
    if (refused.isPresent()) {
      return refused.get();
    }
    Conflict conflict = open(id, Conflict.Kind.LOCATION);
    Form form = Form.posted(posted);
    String back = back(form.value(BACK));
    Optional<Long> lab = form.number("lab");
    Optional<Long> rack = form.number("rack");
    if (form.hasErrors()) {
      return locationPage(request, 400, conflict, form, back);
    }
    try {
      Conflict fixed =
          desk.fixLocation(
              Visitor.of(request).user().orElseThrow(), id, lab.orElse(null), rack.orElse(null));
      return site.redirect(
          request,
          back,
          Flash.Message.of(SUCCESS, "", fixed.hostname(), " is now in rack ", fixed.rack(), "."));
    } catch (ProblemException e) {
      refusedUnlessForbidden(e, form);
      return locationPage(request, e.status(), conflict, form, back);
    }
  }

  @GET
  @Path("conflicts/{id}/nic")
  public Response nicForm(
      @PathParam("id") long id,
      @QueryParam(BACK) String back,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = mayAddNic(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    SetAside.refuse(request, BACK);
    Conflict conflict = open(id, Conflict.Kind.UNKNOWN);
    Form form = Form.of(Map.of("mac", conflict.mac(), "ip", conflict.ip()));
    return nicPage(request, 200, conflict, form, back(back));
  }

  @POST
  @Path("conflicts/{id}/nic")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response addNic(
      @PathParam("id") long id,
      MultivaluedMap<String, String> posted,
      @Context ContainerRequestContext request) {
    Optional<Response> refused = mayAddNic(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    Conflict conflict = open(id, Conflict.Kind.UNKNOWN);
    Form form = Form.posted(posted);
    String back = back(form.value(BACK));
    boolean primary = form.ticked("primary");
    boolean integrated = form.ticked("integrated");
    boolean management = form.ticked("management");
    if (form.hasErrors()) {
      return nicPage(request, 400, conflict, form, back);
    }
    NewNic nic =
        new NewNic(
            form.value("mac").strip(),
            form.value("ip"),
            form.value("host"),
            form.value("model"),
            primary,
            integrated,
            management);
    try {
      Conflict added = desk.addNic(Visitor.of(request).user().orElseThrow(), id, nic);
      String owner = nic.hostname().isBlank() ? "the inventory" : nic.hostname().strip();
      return site.redirect(
          request,
          back,
          Flash.Message.of(
              SUCCESS,
              "Added NIC " + added.mac() + " to ",
              owner,
              "; the device's conflict is resolved."));
    } catch (ProblemException e) {
      refusedUnlessForbidden(e, form);
      return nicPage(request, e.status(), conflict, form, back);
    }
  }

  private Optional<Response> mayAddNic(ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, Permissions.CHANGE_SCANCONFLICT);
    if (refused.isPresent()) {
      return refused;
    }
    return site.requirePermission(request, LiveDesk.ADD_NIC_PERMISSION);
  }

  private Response locationPage(
      ContainerRequestContext request, int status, Conflict conflict, Form form, String back) {
    return site.render(
        request,
        status,
        "Fix the location of " + conflict.hostname(),
        "live/location.jte",
        new LocationView(
            conflict, desk.labs(), form, times(), Visitor.of(request).csrfToken(), back));
  }

  private Response nicPage(
      ContainerRequestContext request, int status, Conflict conflict, Form form, String back) {
    return site.render(
        request,
        status,
        "Add a NIC for " + conflict.mac(),
        "live/nic.jte",
        new NicView(
            conflict,
            conflict.lab() == null ? List.of() : desk.hostnames(conflict.lab()),
            form,
            times(),
            Visitor.of(request).csrfToken(),
            back));
  }

  /** An open conflict of that kind; 404 when there is none, 409 when it is closed. */
  private Conflict open(long id, Conflict.Kind kind) {
    Conflict conflict =
        desk.conflict(id)
            .filter(c -> c.kind() == kind)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "No "
                            + (kind == Conflict.Kind.UNKNOWN
                                ? "unknown device"
                                : "location conflict")
                            + " with id "
                            + id
                            + "."));
    if (!conflict.open()) {
      throw ProblemException.conflict(
          "This conflict is " + conflict.status() + " already; only open ones can be changed.");
    }
    return conflict;
  }

  /**
   * Runs a change: on success the redirect with its message; on a refusal (other than 403, the
   * error page) the redirect with the refusal, nothing having been written.
   */
  private Response done(
      ContainerRequestContext request, String back, Supplier<Flash.Message> change) {
    try {
      return site.redirect(request, back, change.get());
    } catch (ProblemException e) {
      if (e.status() == 403) {
        throw e;
      }
      return site.redirect(request, back, new Flash.Message("danger", text(e)));
    }
  }

  private static void refusedUnlessForbidden(ProblemException e, Form form) {
    if (e.status() == 403) {
      throw e;
    }
    form.refused(e, Map.of());
  }

  /** A refusal as one sentence: its detail, or its field problems. */
  private static String text(ProblemException e) {
    if (e.errors().isEmpty()) {
      return e.detail();
    }
    return e.errors().entrySet().stream()
        .map(f -> f.getKey() + ": " + String.join(", ", f.getValue()))
        .collect(Collectors.joining("; "));
  }

  /**
   * What a conflict's action did, its hostname a typed piece that the page isolates ({@code
   * <bdi>}): a right-to-left hostname cannot reorder the words around it.
   */
  static Flash.Message done(String action, Conflict c) {
    return switch (action) {
      case "accept" ->
          Flash.Message.of(
              SUCCESS, "NIC " + c.mac() + " of ", c.hostname(), " now has the IP " + c.ip() + ".");
      case "resolve" -> about("Marked the ", c, " resolved.");
      case "ignore" -> about("Ignoring the ", c, ".");
      default -> new Flash.Message(SUCCESS, "Scans skip MAC " + c.mac() + " from now on.");
    };
  }

  /** "NIC conflict of aa:bb:… (host)" and the like, between the message's words. */
  private static Flash.Message about(String before, Conflict c, String after) {
    return switch (c.kind()) {
      case NIC ->
          c.hostname() == null
              ? new Flash.Message(SUCCESS, before + "NIC conflict of " + c.mac() + after)
              : Flash.Message.of(
                  SUCCESS, before + "NIC conflict of " + c.mac() + " (", c.hostname(), ")" + after);
      case LOCATION ->
          Flash.Message.of(SUCCESS, before + "location conflict of ", c.hostname(), after);
      case UNKNOWN ->
          new Flash.Message(
              SUCCESS, before + "unknown device " + c.mac() + " at " + c.ip() + after);
    };
  }

  /**
   * The return address a button's form posts ("" when none): a forged form (a NUL in a field, a
   * field sent twice) is refused naming the field, nothing done, rather than done and gone to the
   * dashboard.
   */
  private static String buttonBack(MultivaluedMap<String, String> posted) {
    Form form = Form.posted(posted);
    form.refuseIfAny();
    return form.value(BACK);
  }

  /**
   * Where to go back to: the page of unknown devices asked for (its offset kept, so that an action
   * from page 2 comes back to page 2), else the dashboard; no other address, so that a link cannot
   * send the visitor off the site.
   */
  static String back(String asked) {
    return asked != null && UNKNOWN_PAGE.matcher(asked).matches() ? asked : DASH;
  }

  private Times times() {
    return new Times(desk.zone(), clock.instant());
  }
}
