package cores.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import java.io.IOException;
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
 */
final class JerseyServlet implements Servlet {
  private static final Logger LOG = LoggerFactory.getLogger(JerseyServlet.class);
  private static final long DRAIN_POLL_MILLIS = 20;

  /** One Jersey application and the requests inside it. */
  private static final class Generation {
    final ServletContainer container;
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean retired;

    Generation(ServletContainer container) {
      this.container = container;
    }
  }

  private final ResourceConfig initial;
  private final long drainMillis;
  private final AtomicReference<Generation> current = new AtomicReference<>();
  private volatile ServletConfig config;

  JerseyServlet(ResourceConfig initial, long drainMillis) {
    this.initial = initial;
    this.drainMillis = drainMillis;
  }

  @Override
  public void init(ServletConfig servletConfig) throws ServletException {
    this.config = servletConfig;
    ServletContainer container = new ServletContainer(initial);
    container.init(servletConfig);
    current.set(new Generation(container));
  }

  /** Builds the new application, switches to it, then retires the old one once it is idle. */
  void replace(ResourceConfig next) throws ServletException, InterruptedException {
    ServletContainer container = new ServletContainer(next);
    container.init(config);
    Generation old = current.getAndSet(new Generation(container));
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
    Generation generation = enter();
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
  private Generation enter() throws UnavailableException {
    while (true) {
      Generation generation = current.get();
      if (generation == null) {
        throw new UnavailableException("the REST application is stopped");
      }
      generation.inFlight.incrementAndGet();
      if (!generation.retired) {
        return generation;
      }
      generation.inFlight.decrementAndGet();
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
    Generation generation = current.getAndSet(null);
    if (generation != null) {
      generation.container.destroy();
    }
  }
}
