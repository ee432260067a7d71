package cores.http.docs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An answer computed once from what an application serves and then written as the same bytes to
 * every request, with a strong ETag of those bytes; clients revalidate each time ({@code
 * Cache-Control: no-cache}) and get a 304 while it has not changed.
 *
 * <p>Kept by the resource instance, which the HTTP bundle creates afresh for every Jersey build:
 * when a resource comes or goes the application is rebuilt with new instances, so a cached answer
 * never outlives the set of resources it describes, and the ETag of the new answer differs.
 *
 * <p>The resource method still returns the entity (its declared type is what the description
 * states); {@link Filter} then writes the cached bytes instead, or the 304.
 */
public final class CachedAnswer {
  /** Request property: the cached answer the filter writes. */
  private static final String PROPERTY = "cores.http.cachedAnswer";

  private static final Annotation[] NONE = new Annotation[0];

  private final Map<MediaType, Body> bodies = new ConcurrentHashMap<>();

  private record Body(Object entity, byte[] bytes, MediaType type, EntityTag tag) {}

  /**
   * The entity in {@code type}, computed by {@code compute} at the first request for it; the
   * request will be answered with its cached bytes.
   */
  @SuppressWarnings("unchecked") // a resource computes the same type for the same media type
  public <T> T entity(
      MediaType type,
      ContainerRequestContext request,
      Providers providers,
      Function<MediaType, ? extends T> compute) {
    Body body =
        bodies.computeIfAbsent(
            type,
            t -> {
              Object entity = compute.apply(t);
              byte[] bytes = write(providers, entity, t);
              return new Body(entity, bytes, t, new EntityTag(digest(bytes)));
            });
    request.setProperty(PROPERTY, body);
    return (T) body.entity();
  }

  /**
   * The entity written as Jersey writes it in {@code type} (the same message body writer and
   * ObjectMapper), so the cached bytes are those an uncached answer would have.
   */
  private static byte[] write(Providers providers, Object entity, MediaType type) {
    @SuppressWarnings("unchecked")
    Class<Object> raw = (Class<Object>) entity.getClass();
    MessageBodyWriter<Object> writer = providers.getMessageBodyWriter(raw, raw, NONE, type);
    if (writer == null) {
      throw new IllegalStateException("no writer of " + raw.getName() + " as " + type);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(entity, raw, raw, NONE, type, new MultivaluedHashMap<>(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String digest(byte[] bytes) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Writes the cached answers of successful requests: their bytes, or 304 when unchanged. */
  public static final class Filter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (!(request.getProperty(PROPERTY) instanceof Body body) || response.getStatus() != 200) {
        return;
      }
      response.getHeaders().putSingle(HttpHeaders.ETAG, body.tag());
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
      if (request.getRequest().evaluatePreconditions(body.tag()) != null) {
        response.setStatus(304);
        response.setEntity(null);
      } else {
        response.setEntity(body.bytes(), NONE, body.type());
      }
    }
  }
}
