package cores.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.Whiteboard;
import cores.web.booking.HomePage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The frame of every page (the layout template) writes only ASCII, entities for the rest: a page of
 * ASCII data is then a string of bytes below 128, which Java encodes to UTF-8 by a plain copy. One
 * other character (the title's middle dot) had every page encoded character by character: some 8 %
 * of the JVM's samples under load of the admin host list.
 */
class LayoutTest {
  @Test
  void theLayoutWritesOnlyAscii() throws Exception {
    String layout = Files.readString(Path.of("src/main/jte/layout.jte"), StandardCharsets.UTF_8);
    assertEquals(
        "",
        layout
            .codePoints()
            .filter(c -> c > 127)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString());
  }

  /** The start page, titled with the site's name, does not say it twice in the window title. */
  @Test
  void theWindowTitleNamesTheSiteOnce() {
    assertTrue(
        Rendered.page("docs.jte", "Cores", "/", "").contains("<title>Cores</title>"),
        "the start page");
    assertTrue(
        Rendered.page("docs.jte", "Documentation", "/docs/", "")
            .contains("<title>Documentation &middot; Cores</title>"),
        "another page");
  }

  /**
   * The header's logout form and the page it leads to are at the one path the API names, which the
   * http bundle's logout leads to by default: the two bundles cannot disagree on it.
   */
  @Test
  void theLogoutFormLeadsToThePageThisBundleServes() throws Exception {
    assertEquals("/logged-out", Whiteboard.LOGGED_OUT);
    String page = Rendered.page("docs.jte", "Documentation", "/docs/", "");
    assertTrue(
        page.contains(
            "<input type=\"hidden\" name=\"next\" value=\"" + Whiteboard.LOGGED_OUT + "\">"),
        page);
    Method served = HomePage.class.getMethod("loggedOut", ContainerRequestContext.class);
    assertTrue(served.isAnnotationPresent(GET.class));
    assertEquals(Whiteboard.LOGGED_OUT, served.getAnnotation(jakarta.ws.rs.Path.class).value());
  }
}
