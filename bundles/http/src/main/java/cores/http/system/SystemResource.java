package cores.http.system;

import cores.api.accounts.User;
import cores.api.auth.Authenticator;
import cores.api.notify.NotificationChannel;
import cores.api.notify.Outbox;
import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import cores.api.system.SystemStatus;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.http.auth.RolesAllowedFeature;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.MetaTypeService;

/**
 * {@code GET /api/system}, superusers only: bundles and their states, the active authentication
 * providers and notification channels, the notification outbox's counts per status (when the notify
 * bundle runs), the problems the platform's parts report (a refused resource, a plugin that does
 * not start), and the effective configuration (PID {@code cores.system}, which the launcher writes
 * with secrets already masked). The same as {@link SystemStatus} for the admin's system page.
 */
@JakartarsResource
@Component(
    service = {SystemResource.class, SystemStatus.class},
    configurationPid = SystemResource.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Path("system")
@ApiDoc(area = "system", permission = ApiDoc.SUPERUSER)
public final class SystemResource implements ApiSchemas, SystemStatus {
  static final String PID = "cores.system";

  /**
   * The configuration holds one property per environment variable; SCR adds the component's own
   * properties (component.name, osgi.jakartars.resource, ...), which are not configuration.
   */
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final BundleContext bundleContext;
  private final AtomicReference<Map<String, String>> config = new AtomicReference<>(Map.of());
  private final AtomicReference<DeclaredSettings> declared =
      new AtomicReference<>(new DeclaredSettings(List.of()));
  private final AtomicReference<ConfigurationAdmin> configAdmin = new AtomicReference<>();
  private final AtomicReference<MetaTypeService> metaType = new AtomicReference<>();
  private final AtomicReference<Authenticator> authenticator = new AtomicReference<>();
  private final List<NotificationChannel> channels = new CopyOnWriteArrayList<>();
  private final AtomicReference<Outbox> outbox = new AtomicReference<>();
  private final List<ProblemReport> reports = new CopyOnWriteArrayList<>();
  private final AtomicReference<WhiteboardReport> whiteboard = new AtomicReference<>();

  @Activate
  public SystemResource(BundleContext bundleContext, Map<String, Object> properties) {
    this.bundleContext = bundleContext;
    modified(properties);
  }

  @Modified
  void modified(Map<String, Object> properties) {
    Map<String, String> values = new TreeMap<>();
    properties.forEach(
        (key, value) -> {
          if (ENVIRONMENT_NAME.matcher(key).matches()) {
            values.put(key, String.valueOf(value));
          }
        });
    config.set(Map.copyOf(values));
    declared.set(DeclaredSettings.of(properties.get(DeclaredSettings.PROPERTY)));
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindConfigurationAdmin(ConfigurationAdmin service) {
    configAdmin.set(service);
  }

  public void unbindConfigurationAdmin(ConfigurationAdmin service) {
    configAdmin.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindMetaTypeService(MetaTypeService service) {
    metaType.set(service);
  }

  public void unbindMetaTypeService(MetaTypeService service) {
    metaType.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindAuthenticator(Authenticator service) {
    authenticator.set(service);
  }

  public void unbindAuthenticator(Authenticator service) {
    authenticator.compareAndSet(service, null);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  public void addChannel(NotificationChannel channel) {
    channels.add(channel);
  }

  public void removeChannel(NotificationChannel channel) {
    channels.remove(channel);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindOutbox(Outbox service) {
    outbox.set(service);
  }

  public void unbindOutbox(Outbox service) {
    outbox.compareAndSet(service, null);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  public void addProblemReport(ProblemReport report) {
    reports.add(report);
  }

  public void removeProblemReport(ProblemReport report) {
    reports.remove(report);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindWhiteboard(WhiteboardReport service) {
    whiteboard.set(service);
  }

  public void unbindWhiteboard(WhiteboardReport service) {
    whiteboard.compareAndSet(service, null);
  }

  /** A bundle as listed. */
  private static final JsonShape BUNDLE =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("symbolicName", JsonShape.STRING)
          .with("version", JsonShape.STRING)
          .with(
              "state",
              JsonShape.oneOf(
                  List.of(
                      "INSTALLED",
                      "RESOLVED",
                      "STARTING",
                      "STOPPING",
                      "ACTIVE",
                      "UNINSTALLED",
                      "UNKNOWN")));

  /** A problem as listed. */
  private static final JsonShape PROBLEM =
      JsonShape.of()
          .with("part", JsonShape.STRING)
          .with("subject", JsonShape.STRING)
          .with("reason", JsonShape.STRING);

  /** A whiteboard service as listed. */
  private static final JsonShape REGISTRATION =
      JsonShape.of()
          .with("name", JsonShape.nullable(JsonShape.STRING))
          .with("kind", JsonShape.oneOf(List.of("resource", "extension")))
          .with("applications", JsonShape.arrayOf(JsonShape.STRING))
          .with("className", JsonShape.STRING)
          .with("bundle", JsonShape.STRING)
          .with("served", JsonShape.BOOLEAN)
          .with("problem", JsonShape.nullable(JsonShape.STRING));

  private static final Map<String, Object> COUNT = Map.of("type", "integer", "minimum", 0);

  /** The answer; {@code notificationOutbox} only while the outbox service is there. */
  private static final JsonShape SYSTEM =
      JsonShape.of()
          .with("bundles", JsonShape.arrayOf(BUNDLE.schema("a bundle")))
          .with("authProviders", JsonShape.arrayOf(JsonShape.STRING))
          .with("notificationChannels", JsonShape.arrayOf(JsonShape.STRING))
          .with(
              "notificationOutbox",
              JsonShape.of()
                  .with("pending", COUNT)
                  .with("sent", COUNT)
                  .with("failed", COUNT)
                  .schema("messages by status"))
          .with(
              "problems",
              JsonShape.arrayOf(
                  PROBLEM.schema(
                      "what a part of the platform refused or could not do (part: e.g. http,"
                          + " plugins), e.g. a resource whose path clashes, a plugin that does not"
                          + " start")))
          .with(
              "whiteboard",
              JsonShape.arrayOf(
                  REGISTRATION.schema(
                      "a resource or extension registered on the Jakarta REST whiteboard: the"
                          + " applications it selected (.default: the API at /api, cores.pages:"
                          + " the pages at /), whether it is served, and why not")))
          .with(
              "config",
              Map.of(
                  "type",
                  "object",
                  "description",
                  "the effective configuration by name, secrets masked",
                  "additionalProperties",
                  JsonShape.STRING));

  /** The answer, from the shape its keys are taken from. */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    Map<String, Object> schema = SYSTEM.schema("the running system");
    schema.put(
        "required",
        List.of(
            "bundles",
            "authProviders",
            "notificationChannels",
            "problems",
            "whiteboard",
            "config"));
    return Map.of("system", schema);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @ApiDoc(
      response = "system",
      value =
          "Bundles and their states, active authentication providers and notification channels,"
              + " problems the platform's parts report, effective configuration with secrets"
              + " masked")
  public Response system(@Context SecurityContext security) {
    if (!(security.getUserPrincipal() instanceof User user)) {
      return RolesAllowedFeature.notAuthenticated();
    }
    if (!user.active() || !user.superuser()) {
      return RolesAllowedFeature.forbidden();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    // the keys of SYSTEM, in its order
    body.put(
        "bundles",
        bundles().stream()
            .map(b -> BUNDLE.values(b.id(), b.symbolicName(), b.version(), b.state()))
            .toList());
    body.put("authProviders", authProviders());
    body.put("notificationChannels", notificationChannels());
    Outbox messages = outbox.get();
    if (messages != null) {
      // pending and failed messages: what admins must notice (details: /api/notifications/outbox)
      body.put("notificationOutbox", messages.counts());
    }
    body.put(
        "problems",
        problems().stream()
            .map(p -> PROBLEM.values(p.part(), p.problem().subject(), p.problem().reason()))
            .toList());
    body.put("whiteboard", whiteboard());
    body.put("config", config());
    return Response.ok(body).build();
  }

  @Override
  public List<String> authProviders() {
    Authenticator current = authenticator.get();
    return current == null ? List.of() : List.copyOf(current.providers());
  }

  @Override
  public List<String> notificationChannels() {
    return channels.stream().map(NotificationChannel::name).toList();
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> values = new TreeMap<>(config.get());
    // the features' settings, as their components received them (secrets by their type)
    values.putAll(
        declared
            .get()
            .values(
                Optional.ofNullable(configAdmin.get()),
                Optional.ofNullable(metaType.get()),
                bundleContext.getBundles()));
    return values;
  }

  @Override
  public List<ReportedProblem> problems() {
    List<ReportedProblem> problems = new ArrayList<>();
    for (ProblemReport report : reports) {
      for (Problem problem : report.problems()) {
        problems.add(new ReportedProblem(report.name(), problem));
      }
    }
    return problems;
  }

  private List<Map<String, Object>> whiteboard() {
    WhiteboardReport report = whiteboard.get();
    if (report == null) {
      return List.of();
    }
    return report.whiteboard().stream()
        .map(
            e ->
                REGISTRATION.values(
                    e.name(),
                    e.kind(),
                    e.applications(),
                    e.className(),
                    e.bundle(),
                    e.served(),
                    e.problem()))
        .toList();
  }

  @Override
  public List<BundleState> bundles() {
    List<BundleState> bundles = new ArrayList<>();
    for (Bundle bundle : bundleContext.getBundles()) {
      String location = bundle.getLocation();
      bundles.add(
          new BundleState(
              bundle.getBundleId(),
              bundle.getSymbolicName(),
              bundle.getVersion().toString(),
              state(bundle.getState()),
              location.startsWith(PLUGIN_LOCATION)
                  ? location.substring(PLUGIN_LOCATION.length())
                  : null));
    }
    return bundles;
  }

  static String state(int state) {
    return switch (state) {
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.UNINSTALLED -> "UNINSTALLED";
      default -> "UNKNOWN";
    };
  }
}
