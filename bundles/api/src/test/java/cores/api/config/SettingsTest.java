package cores.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

class SettingsTest {

  @Test
  void aBlankValueIsUnsetAndTakesTheDefault() throws ConfigurationException {
    assertTrue(Settings.bool("ssl", " ", true));
    assertEquals(25, Settings.port("port", null, 25));
    assertEquals(10, Settings.number("timeout", "", 1, 300, 10));
  }

  @Test
  void booleansAreTheOriginalsWordsInAnyCase() throws ConfigurationException {
    assertTrue(Settings.bool("ssl", "TRUE", false));
    assertTrue(Settings.bool("ssl", "yes", false));
    assertFalse(Settings.bool("ssl", "0", true));
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Settings.bool("ssl", "sometimes", false));
    assertEquals("ssl", e.getProperty());
    assertEquals("\"sometimes\" is not a boolean (use True or False)", e.getReason());
  }

  @Test
  void numbersOutsideTheirRangeAreRefusedWithTheRange() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> Settings.number("timeout", "soon", 1, 300, 10));
    assertEquals("\"soon\" is not a whole number from 1 to 300", e.getReason());
    e = assertThrows(ConfigurationException.class, () -> Settings.port("port", "70000", 25));
    assertEquals("\"70000\" is not a port number (1 to 65535)", e.getReason());
  }

  @Test
  void aRequiredValueIsRefusedAsRequired() throws ConfigurationException {
    assertEquals("x", Settings.required("uri", " x "));
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Settings.required("uri", " "));
    assertEquals("required", e.getReason());
  }
}
