package cores.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests with the current Jersey application and replaces it without dropping requests.
 * {@code ServletContainer.reload} shuts the running application down while requests are still in it
 * (they fail with "Request scope has been already shut down"); here the new application is built
 * beside the old one, takes over new requests at once, and the old one is destroyed when its last
 * request has finished.
 *
 * <p>Each application carries what it was built with ({@code T}), so that what is said to be served
 * is always what answers the requests: never ahead of the switch, never behind it.
 *
 * @param <T> what an application was built with
 */
final class JerseyServlet<T> implements Servlet {
  private static final Logger LOG = LoggerFactory.getLogger(JerseyServlet.class);
  private static final long DRAIN_POLL_MILLIS = 20;

  /** One Jersey application and the requests inside it. */
  private static final class Generation<T> {
    final ServletContainer container;
    final T builtWith;
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean retired;

    Generation(Built<T> built) {
      this.container = built.container();
      this.builtWith = built.with();
    }
  }

  /** An initialised application and what it was built with. */
  record Built<T>(ServletContainer container, T with) {}

  /** Builds the application to serve, initialising candidates through the servlet. */
  @FunctionalInterface
  interface Builder<T> {
    Built<T> build(JerseyServlet<T> servlet) throws ServletException;
  }

  private final Builder<T> builder;
  private final long drainMillis;
  private final AtomicReference<Generation<T>> current = new AtomicReference<>();

  /** Open once the first application serves, or the servlet is destroyed before it does. */
  private final CountDownLatch first = new CountDownLatch(1);

  private volatile ServletConfig config;

  JerseyServlet(Builder<T> builder, long drainMillis) {
    this.builder = builder;
    this.drainMillis = drainMillis;
  }

  @Override
  public void init(ServletConfig servletConfig) {
    // The first application is built by the first rebuild, not here on the thread starting Jetty:
    // at the platform's start that is the start-level thread, which has other bundles to start.
    this.config = servletConfig;
  }

  /**
   * What the application taking new requests was built with, or {@code fallback} before the first
   * and after the last.
   */
  T serving(T fallback) {
    Generation<T> generation = current.get();
    return generation == null ? fallback : generation.builtWith;
  }

  /**
   * A container initialised with the application: Jersey validates the application's model here and
   * throws when it refuses it. The caller serves it ({@link #replace}) or destroys it.
   */
  ServletContainer initialise(ResourceConfig application) throws ServletException {
    ServletContainer container = new ServletContainer(application);
    container.init(config);
    return container;
  }

  /** Builds the new application, switches to it, then retires the old one once it is idle. */
  void rebuild() throws ServletException, InterruptedException {
    Generation<T> old = current.getAndSet(new Generation<>(builder.build(this)));
    first.countDown();
    if (old == null) {
      return;
    }
    old.retired = true;
    try {
      long deadline = System.nanoTime() + drainMillis * 1_000_000L;
      while (old.inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(DRAIN_POLL_MILLIS);
      }
      if (old.inFlight.get() > 0) {
        LOG.warn("Replacing the REST application while {} requests still run", old.inFlight.get());
      }
    } finally {
      old.container.destroy();
    }
  }

  @Override
  public void service(ServletRequest request, ServletResponse response)
      throws ServletException, IOException {
    Generation<T> generation = enter();
    try {
      generation.container.service(request, response);
    } finally {
      generation.inFlight.decrementAndGet();
    }
  }

  /**
   * Counts the request into the current generation. The retired flag is checked after counting:
   * either the retiring thread sees the count and waits, or this thread sees the flag and moves on
   * to the newer generation.
   */
  private Generation<T> enter() throws UnavailableException {
    while (true) {
      Generation<T> generation = current.get();
      if (generation == null) {
        if (first.getCount() > 0 && awaitFirst()) {
          continue;
        }
        throw new UnavailableException("the REST application is stopped");
      }
      generation.inFlight.incrementAndGet();
      if (!generation.retired) {
        return generation;
      }
      generation.inFlight.decrementAndGet();
    }
  }

  /** A request that comes before the first application waits for it, as long as a drain at most. */
  private boolean awaitFirst() throws UnavailableException {
    try {
      return first.await(drainMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while the REST application is being built");
    }
  }

  @Override
  public ServletConfig getServletConfig() {
    return config;
  }

  @Override
  public String getServletInfo() {
    return "Cores REST API";
  }

  @Override
  public void destroy() {
    first.countDown();
    Generation<T> generation = current.getAndSet(null);
    if (generation != null) {
      generation.container.destroy();
    }
  }
}
