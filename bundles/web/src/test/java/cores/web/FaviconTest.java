package cores.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /favicon.ico} answers with the bundle's icon, as nginx does in front of Cores. */
class FaviconTest {
  @Test
  void theIconIsServedAtTheAddressBrowsersAskFor() throws IOException {
    ClassLoader loader = FaviconTest.class.getClassLoader();
    Assets assets = new Assets(List.of("favicon.ico", "favicon.svg"), loader::getResource);
    Favicon favicon = new Favicon(new StaticResource(new Site(null, assets)));
    Response answer = favicon.get(null);
    assertEquals(200, answer.getStatus());
    assertEquals("image/x-icon", String.valueOf(answer.getMediaType()));
    try (InputStream icon = loader.getResourceAsStream("static/favicon.ico")) {
      assertArrayEquals(icon.readAllBytes(), (byte[]) answer.getEntity());
    }
  }
}
