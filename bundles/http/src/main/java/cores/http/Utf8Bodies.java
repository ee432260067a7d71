package cores.http;

import cores.api.web.StorableText;
import cores.http.auth.FormBody;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON bodies and form posts declared in a charset other than UTF-8 are a 415 naming UTF-8; the
 * fields of a form post are checked, its body read once for all checks.
 *
 * <p>JSON: RFC 8259 (section 8.1) says JSON exchanged between systems MUST be UTF-8 and defines no
 * charset parameter (section 11). Jackson reads every body as UTF-8 (or UTF-16/32 it guesses from
 * the bytes, never from the header), so a body in ISO-8859-1 or windows-1252 was refused as
 * malformed or, when its bytes happened to be valid UTF-8, stored as other characters than the
 * client meant. Decoding each declared charset instead would accept what the RFC rules out and what
 * other JSON tools misread; refusing tells the client the one encoding that works.
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
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !utf8(charset)) {
      request.abortWith(
          Problems.response(
                  415,
                  what + " are read as UTF-8 only: send UTF-8, with charset=utf-8 or without one.")
              .build());
    } else if (what.equals(FORMS)) {
      form(request);
    }
  }

  private void form(ContainerRequestContext request) throws IOException {
    byte[] body = FormBody.bytes(request);
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

  private static boolean utf8(String charset) {
    try {
      return Charset.forName(charset.strip()).equals(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return false;
    }
  }
}
