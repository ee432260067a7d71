package cores.http;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Resources and extensions the server tests publish, as another bundle would. */
final class TestResources {
  private TestResources() {}

  record Thing(String name, int count, Instant when) {}

  /** A body of each JSON type, as the booking, account and bulk bodies are. */
  record Typed(Long number, String text, Boolean flag, List<Long> ids, Map<String, Object> free) {}

  @Path("things")
  public static final class Things implements ApiSchemas {
    /** The answer of the list, as a descriptor-driven resource would publish it. */
    @Override
    public Map<String, Map<String, Object>> schemas() {
      return Map.of(
          "things_page",
          Map.of(
              "type", "object",
              "properties", Map.of("limit", Map.of("type", "integer")),
              "required", List.of("limit")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Thing create(Thing thing) {
      return thing;
    }

    /** {@code n} bytes of "#" written in pieces of {@code piece} bytes. */
    @GET
    @Path("bytes/{n}/{piece}")
    @Produces(MediaType.TEXT_PLAIN)
    public StreamingOutput bytes(@PathParam("n") int n, @PathParam("piece") int piece) {
      return out -> written(out, n, piece);
    }

    /** As {@link #bytes}, then the writing fails. */
    @GET
    @Path("failing/{n}/{piece}")
    @Produces(MediaType.TEXT_PLAIN)
    public StreamingOutput failing(@PathParam("n") int n, @PathParam("piece") int piece) {
      return out -> {
        written(out, n, piece);
        throw new IllegalStateException("failed after " + n + " bytes");
      };
    }

    /** An answer without a body. */
    @GET
    @Path("nothing")
    public void nothing() {
      // 204
    }

    private static void written(OutputStream out, int n, int piece) throws IOException {
      byte[] all = "#".repeat(n).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < n; i += piece) {
        if (piece == 1) {
          out.write(all[i]);
        } else {
          out.write(all, i, Math.min(piece, n - i));
        }
      }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(response = "things_page")
    public Map<String, Object> list(@QueryParam("limit") int limit) {
      return Map.of("limit", limit);
    }

    @POST
    @Path("raw")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> raw(InputStream body) throws IOException {
      return Map.of("bytes", body.readAllBytes().length);
    }

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> form(MultivaluedMap<String, String> form) {
      // the name as decoded, where one was sent
      Map<String, Object> answer = new java.util.HashMap<>(Map.of("fields", form.size()));
      if (form.getFirst("name") != null) {
        answer.put("name", form.getFirst("name"));
      }
      return answer;
    }

    @POST
    @Path("mine")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(permission = ApiDoc.AUTHENTICATED, query = "note: any text")
    public Thing mine(Thing thing) {
      return thing;
    }

    @POST
    @Path("guarded")
    @RolesAllowed("inventory.change_host")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> guarded() {
      return Map.of("done", true);
    }

    /** A write whose permission follows the path, as the descriptor-driven resources' do. */
    @PATCH
    @Path("kinds/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(
        permission = "inventory.{action}_{kind}",
        values =
            @ApiDoc.Values(
                param = "kind",
                value = {"host", "hostbyid=host", "nic"}))
    public Thing kind(
        @PathParam("kind") String kind, Thing thing, @Context SecurityContext security) {
      Access.require(security, "inventory.change_" + ("hostbyid".equals(kind) ? "host" : kind));
      return thing;
    }

    @POST
    @Path("typed")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Typed typed(Typed typed) {
      return typed;
    }

    /** A list whose permission follows the path; {@code mine=1} lists one's own for anyone. */
    @GET
    @Path("kinds/{kind}")
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(
        permission = "inventory.{action}_{kind}",
        query = {"mine: 1 lists my own, for any logged-in user", "mac: with this MAC (nic)"},
        values =
            @ApiDoc.Values(
                param = "kind",
                value = {"host", "nic"}))
    public Map<String, Object> kinds(
        @PathParam("kind") String kind,
        @QueryParam("mine") String mine,
        @Context SecurityContext security) {
      if (!"1".equals(mine)) {
        Access.require(security, "inventory.view_" + kind);
      }
      return Map.of("kind", kind);
    }

    @POST
    @Path("root")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(permission = ApiDoc.SUPERUSER)
    public Thing root(Thing thing) {
      return thing;
    }

    @POST
    @Path("owned")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ApiDoc(permission = "authenticated: the owner or staff")
    public Thing owned(Thing thing) {
      return thing;
    }

    @GET
    @Path("boom")
    public String boom() {
      throw new IllegalStateException("internal detail that must not leak");
    }
  }

  @Path("late")
  public static final class Late {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
      return Map.of("late", true);
    }
  }

  /** An extension: marks every answer so that tests see it was applied. */
  public static final class Marker implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      response.getHeaders().putSingle("X-Test-Marker", "on");
    }
  }

  static final class FixedHealth implements HealthIndicator {
    private final String name;
    private volatile Health health;

    FixedHealth(String name, Health health) {
      this.name = name;
      this.health = health;
    }

    void set(Health health) {
      this.health = health;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Health check() {
      return health;
    }
  }

  static final class HangingHealth implements HealthIndicator {
    @Override
    public String name() {
      return "slow";
    }

    @Override
    public Health check() {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Health.up();
    }
  }
}
