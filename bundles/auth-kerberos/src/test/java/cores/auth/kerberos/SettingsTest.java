package cores.auth.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.ConfigurationException;

/** The configuration as the launcher writes it, and where the JDK is pointed for it. */
class SettingsTest {
  @TempDir Path directory;
  private String before;

  /** Other tests' KDC (Kerby) sets the property for itself: what matters is that it comes back. */
  @BeforeEach
  void remember() throws Exception {
    before = System.getProperty(Krb5Location.PROPERTY);
  }

  @AfterEach
  void propertyRestored() throws Exception {
    assertEquals(before, System.getProperty(Krb5Location.PROPERTY));
  }

  static KerberosConfig config(
      String realm, String service, String kdc, String krb5, String keytab) {
    return new KerberosConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return KerberosConfig.class;
      }

      @Override
      public String realm() {
        return realm;
      }

      @Override
      public String service() {
        return service;
      }

      @Override
      public String kdc() {
        return kdc;
      }

      @Override
      public String krb5Config() {
        return krb5;
      }

      @Override
      public String keytab() {
        return keytab;
      }

      @Override
      public String logging() {
        return "False";
      }
    };
  }

  @Test
  void realmInUpperCaseAndServiceInTheRealm() throws Exception {
    KerberosSettings settings =
        KerberosSettings.from(config(" contoso.com ", "HTTP/cores.contoso.com", "", "", "/k"));
    assertEquals("CONTOSO.COM", settings.realm());
    assertEquals(Optional.of("HTTP/cores.contoso.com@CONTOSO.COM"), settings.service());
    assertEquals(Optional.empty(), settings.kdc());
    assertEquals(
        Optional.of("HTTP/x@OTHER.ORG"),
        KerberosSettings.from(config("contoso.com", "HTTP/x@OTHER.ORG", "", "", "")).service());
  }

  @Test
  void missingRealmOrServiceForAKeytabIsRefusedByItsProperty() throws Exception {
    ConfigurationException realm =
        assertThrows(
            ConfigurationException.class, () -> KerberosSettings.from(config(" ", "", "", "", "")));
    assertEquals("realm", realm.getProperty());
    assertEquals("required", realm.getReason());
    ConfigurationException service =
        assertThrows(
            ConfigurationException.class,
            () -> KerberosSettings.from(config("R", "", "", "", "/etc/cores.keytab")));
    assertEquals("service", service.getProperty());
    assertEquals("required when {keytab} is set", service.getReason());
  }

  @Test
  void kdcGivesAPrivateKrb5ConfAndClosingRestoresTheProperty() throws Exception {
    Path file = directory.resolve("krb5.conf");
    KerberosSettings settings =
        KerberosSettings.from(config("contoso.com", "", "kdc.contoso.com:88", "", ""));
    try (Krb5Location location = Krb5Location.apply(settings, file)) {
      assertEquals(file.toAbsolutePath().toString(), System.getProperty(Krb5Location.PROPERTY));
      String written = Files.readString(file);
      assertTrue(written.contains("default_realm = CONTOSO.COM"), written);
      assertTrue(written.contains("CONTOSO.COM = {\n    kdc = kdc.contoso.com:88\n  }"), written);
    }
  }

  @Test
  void krb5ConfigIsUsedAsItIsAndMustExist() throws Exception {
    Path own = Files.writeString(directory.resolve("own.conf"), "[libdefaults]\n");
    KerberosSettings settings = KerberosSettings.from(config("R", "", "", own.toString(), ""));
    try (Krb5Location location = Krb5Location.apply(settings, directory.resolve("unused"))) {
      assertEquals(own.toAbsolutePath().toString(), System.getProperty(Krb5Location.PROPERTY));
      assertTrue(Files.notExists(directory.resolve("unused")));
    }
    ConfigurationException missing =
        assertThrows(
            ConfigurationException.class,
            () ->
                KerberosSettings.from(
                    config("R", "", "", directory.resolve("nope").toString(), "")));
    assertEquals("krb5Config", missing.getProperty());
    assertTrue(missing.getReason().endsWith("cannot be read"), missing.getReason());
  }

  @Test
  void withNeitherTheJvmDefaultIsLeftAlone() throws Exception {
    try (Krb5Location location =
        Krb5Location.apply(
            KerberosSettings.from(config("R", "", "", "", "")), directory.resolve("x"))) {
      assertEquals(before, System.getProperty(Krb5Location.PROPERTY));
    }
  }

  @Test
  void valuesThatWouldBreakTheFileAreRefused() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () -> Krb5Location.privateConfig("R", "kdc\n[realms]\nEVIL = {"));
    assertThrows(IllegalArgumentException.class, () -> Krb5Location.privateConfig("R }", "kdc"));
  }
}
