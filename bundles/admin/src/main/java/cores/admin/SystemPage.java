package cores.admin;

import cores.api.system.SystemStatus;
import cores.api.system.SystemStatus.BundleState;
import cores.api.system.SystemStatus.ReportedProblem;
import cores.api.web.PageLayout;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /admin/system}, superusers only (as {@code GET /api/system}, whose {@link SystemStatus} it
 * shows): bundles and their states, the login providers and notification channels, the plugins with
 * their problems, and the configuration with its secrets masked by the launcher.
 */
@JakartarsResource
@Admits(Operations.Audience.SUPERUSERS)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = SystemPage.class)
@Path("admin/system")
@Produces(MediaType.TEXT_HTML)
public final class SystemPage {
  private final SystemStatus system;
  private final Operations operations;

  /**
   * A plugin of the plugins folder: its bundle, and what the plugins part reports about its file.
   */
  public record Plugin(BundleState bundle, List<String> problems) {}

  public record View(
      List<BundleState> bundles,
      long active,
      List<Plugin> plugins,
      List<String> authProviders,
      List<String> channels,
      List<ReportedProblem> problems,
      Map<String, String> config) {}

  @Activate
  public SystemPage(@Reference SystemStatus system, @Reference PageLayout layout) {
    this.system = system;
    this.operations = new Operations(layout);
  }

  @GET
  public Response system(@Context ContainerRequestContext request) {
    List<BundleState> bundles = system.bundles();
    List<ReportedProblem> problems = system.problems();
    List<Plugin> plugins =
        bundles.stream()
            .filter(b -> b.plugin() != null)
            .map(b -> new Plugin(b, problemsOf(b.plugin(), problems)))
            .toList();
    return operations.page(
        request,
        "System",
        "system.jte",
        new View(
            bundles,
            bundles.stream().filter(b -> "ACTIVE".equals(b.state())).count(),
            plugins,
            system.authProviders(),
            system.notificationChannels(),
            problems,
            system.config()));
  }

  /** The plugins part names a plugin's problems by its file name ("x.jar (bundle ...)"). */
  private static List<String> problemsOf(String file, List<ReportedProblem> problems) {
    return problems.stream()
        .filter(p -> "plugins".equals(p.part()))
        .filter(
            p -> p.problem().subject().equals(file) || p.problem().subject().startsWith(file + " "))
        .map(p -> p.problem().reason())
        .toList();
  }
}
