package cores.http.system;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/health}, public: UP when every {@link HealthIndicator} is, else 503 naming what
 * is down. Checks run in parallel, each bounded in time, so a hanging database cannot hang the
 * health check of a load balancer.
 */
@Component(service = HealthResource.class, property = Whiteboard.RESOURCE + "=true")
@Path("health")
public final class HealthResource {
  private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

  private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
  private final Duration timeout;
  private final ExecutorService checks =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cores-health");
            thread.setDaemon(true);
            return thread;
          });

  @Activate
  public HealthResource() {
    this(Duration.ofSeconds(5));
  }

  public HealthResource(Duration timeout) {
    this.timeout = timeout;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  public void addIndicator(HealthIndicator indicator) {
    indicators.add(indicator);
  }

  public void removeIndicator(HealthIndicator indicator) {
    indicators.remove(indicator);
  }

  @Deactivate
  public void close() {
    checks.shutdownNow();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    List<HealthIndicator> current = new ArrayList<>(indicators);
    List<Future<Health>> results = new ArrayList<>();
    for (HealthIndicator indicator : current) {
      results.add(checks.submit(indicator::check));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> components = new LinkedHashMap<>();
    boolean up = true;
    for (int i = 0; i < current.size(); i++) {
      Health health = await(current.get(i).name(), results.get(i), deadline);
      up &= health.healthy();
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("status", health.healthy() ? "UP" : "DOWN");
      if (!health.healthy() && health.detail() != null) {
        component.put("detail", health.detail());
      }
      components.put(current.get(i).name(), component);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("components", components);
    return Response.status(up ? 200 : 503).entity(body).type(MediaType.APPLICATION_JSON).build();
  }

  private Health await(String name, Future<Health> result, long deadline) {
    try {
      Health health = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return health == null ? Health.down("no answer") : health;
    } catch (TimeoutException e) {
      result.cancel(true);
      return Health.down("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      LOG.warn("Health check {} failed", name, e.getCause());
      return Health.down("check failed: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted");
    }
  }
}
