package cores.auth.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.HttpAuthenticationScheme;
import cores.api.auth.Identity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The component in a real Felix framework, as SCR activates it: its krb5.conf in the data area, the
 * Negotiate scheme registered only with a keytab and withdrawn on deactivation.
 */
class ComponentTest {
  @TempDir static Path directory;
  static TestKdc kdc;
  static Felix felix;
  static BundleContext context;

  @BeforeAll
  static void start() throws Exception {
    kdc = new TestKdc(directory.resolve("kdc"));
    felix =
        new Felix(
            Map.of(
                Constants.FRAMEWORK_STORAGE,
                directory.resolve("felix").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
    felix.start();
    context = felix.getBundleContext();
  }

  @AfterAll
  static void stop() throws Exception {
    felix.stop();
    felix.waitForStop(10_000);
    kdc.close();
  }

  static KerberosConfig config(boolean keytab) {
    return SettingsTest.config(
        "cores.test",
        keytab ? TestKdc.SERVICE : "",
        kdc.kdc(),
        "",
        keytab ? kdc.keytab.toString() : "");
  }

  @Test
  void withAKeytabNegotiateIsRegisteredUntilDeactivation() throws Exception {
    String before = System.getProperty(Krb5Location.PROPERTY);
    KerberosAuthenticationProvider provider =
        new KerberosAuthenticationProvider(config(true), context);
    try {
      assertEquals("kerberos", provider.name());
      assertEquals(
          context.getDataFile("krb5.conf").getAbsolutePath(),
          System.getProperty(Krb5Location.PROPERTY));
      var references = context.getServiceReferences(HttpAuthenticationScheme.class, null);
      assertEquals(1, references.size());
      assertEquals("Negotiate", context.getService(references.iterator().next()).scheme());
      assertEquals(
          Optional.of(Identity.of("kerberos", TestKdc.ALICE)),
          provider.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
    } finally {
      provider.deactivate();
    }
    assertTrue(context.getServiceReferences(HttpAuthenticationScheme.class, null).isEmpty());
    assertEquals(before, System.getProperty(Krb5Location.PROPERTY));
  }

  @Test
  void withoutAKeytabOnlyPasswords() throws Exception {
    KerberosAuthenticationProvider provider =
        new KerberosAuthenticationProvider(config(false), context);
    try {
      assertTrue(context.getServiceReferences(HttpAuthenticationScheme.class, null).isEmpty());
      assertEquals(
          Optional.of(Identity.of("kerberos", TestKdc.ALICE)),
          provider.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
      assertEquals(Optional.empty(), provider.authenticate(TestKdc.ALICE, "wrong".toCharArray()));
    } finally {
      provider.deactivate();
    }
  }
}
