package cores.http;

import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

/**
 * A request body sent with a content coding ({@code Content-Encoding: gzip}, any but {@code
 * identity}) is a 415 saying bodies are read as sent, with {@code Accept-Encoding: identity} (RFC
 * 9110, 15.5.16). Nothing here decodes one, so a gzipped JSON body was refused as malformed JSON
 * and a gzipped form read as a field of binary. Decoding is not offered: the body limit counts the
 * bytes sent, and a few kilobytes of gzip inflate to gigabytes.
 *
 * <p>Before authentication, whose CSRF check reads a form's body: a page's form sent so was a 403
 * saying it had expired, which no retry mends. Refusing first lets nothing through that the CSRF
 * check would stop: the request is refused either way, and the 415 says what to change.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 10)
final class UncodedBodies implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    List<String> codings = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
    if (codings == null || !request.hasEntity()) {
      return;
    }
    for (String header : codings) {
      for (String coding : header.split(",")) {
        String name = coding.strip();
        if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
          request.abortWith(
              Problems.response(
                      415,
                      "Request bodies must not be content-encoded: send the body as it is,"
                          + " without Content-Encoding (gzip or another coding).")
                  .header(HttpHeaders.ACCEPT_ENCODING, "identity")
                  .build());
          return;
        }
      }
    }
  }
}
