package cores.http.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.http.ObjectMapperResolver;
import java.nio.ByteBuffer;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of {@code /api/health} (served by the server's health handler, not by JAX-RS): UP when
 * every {@link HealthIndicator} is, else 503 naming what is down. Checks run in parallel, each
 * bounded in time, so a hanging database cannot hang the health check of a load balancer.
 */
@Component(service = HealthChecks.class)
public final class HealthChecks {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

  /**
   * One answer, reused for a moment. The body is kept as JSON: serialising the same map for each of
   * thousands of polls a second was a large part of their cost.
   */
  public static final class Answer {
    private final long takenNanos;
    private final int status;
    private final ByteBuffer json;

    Answer(long takenNanos, int status, byte[] json) {
      this.takenNanos = takenNanos;
      this.status = status;
      this.json = ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    /** 200 when every indicator is up, else 503. */
    public int status() {
      return status;
    }

    /** The body, {@code application/json}: a view of its own to write from. */
    public ByteBuffer body() {
      return json.slice();
    }
  }

  /**
   * How long a DOWN answer is reused at most: while starting (or while the database is away) the
   * answer is asked for again soon, so that readiness shows within this and not within the cache
   * time of an UP answer (a start was seen ready up to a second late).
   */
  static final Duration DOWN_REUSED_AT_MOST = Duration.ofMillis(100);

  private final ObjectWriter json = ObjectMapperResolver.newObjectMapper().writer();

  private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
  private final Duration timeout;
  private final long cacheNanos;
  private final long downCacheNanos;
  private final LongSupplier ticker;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Answer last;
  private final ExecutorService checks =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cores-health");
            thread.setDaemon(true);
            return thread;
          });

  @Activate
  public HealthChecks() {
    this(Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  /**
   * @param timeout how long a check may take before it counts as down
   * @param cacheFor how long an UP answer is reused (a DOWN one at most {@link
   *     #DOWN_REUSED_AT_MOST}): load balancers and benchmarks poll often, and each poll would
   *     otherwise query the database
   */
  public HealthChecks(Duration timeout, Duration cacheFor) {
    this(timeout, cacheFor, System::nanoTime);
  }

  /** With the clock that ages answers given: tests move it instead of sleeping. */
  HealthChecks(Duration timeout, Duration cacheFor, LongSupplier ticker) {
    this.timeout = timeout;
    this.cacheNanos = cacheFor.toNanos();
    this.downCacheNanos = Math.min(cacheNanos, DOWN_REUSED_AT_MOST.toNanos());
    this.ticker = ticker;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  public void addIndicator(HealthIndicator indicator) {
    indicators.add(indicator);
  }

  public void removeIndicator(HealthIndicator indicator) {
    indicators.remove(indicator);
  }

  /**
   * What the answer depends on changed (e.g. the server stops): the next one is worked out anew.
   */
  public void changed() {
    last = null;
  }

  @Deactivate
  public void close() {
    checks.shutdownNow();
  }

  /** The current answer: the last one while it is fresh, else the result of checking now. */
  public Answer answer() {
    Answer answer = fresh(last);
    if (answer == null) {
      checking.lock();
      try {
        // whoever held the lock before may have just checked
        answer = fresh(last);
        if (answer == null) {
          answer = check();
          last = answer;
        }
      } finally {
        checking.unlock();
      }
    }
    return answer;
  }

  private Answer fresh(Answer answer) {
    if (answer == null
        || ticker.getAsLong() - answer.takenNanos
            >= (answer.status == 200 ? cacheNanos : downCacheNanos)) {
      return null;
    }
    return answer;
  }

  private Answer check() {
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
    try {
      return new Answer(ticker.getAsLong(), up ? 200 : 503, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
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
