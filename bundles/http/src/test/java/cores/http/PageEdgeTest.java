package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a browser gets from the pages for a request the edge refuses: the site's HTML error page,
 * saying what the API's problem says.
 */
class PageEdgeTest extends ServerFixture {

  /** A page with a form, as the admin and user pages have. */
  @Path("edge-form")
  public static final class FormPage {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String show(@QueryParam("search") String search) {
      return "search " + search;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String post(@FormParam("name") String name) {
      return "posted " + name;
    }
  }

  @BeforeAll
  static void addPage() throws Exception {
    server.addPage(new FormPage());
    eventually(() -> status("/edge-form") == 200);
  }

  /** The site's error page with this status, whose text says what was wrong. */
  private static String errorPage(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        answer.headers().map() + " " + answer.body());
    assertTrue(answer.body().startsWith("<!DOCTYPE html>"), answer.body());
    return answer.body();
  }

  @Test
  void aMalformedOrRepeatedContentTypeIsAnHtmlErrorPageOnPages() throws Exception {
    // both were the API's JSON problem
    String broken =
        errorPage(
            send("POST", "/edge-form", "name=a", "Content-Type", "application/x-www-form;x"), 400);
    assertTrue(
        broken.contains("Malformed header: Unable to parse &quot;Content-Type&quot;"), broken);
    String twice =
        errorPage(
            send(
                "POST",
                "/edge-form",
                "name=a",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Content-Type",
                "text/plain"),
            400);
    assertTrue(twice.contains("&quot;Content-Type&quot; sent 2 times; send it once."), twice);
  }

  @Test
  void aMalformedAcceptIsAnHtmlErrorPageOnPages() throws Exception {
    String page = errorPage(get("/edge-form", "Accept", "*/*;q=x"), 400);
    assertTrue(page.contains("Malformed header: Unable to parse &quot;Accept"), page);
  }
}
