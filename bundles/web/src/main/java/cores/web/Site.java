package cores.web;

import cores.api.accounts.User;
import cores.api.web.Access;
import cores.api.web.PageLayout;
import cores.api.web.Visitor;
import gg.jte.Content;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The site's frame around every page, for this bundle's pages and (as {@link PageLayout}) for those
 * of plugins and the HTTP bundle's login and error pages; and what every page of this bundle does
 * to answer: render a template in the frame, redirect with a message.
 */
@Component(service = {Site.class, PageLayout.class})
public final class Site implements PageLayout {
  private final Templates templates = new Templates();
  private final Navigation navigation;
  private final Assets assets;

  @Activate
  public Site(BundleContext context, @Reference Navigation navigation) {
    this(navigation, bundleAssets(context));
  }

  Site(Navigation navigation, Assets assets) {
    this.navigation = navigation;
    this.assets = assets;
  }

  Assets assets() {
    return assets;
  }

  @Override
  public String page(Visitor visitor, String path, String title, String bodyHtml) {
    Frame frame = frame(visitor, path, title, List.of());
    Content body = output -> output.writeContent(bodyHtml);
    return templates.render("layout.jte", Map.of("frame", frame, "content", body));
  }

  @Override
  public String error(Visitor visitor, int status, String title, String detail) {
    Frame frame = frame(visitor, "", title, List.of());
    return templates.render(
        "error.jte", Map.of("frame", frame, "status", status, "detail", detail));
  }

  /**
   * A page of this bundle: the template with the frame and its view, and the messages of the
   * previous request's redirect (which are then cleared).
   *
   * @param view the template's {@code view} parameter; null when it has none
   */
  public Response render(
      ContainerRequestContext request, int status, String title, String template, Object view) {
    Visitor visitor = Visitor.of(request.getSecurityContext());
    Cookie flash = request.getCookies().get(Flash.COOKIE);
    List<Flash.Message> messages = flash == null ? List.of() : Flash.decode(flash.getValue());
    Frame frame = frame(visitor, request.getUriInfo().getPath(), title, messages);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", frame);
    if (view != null) {
      params.put("view", view);
    }
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .entity(templates.page(template, params));
    if (flash != null) {
      answer.header(HttpHeaders.SET_COOKIE, flashCookie("", request, true));
    }
    return answer.build();
  }

  /**
   * For pages that need a logged-in user: a redirect to the login page (coming back here) when the
   * visitor is anonymous, else empty.
   */
  public Optional<Response> requireLogin(ContainerRequestContext request) {
    if (Visitor.of(request).user().isPresent()) {
      return Optional.empty();
    }
    String here = request.getUriInfo().getRequestUri().getRawPath();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    String next = query == null ? here : here + "?" + query;
    return Optional.of(
        Response.seeOther(
                URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
            .build());
  }

  /**
   * For pages that need a permission (any of several): the login redirect when the visitor is
   * anonymous, else empty; 403 when they hold none of them.
   */
  public Optional<Response> requirePermission(ContainerRequestContext request, String... anyOf) {
    Optional<Response> login = requireLogin(request);
    if (login.isPresent()) {
      return login;
    }
    Visitor visitor = Visitor.of(request);
    for (String permission : anyOf) {
      if (visitor.may(permission)) {
        return Optional.empty();
      }
    }
    throw Access.forbidden(
        anyOf.length == 1
            ? "This page needs the permission " + anyOf[0] + "."
            : "This page needs one of the permissions " + String.join(", ", anyOf) + ".");
  }

  /** The answer to a successful form post: 303 to the next page, which shows the messages. */
  public Response redirect(
      ContainerRequestContext request, String location, Flash.Message... messages) {
    Response.ResponseBuilder answer = Response.seeOther(URI.create(location));
    if (messages.length > 0) {
      answer.header(
          HttpHeaders.SET_COOKIE, flashCookie(Flash.encode(List.of(messages)), request, false));
    }
    return answer.build();
  }

  private static String flashCookie(String value, ContainerRequestContext request, boolean expire) {
    return Flash.COOKIE
        + "="
        + value
        + "; Path=/; Max-Age="
        + (expire ? 0 : 120)
        + "; HttpOnly"
        + (request.getSecurityContext().isSecure() ? "; Secure" : "")
        + "; SameSite=Lax";
  }

  private Frame frame(Visitor visitor, String path, String title, List<Flash.Message> messages) {
    String normalised = path.startsWith("/") ? path : "/" + path;
    User user = visitor.user().orElse(null);
    return new Frame(
        title,
        normalised,
        navigation.links(visitor, normalised),
        user == null ? null : displayName(user),
        visitor.impersonator().map(Site::displayName).orElse(null),
        user == null ? "" : visitor.csrfToken(),
        messages,
        assets.url("css/cores.css"),
        assets.url("js/cores.js"),
        assets.url("js/htmx.min.js"),
        assets.url("favicon.svg"));
  }

  /** "First Last", or the username when the profile has no name. */
  public static String displayName(User user) {
    String full =
        ((user.firstName() == null ? "" : user.firstName())
                + " "
                + (user.lastName() == null ? "" : user.lastName()))
            .trim();
    return full.isEmpty() ? user.username() : full;
  }

  private static Assets bundleAssets(BundleContext context) {
    List<String> names = new ArrayList<>();
    Enumeration<java.net.URL> found = context.getBundle().findEntries("static", "*", true);
    for (java.net.URL url :
        found == null ? Collections.<java.net.URL>emptyList() : Collections.list(found)) {
      String entry = url.getPath();
      int at = entry.indexOf("/static/");
      if (at >= 0 && !entry.endsWith("/")) {
        names.add(entry.substring(at + "/static/".length()));
      }
    }
    return new Assets(names, path -> context.getBundle().getEntry(path));
  }
}
