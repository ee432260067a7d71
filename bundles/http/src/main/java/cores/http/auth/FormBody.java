package cores.http.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A form post's body, read once for every filter that checks it (the CSRF field, the encoding and
 * the storable text of the fields) and put back for the resource: each filter reading it again held
 * another copy of up to the body limit and decoded it again.
 */
public final class FormBody {
  private static final String PROPERTY = FormBody.class.getName();

  private FormBody() {}

  /** The body's bytes; the entity stream is left to read them from the start. */
  public static byte[] bytes(ContainerRequestContext request) throws IOException {
    // only while the stream is the one put back: a filter that replaced it has the say
    if (request.getProperty(PROPERTY) instanceof Read read
        && request.getEntityStream() == read.stream()) {
      read.stream().reset();
      return read.bytes();
    }
    byte[] bytes = request.getEntityStream().readAllBytes();
    ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
    request.setEntityStream(stream);
    request.setProperty(PROPERTY, new Read(stream, bytes));
    return bytes;
  }

  private record Read(ByteArrayInputStream stream, byte[] bytes) {}
}
