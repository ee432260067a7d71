package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

/** The site's zone, read once for every bundle, and refused naming its property when bad. */
class SiteZoneServiceTest {

  private static SiteZoneService.Config config(String zone) {
    return new SiteZoneService.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return SiteZoneService.Config.class;
      }

      @Override
      public String timeZone() {
        return zone;
      }
    };
  }

  @Test
  void theConfiguredZoneIsTheSitesAndItsTimesNameIt() throws Exception {
    SiteZoneService site = new SiteZoneService(config("Europe/Zurich"));
    assertEquals(ZoneId.of("Europe/Zurich"), site.zone());
    assertEquals("Europe/Zurich", site.name());
    assertEquals(
        "2099-12-24 11:00:00 Europe/Zurich", site.when(Instant.parse("2099-12-24T10:00:00Z")));
    assertEquals("open", site.when(null));
    assertEquals(
        "2099-12-24 10:00:00 UTC",
        new SiteZoneService(config("UTC")).when(Instant.parse("2099-12-24T10:00:00Z")));
  }

  /** The launcher shows the property's refusal as CORES_TIME_ZONE's (ConfigurationPlanTest). */
  @Test
  void aZoneThatIsNotAnIanaNameIsRefusedNamingTheProperty() {
    for (String bad : new String[] {"Mars/Base", "+01:00", "UTC+1", " "}) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> new SiteZoneService(config(bad)));
      assertEquals("timeZone", e.getProperty(), bad);
    }
  }
}
