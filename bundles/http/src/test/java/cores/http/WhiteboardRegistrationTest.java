package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.Whiteboard;
import cores.http.WhiteboardRegistration.Application;
import cores.http.WhiteboardRegistration.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhiteboardRegistrationTest {

  @Test
  void aResourceWithoutASelectionBelongsToTheDefaultApplicationTheApi() {
    WhiteboardRegistration r = WhiteboardRegistration.of(Map.of(Whiteboard.RESOURCE, "true"));
    assertEquals(Kind.RESOURCE, r.kind());
    assertEquals(Set.of(Application.API), r.applications());
    assertNull(r.refusal());
    assertEquals(List.of(), r.legacyNames());
  }

  @Test
  void aSelectionIsMatchedAgainstEachApplicationsNameAndBase() {
    assertEquals(
        Set.of(Application.PAGES),
        WhiteboardRegistration.of(
                Map.of(Whiteboard.RESOURCE, true, Whiteboard.APPLICATION_SELECT, Whiteboard.PAGES))
            .applications());
    assertEquals(
        Set.of(Application.API),
        WhiteboardRegistration.of(
                Map.of(
                    Whiteboard.EXTENSION,
                    true,
                    Whiteboard.APPLICATION_SELECT,
                    "(osgi.jakartars.application.base=/api)"))
            .applications());
    assertEquals(
        Set.of(Application.API, Application.PAGES),
        WhiteboardRegistration.of(
                Map.of(
                    Whiteboard.EXTENSION,
                    true,
                    Whiteboard.APPLICATION_SELECT,
                    "(osgi.jakartars.name=*)"))
            .applications());
  }

  @Test
  void aSelectionWrittenByDeclarativeServicesAsAnArrayIsReadAsItsFilters() {
    assertEquals(
        Set.of(Application.PAGES),
        WhiteboardRegistration.of(
                Map.of(
                    Whiteboard.RESOURCE,
                    true,
                    Whiteboard.APPLICATION_SELECT,
                    new String[] {Whiteboard.PAGES}))
            .applications());
    assertEquals(
        Set.of(),
        WhiteboardRegistration.of(
                Map.of(
                    Whiteboard.RESOURCE,
                    true,
                    Whiteboard.APPLICATION_SELECT,
                    List.of(Whiteboard.PAGES, "(osgi.jakartars.application.base=/api)")))
            .applications());
  }

  @Test
  void aSelectionThatIsNotAFilterOrMatchesNothingIsRefusedSayingWhy() {
    WhiteboardRegistration broken =
        WhiteboardRegistration.of(
            Map.of(Whiteboard.RESOURCE, true, Whiteboard.APPLICATION_SELECT, "(name="));
    assertEquals(Set.of(), broken.applications());
    assertTrue(
        broken.refusal().startsWith("osgi.jakartars.application.select=(name= is not a filter"),
        broken.refusal());
    WhiteboardRegistration lost =
        WhiteboardRegistration.of(
            Map.of(Whiteboard.RESOURCE, true, Whiteboard.APPLICATION_SELECT, "(a=b)"));
    assertEquals(
        "osgi.jakartars.application.select=(a=b) matches no application (there are .default at"
            + " /api and cores.pages at /)",
        lost.refusal());
  }

  @Test
  void bothAResourceAndAnExtensionIsRefused() {
    WhiteboardRegistration r =
        WhiteboardRegistration.of(Map.of(Whiteboard.RESOURCE, true, Whiteboard.EXTENSION, true));
    assertEquals("it is marked both a resource and an extension", r.refusal());
  }

  @Test
  @SuppressWarnings("deprecation")
  void theNamesOfEarlierReleasesAreUnderstoodAndNamed() {
    WhiteboardRegistration page = WhiteboardRegistration.of(Map.of(Whiteboard.PAGE, "true"));
    assertEquals(Kind.RESOURCE, page.kind());
    assertEquals(Set.of(Application.PAGES), page.applications());
    assertEquals(List.of("cores.web.page"), page.legacyNames());
    WhiteboardRegistration extension =
        WhiteboardRegistration.of(Map.of("osgi.jaxrs.extension", "true"));
    assertEquals(Kind.EXTENSION, extension.kind());
    assertEquals(Set.of(Application.API), extension.applications());
    assertEquals(List.of("osgi.jaxrs.extension"), extension.legacyNames());
  }

  @Test
  void theServiceFilterTakesStandardAndEarlierNames() {
    assertEquals(
        "(|(osgi.jakartars.resource=true)(osgi.jakartars.extension=true)"
            + "(osgi.jaxrs.resource=true)(osgi.jaxrs.extension=true)(cores.web.page=true))",
        WhiteboardRegistration.FILTER);
  }
}
