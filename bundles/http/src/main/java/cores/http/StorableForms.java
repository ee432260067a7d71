package cores.http;

import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTML form posts (the pages of every bundle): a charset the server does not know is a 415 (Jersey
 * would fail reading the form), and a field that PostgreSQL would not store as sent ({@link
 * StorableText}) is a 400 naming it, before any page sees the form. The body is read here and put
 * back for the resource.
 */
@Priority(Priorities.USER)
final class StorableForms implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
      return;
    }
    String charset = request.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !known(charset)) {
      request.abortWith(
          Problems.response(415, "The form's charset is not one this server knows: use UTF-8.")
              .build());
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String problem = StorableText.problem(name);
      if (problem == null) {
        problem = StorableText.problem(value);
      }
      if (problem != null) {
        errors.put(StorableText.shown(name), List.of(problem));
      }
    }
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

  private static boolean known(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  /** A form's text as pages read it; a broken escape is left to the page's own reading. */
  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
