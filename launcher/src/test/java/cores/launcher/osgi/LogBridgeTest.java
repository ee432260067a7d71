package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.FormatterLogger;

/** SCR's entries through the bridge: one line each, the stack trace only when asked for. */
class LogBridgeTest {

  private static final String NAME = "cores.launcher.osgi.LogBridgeTest.scr";

  private LogRecords log;

  @BeforeEach
  void listen() {
    log = LogRecords.of(NAME);
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  /** What SCR logs for a provider whose constructor refuses a setting. */
  private static Exception refusal() {
    return new InvocationTargetException(
        new IllegalStateException(
            "wrapped", new IllegalArgumentException("bindPassword : required")));
  }

  @Test
  void anErrorWithAnExceptionIsOneLineWithTheRootCause() {
    org.osgi.service.log.Logger scr = LogBridge.of(false, LogBridge.Refusals.NONE).getLogger(NAME);
    scr.error(
        "bundle cores.auth.ldap:0.1.0 (18)[cores.auth.ldap.SearchBindProvider(0)] : Error during"
            + " instantiation of the implementation object",
        refusal());
    assertEquals(1, log.list().size());
    LogRecord line = log.list().get(0);
    assertEquals(Level.SEVERE, line.getLevel());
    assertEquals(
        "bundle cores.auth.ldap:0.1.0 (18)[cores.auth.ldap.SearchBindProvider(0)] : Error during"
            + " instantiation of the implementation object: IllegalArgumentException:"
            + " bindPassword : required",
        line.getMessage());
    assertNull(line.getThrown(), "no stack trace");
  }

  @Test
  void withTracesTheLineCarriesTheStackTrace() {
    Exception refusal = refusal();
    LogBridge.of(true, LogBridge.Refusals.NONE)
        .getLogger(NAME)
        .warn("{} failed", "activation", refusal);
    assertEquals(1, log.list().size());
    assertEquals(
        "activation failed: IllegalArgumentException: bindPassword : required",
        log.list().get(0).getMessage());
    assertSame(refusal, log.list().get(0).getThrown());
  }

  /** Errors only, as SCR's own default; warnings too when debugging; never below the logger's. */
  @Test
  void levelsBelowTheThresholdOrTheLoggersAreNotEnabledNorLogged() {
    org.osgi.service.log.Logger scr = LogBridge.of(false, LogBridge.Refusals.NONE).getLogger(NAME);
    assertFalse(scr.isWarnEnabled());
    scr.warn("Could not get service from ref {}", "[cores.api.auth.AuthenticationProvider]");
    scr.info("Version = 2.2.12");
    assertEquals(List.of(), log.list());
    org.osgi.service.log.Logger debugging =
        LogBridge.of(true, LogBridge.Refusals.NONE).getLogger(NAME);
    assertFalse(debugging.isDebugEnabled());
    debugging.debug("chatter {}", 1);
    debugging.info("Version = 2.2.12");
    debugging.warn("line\nbroken  \n in two");
    assertEquals(1, log.list().size());
    assertEquals("line broken in two", log.list().get(0).getMessage());
  }

  @Test
  void aFormatterLoggerFormatsAsPrintf() {
    FormatterLogger printf =
        new LogBridge(System.Logger.Level.INFO, false, LogBridge.Refusals.NONE)
            .getLogger((org.osgi.framework.Bundle) null, NAME, FormatterLogger.class);
    printf.info("%d components", 3);
    assertEquals(NAME, printf.getName());
    assertEquals("3 components", log.list().get(0).getMessage());
  }

  /**
   * A plugin's jar and its .cfg deleted together: SCR tries the component with the old
   * configuration once more, and the configuration goes while the line naming it is looked for (so
   * none is found). That is no error for the operator: it was logged at ERROR, the configuration's
   * removal being asked before the line only.
   */
  @Test
  void aRefusalWhoseConfigurationGoesWhileItsLineIsLookedForIsNoError() throws Exception {
    AtomicBoolean gone = new AtomicBoolean();
    LogBridge.Refusals removing =
        new LogBridge.Refusals() {
          @Override
          public boolean saidLater(Bundle bundle) {
            return false;
          }

          @Override
          public Optional<String> line(Bundle bundle, Throwable refusal) {
            gone.set(true);
            return Optional.empty();
          }

          @Override
          public boolean withdrawn(Bundle bundle, String entry) {
            return gone.get();
          }
        };
    Bundle plugin =
        (Bundle)
            Proxy.newProxyInstance(
                Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> null);
    new LogBridge(System.Logger.Level.ERROR, false, removing)
        .getLogger(plugin, NAME, org.osgi.service.log.Logger.class)
        .error(
            "bundle cores.auth.htpasswd:0.1.0 (75)[cores.auth.htpasswd.HtpasswdProvider(96)] :"
                + " Error during instantiation of the implementation object",
            new InvocationTargetException(
                configurationException(
                    "file",
                    "\"/tmp/missing.htpasswd\" cannot be read",
                    new NoSuchFileException("/tmp/missing.htpasswd"))));
    assertEquals(List.of(), log.list(), "nothing from INFO up");
  }

  /**
   * Config Admin's {@code ConfigurationException}, from its bundle's jar: this class path must not
   * hold Config Admin's API (see {@link PlatformTest}), and the bridge knows the class by name.
   */
  private static Exception configurationException(String property, String reason, Throwable cause)
      throws Exception {
    Path jar =
        Path.of(
            "../features/target/repository/bundles/org/apache/felix/org.apache.felix.configadmin/"
                + "1.9.26/org.apache.felix.configadmin-1.9.26.jar");
    Assumptions.assumeTrue(Files.isRegularFile(jar), "features module not built");
    try (URLClassLoader configAdmin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      return (Exception)
          configAdmin
              .loadClass("org.osgi.service.cm.ConfigurationException")
              .getConstructor(String.class, String.class, Throwable.class)
              .newInstance(property, reason, cause);
    }
  }
}
