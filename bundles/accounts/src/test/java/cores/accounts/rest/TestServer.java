package cores.accounts.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Real Jetty and Jersey around the resources, set up like the http bundle's whiteboard: Jackson
 * rejecting unknown properties, {@link ProblemException} as problem details, and a security context
 * whose principal is the {@link User} and whose roles are permissions. Who is logged in comes from
 * a test header instead of a session, which is the http bundle's business.
 */
final class TestServer implements AutoCloseable {
  static final String USER_HEADER = "X-Test-User";
  static final String IMPERSONATOR_HEADER = "X-Test-Impersonator";

  private final Server server = new Server(0);
  final URI base;

  TestServer(Accounts accounts, Object... resources) throws Exception {
    ResourceConfig config = new ResourceConfig();
    config.register(JacksonFeature.withoutExceptionMappers());
    config.register(new Mapper());
    config.register(new Problems());
    config.register(new UnreadableJson());
    config.register(new Login(accounts));
    for (Object resource : resources) {
      config.register(resource);
    }
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new ServletContainer(config)), "/api/*");
    server.setHandler(context);
    server.start();
    base =
        URI.create(
            "http://127.0.0.1:"
                + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + "/api/");
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static final class Mapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }

  private static final class Problems implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("title", e.title());
      body.put("status", e.status());
      body.put("detail", e.detail());
      if (!e.errors().isEmpty()) {
        body.put("errors", e.errors());
      }
      return Response.status(e.status()).type("application/problem+json").entity(body).build();
    }
  }

  /** The http bundle answers bodies Jackson cannot read with 400; so does this stand-in. */
  private static final class UnreadableJson implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      return Response.status(400)
          .type("application/problem+json")
          .entity(Map.of("title", "Bad Request", "status", 400, "detail", e.getOriginalMessage()))
          .build();
    }
  }

  /**
   * Logs in the user named by {@link #USER_HEADER}; with {@link #IMPERSONATOR_HEADER} too, as the
   * http bundle does while a staff member impersonates them.
   */
  @PreMatching
  private static final class Login implements ContainerRequestFilter {
    private final Accounts accounts;

    Login(Accounts accounts) {
      this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String name = request.getHeaderString(USER_HEADER);
      if (name == null) {
        return;
      }
      User user = accounts.findByUsername(name).orElseThrow();
      Optional<User> impersonator =
          Optional.ofNullable(request.getHeaderString(IMPERSONATOR_HEADER))
              .map(n -> accounts.findByUsername(n).orElseThrow());
      request.setSecurityContext(new TestVisitor(user, impersonator));
    }
  }

  private record TestVisitor(User user0, Optional<User> impersonator) implements Visitor {
    @Override
    public Optional<User> user() {
      return Optional.of(user0);
    }

    @Override
    public String csrfToken() {
      return "";
    }

    @Override
    public Principal getUserPrincipal() {
      return user0;
    }

    @Override
    public boolean isUserInRole(String permission) {
      return user0.hasPermission(permission);
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public String getAuthenticationScheme() {
      return "TEST";
    }
  }
}
