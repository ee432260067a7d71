package cores.http;

import cores.api.web.ProblemException;
import cores.api.web.StorableText;
import cores.http.auth.FormBody;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON bodies and form posts declared in a charset other than UTF-8 (or US-ASCII, its subset) are a
 * 415 naming UTF-8; the fields of a form post are checked, its body read once for all checks.
 *
 * <p>JSON: RFC 8259 (section 8.1) says JSON exchanged between systems MUST be UTF-8 and defines no
 * charset parameter (section 11). Jackson reads every body as UTF-8 (or UTF-16/32 it guesses from
 * the bytes, never from the header), so a body in ISO-8859-1 or windows-1252 was refused as
 * malformed or, when its bytes happened to be valid UTF-8, stored as other characters than the
 * client meant. Decoding each declared charset instead would accept what the RFC rules out and what
 * other JSON tools misread; refusing tells the client the one encoding that works. US-ASCII (which
 * curl and older scripts declare) is UTF-8 as long as it holds what it says: a byte above 0x7F in a
 * body declared so is a 400.
 *
 * <p>Forms: an {@code application/x-www-form-urlencoded} body is ASCII whose percent-escapes are
 * UTF-8 bytes (the WHATWG URL standard; the pages are UTF-8 and browsers post them so). Jersey
 * decoded it in the declared charset while the checks here and the pages read UTF-8: {@code
 * charset=utf-16} turned {@code name=a} into one field of CJK characters. A form whose escapes are
 * broken or not UTF-8 is a 400 naming the fields ({@link FormEncoding}). On the REST API a field
 * that PostgreSQL would not store as sent ({@link StorableText}) is a 400 naming it, before any
 * resource sees the form; the pages apply that rule to their forms themselves, so that a refused
 * form is shown again as typed, the problem at its field.
 */
@Priority(Priorities.ENTITY_CODER)
final class Utf8Bodies implements ContainerRequestFilter {
  static final String NOT_ASCII =
      " declared US-ASCII hold bytes above 0x7F, which are not ASCII: send UTF-8, with"
          + " charset=utf-8 or without one.";

  private static final String FORMS = "Forms";

  private final boolean api;

  Utf8Bodies(boolean api) {
    this.api = api;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    MediaType type = request.getMediaType();
    if (type == null) {
      return;
    }
    String what;
    if (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
      what = FORMS;
    } else if ("json".equalsIgnoreCase(type.getSubtype())
        || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
      what = "JSON bodies";
    } else {
      return;
    }
    Charset charset = charset(type.getParameters().get(MediaType.CHARSET_PARAMETER));
    if (charset == null) {
      request.abortWith(
          Problems.response(
                  415,
                  what + " are read as UTF-8 only: send UTF-8, with charset=utf-8 or without one.")
              .build());
    } else if (what.equals(FORMS)) {
      form(request, type, charset);
    } else if (charset.equals(StandardCharsets.US_ASCII)) {
      // checked as read: JSON is not held in memory before Jackson reads it
      request.setEntityStream(new AsciiOnly(request.getEntityStream(), what + NOT_ASCII));
    }
  }

  private void form(ContainerRequestContext request, MediaType type, Charset charset)
      throws IOException {
    byte[] body = FormBody.bytes(request);
    if (charset.equals(StandardCharsets.US_ASCII)) {
      if (!ascii(body)) {
        request.abortWith(Problems.response(400, FORMS + NOT_ASCII).build());
        return;
      }
      // Jersey decodes the escapes in the declared charset: %C3%A9 was two U+FFFD, not é
      request
          .getHeaders()
          .putSingle(HttpHeaders.CONTENT_TYPE, type.withCharset("UTF-8").toString());
    }
    Map<String, List<String>> errors = FormEncoding.problems(body);
    if (!errors.isEmpty()) {
      request.abortWith(
          Problems.response(
                  400,
                  Problems.reasonPhrase(400),
                  "Form field(s) not URL-encoded UTF-8: " + String.join(", ", errors.keySet()),
                  errors)
              .build());
      return;
    }
    if (!api) {
      return;
    }
    errors = StorableText.problems(FormEncoding.fields(body));
    if (!errors.isEmpty()) {
      request.abortWith(
          Problems.response(
                  400,
                  Problems.reasonPhrase(400),
                  "Invalid form field(s): " + String.join(", ", errors.keySet()),
                  Map.copyOf(errors))
              .build());
    }
  }

  /** UTF-8, or US-ASCII which is a part of it; null for any other or none Java knows. */
  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      Charset charset = Charset.forName(name.strip());
      return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
          ? charset
          : null;
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static boolean ascii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** A body that fails with a 400 at its first byte above 0x7F. */
  private static final class AsciiOnly extends FilterInputStream {
    private final String problem;

    AsciiOnly(InputStream in, String problem) {
      super(in);
      this.problem = problem;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b > 0x7F) {
        throw new ProblemException(400, Problems.reasonPhrase(400), problem);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int size) throws IOException {
      int n = super.read(buffer, offset, size);
      for (int i = offset; i < offset + n; i++) {
        if (buffer[i] < 0) {
          throw new ProblemException(400, Problems.reasonPhrase(400), problem);
        }
      }
      return n;
    }
  }
}
