package cores.http;

import cores.api.web.StorableText;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form posts (in UTF-8: {@link Utf8Bodies} refuses other charsets before): on the REST API a field
 * that PostgreSQL would not store as sent ({@link StorableText}) is a 400 naming it, before any
 * resource sees the form (the body is read here and put back). The pages apply the same rule to
 * their forms themselves, so that a refused form is shown again as typed, the problem at its field.
 */
@Priority(Priorities.USER)
final class StorableForms implements ContainerRequestFilter {
  private final boolean api;

  StorableForms(boolean api) {
    this.api = api;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
      return;
    }
    if (!api) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      fields
          .computeIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), n -> new ArrayList<>())
          .add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    Map<String, List<String>> errors = StorableText.problems(fields);
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

  /** A form's text as pages read it; a broken escape is left to the page's own reading. */
  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
