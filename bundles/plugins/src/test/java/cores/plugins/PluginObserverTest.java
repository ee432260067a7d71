package cores.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import cores.plugins.testbundle.FailingActivator;
import cores.plugins.testbundle.FailingComponent;
import cores.plugins.testbundle.HangingActivator;
import cores.plugins.testbundle.WaitingComponent;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The observer with the real FileInstall on a real folder: FileInstall installs and starts, the
 * observer refuses what is not a bundle, logs, and reports what does not run.
 */
class PluginObserverTest {

  @TempDir Path storage;
  @TempDir Path plugins;

  private Felix felix;
  private BundleContext context;
  private PluginObserver observer;
  private ServiceRegistration<?> registration;

  @BeforeEach
  void boot() throws Exception {
    felix =
        new Felix(
            storage,
            Map.of(
                "felix.fileinstall.dir", plugins.toString(),
                "felix.fileinstall.poll", "50",
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.filter", "(?i)[^.].*\\.(jar|cfg|config)",
                "felix.fileinstall.enableConfigSave", "false",
                "felix.fileinstall.log.level", "2",
                "felix.fileinstall.log.default", "jul"));
    context = felix.context();
    observer =
        new PluginObserver(
            context,
            config(plugins, 1),
            context.getService(context.getServiceReference(ServiceComponentRuntime.class)));
    registration =
        context.registerService(
            new String[] {ArtifactUrlTransformer.class.getName(), ProblemReport.class.getName()},
            observer,
            null);
  }

  @AfterEach
  void shutdown() throws Exception {
    registration.unregister();
    observer.deactivate();
    felix.close();
  }

  @Test
  void aDroppedBundleIsInstalledUnderItsFileNameStartedUpdatedAndRemoved() throws Exception {
    Path jar = plugins.resolve("hello.jar");
    Files.write(jar, TestJars.bundle("test.hello", "1.0.0").bytes());
    awaitTrue(() -> active(context.getBundle("cores-plugin:hello.jar")));

    Files.write(jar, TestJars.bundle("test.hello", "2.0.0").header("X-Padding", "new").bytes());
    awaitTrue(
        () -> {
          Bundle bundle = context.getBundle("cores-plugin:hello.jar");
          return active(bundle) && "2.0.0".equals(bundle.getVersion().toString());
        });

    Files.delete(jar);
    awaitTrue(() -> context.getBundle("cores-plugin:hello.jar") == null);
    assertEquals(List.of(), observer.problems());
  }

  @Test
  void aJarThatIsNotABundleIsRefusedOnceReportedAndTakenWhenItBecomesOne() throws Exception {
    Path corrupt = plugins.resolve("corrupt.jar");
    Files.writeString(corrupt, "this is not a zip file", StandardCharsets.UTF_8);
    Path library = plugins.resolve("library.jar");
    Files.write(library, TestJars.plainJar().bytes());
    awaitTrue(() -> observer.problems().size() == 2);
    // more polls go by while a later drop is taken: the refused files are not tried again
    Files.write(plugins.resolve("later.jar"), TestJars.bundle("test.later", "1.0.0").bytes());
    awaitTrue(() -> active(context.getBundle("cores-plugin:later.jar")));

    List<String> corruptWarnings = Logs.warningsAbout(corrupt);
    assertEquals(1, corruptWarnings.size(), corruptWarnings.toString());
    assertTrue(corruptWarnings.get(0).contains("not a valid jar"), corruptWarnings.get(0));
    List<String> libraryWarnings = Logs.warningsAbout(library);
    assertEquals(1, libraryWarnings.size(), libraryWarnings.toString());
    assertTrue(libraryWarnings.get(0).contains("no Bundle-SymbolicName"), libraryWarnings.get(0));
    Problem refused =
        observer.problems().stream()
            .filter(p -> p.subject().equals("library.jar"))
            .findFirst()
            .orElseThrow();
    assertTrue(refused.reason().startsWith("refused: its manifest has no"), refused.reason());

    // fixed (a new file), it is installed; deleted, the corrupt one is no longer reported
    Files.write(library, TestJars.bundle("test.library", "1.0.0").bytes());
    awaitTrue(() -> active(context.getBundle("cores-plugin:library.jar")));
    Files.delete(corrupt);
    assertEquals(List.of(), observer.problems());
  }

  @Test
  void aPluginThatCannotResolveIsReportedWithWhatItMisses() throws Exception {
    Files.write(
        plugins.resolve("needy.jar"),
        TestJars.bundle("test.needy", "1.0.0")
            .header("Import-Package", "no.such.pkg;version=\"[1,2)\"")
            .bytes());
    awaitTrue(() -> !observer.problems().isEmpty());
    Problem problem = observer.problems().get(0);
    assertEquals("needy.jar (test.needy 1.0.0)", problem.subject());
    assertTrue(problem.reason().contains("cannot resolve"), problem.reason());
    assertTrue(problem.reason().contains("osgi.wiring.package=no.such.pkg"), problem.reason());

    // what it needs arrives: FileInstall starts it, the problem goes
    Files.write(
        plugins.resolve("provider.jar"),
        TestJars.bundle("test.provider", "1.0.0")
            .header("Export-Package", "no.such.pkg;version=1.0")
            .bytes());
    awaitTrue(() -> active(context.getBundle("cores-plugin:needy.jar")));
    assertEquals(List.of(), observer.problems());
  }

  @Test
  void aPluginWhoseActivatorFailsIsReportedAsNotStarted() throws Exception {
    Files.write(
        plugins.resolve("failing.jar"),
        TestJars.bundle("test.failing", "1.0.0")
            .header("Bundle-Activator", FailingActivator.class.getName())
            .header("Import-Package", "org.osgi.framework")
            .classOf(FailingActivator.class)
            .bytes());
    awaitTrue(() -> !observer.problems().isEmpty());
    Problem problem = observer.problems().get(0);
    assertEquals("failing.jar (test.failing 1.0.0)", problem.subject());
    assertTrue(problem.reason().contains("its activator failed"), problem.reason());
    assertEquals(Bundle.RESOLVED, context.getBundle("cores-plugin:failing.jar").getState());
  }

  @Test
  void aStartedPluginWhoseComponentFailsIsReportedWithTheCauseUntilItIsRemoved() throws Exception {
    Files.write(
        plugins.resolve("component.jar"),
        TestJars.bundle("test.component", "1.0.0")
            .header("Service-Component", "OSGI-INF/test.failing.xml")
            .resource(
                "OSGI-INF/test.failing.xml",
                "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\""
                    + " name=\"test.failing\" immediate=\"true\">"
                    + "<implementation class=\""
                    + FailingComponent.class.getName()
                    + "\"/></scr:component>")
            .classOf(FailingComponent.class)
            .bytes());
    awaitTrue(() -> !observer.problems().isEmpty());
    assertEquals(Bundle.ACTIVE, context.getBundle("cores-plugin:component.jar").getState());
    assertEquals(
        List.of(
            new Problem(
                "component.jar (test.component 1.0.0)",
                "its component test.failing did not activate: IllegalStateException: "
                    + FailingComponent.MESSAGE
                    + " (the log has the exception); it is tried again when its configuration"
                    + " changes or the jar is replaced")),
        observer.problems());

    Files.delete(plugins.resolve("component.jar"));
    awaitTrue(() -> context.getBundle("cores-plugin:component.jar") == null);
    assertEquals(List.of(), observer.problems());
  }

  @Test
  void aStartedPluginWhoseComponentWaitsForAServiceIsReportedUntilOneIsThere() throws Exception {
    Files.write(
        plugins.resolve("waiting.jar"),
        TestJars.bundle("test.waiting", "1.0.0")
            .header("Service-Component", "OSGI-INF/test.waiting.xml")
            .resource(
                "OSGI-INF/test.waiting.xml",
                "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\""
                    + " name=\"test.waiting\" immediate=\"true\">"
                    + "<implementation class=\""
                    + WaitingComponent.class.getName()
                    + "\"/><reference name=\"task\" interface=\"java.lang.Runnable\""
                    + " target=\"(purpose=test)\"/></scr:component>")
            .classOf(WaitingComponent.class)
            .bytes());
    awaitTrue(() -> !observer.problems().isEmpty());
    assertEquals(
        List.of(
            new Problem(
                "waiting.jar (test.waiting 1.0.0)",
                "its component test.waiting waits for java.lang.Runnable (purpose=test): it does"
                    + " nothing until a bundle offers that service")),
        observer.problems());

    Dictionary<String, Object> purpose = new Hashtable<>();
    purpose.put("purpose", "test");
    ServiceRegistration<Runnable> task = context.registerService(Runnable.class, () -> {}, purpose);
    try {
      awaitTrue(() -> observer.problems().isEmpty());
    } finally {
      task.unregister();
    }
  }

  @Test
  void aStartThatDoesNotReturnIsReportedAsHungUntilItReturns() throws Exception {
    Path release = plugins.resolve("release.txt");
    Files.write(
        plugins.resolve("hanging.jar"),
        TestJars.bundle("test.hanging", "1.0.0")
            .header("Bundle-Activator", HangingActivator.class.getName())
            .header(HangingActivator.RELEASE_HEADER, release.toString())
            .header("Import-Package", "org.osgi.framework")
            .classOf(HangingActivator.class)
            .bytes());
    awaitTrue(() -> !observer.problems().isEmpty());
    Problem problem = observer.problems().get(0);
    assertEquals("hanging.jar (test.hanging 1.0.0)", problem.subject());
    assertTrue(problem.reason().contains("has not returned"), problem.reason());

    Files.writeString(release, "go", StandardCharsets.UTF_8);
    awaitTrue(() -> active(context.getBundle("cores-plugin:hanging.jar")));
    assertEquals(List.of(), observer.problems());
  }

  @Test
  void aCfgFileInTheFolderIsAConfigurationUntilItIsDeleted() throws Exception {
    ConfigurationAdmin configAdmin =
        context.getService(context.getServiceReference(ConfigurationAdmin.class));
    Path cfg = plugins.resolve("test.plugin.cfg");
    Files.writeString(cfg, "greeting = Bonjour\n", StandardCharsets.UTF_8);
    awaitTrue(() -> greeting(configAdmin) != null);
    assertEquals("Bonjour", greeting(configAdmin));

    Files.writeString(cfg, "greeting = Salut\n# a longer file\n", StandardCharsets.UTF_8);
    awaitTrue(() -> "Salut".equals(greeting(configAdmin)));

    Files.delete(cfg);
    awaitTrue(() -> greeting(configAdmin) == null);
  }

  private static String greeting(ConfigurationAdmin configAdmin) {
    try {
      Configuration[] found = configAdmin.listConfigurations("(service.pid=test.plugin)");
      if (found == null) {
        return null;
      }
      Dictionary<String, Object> properties = found[0].getProperties();
      assertNotNull(properties);
      return String.valueOf(properties.get("greeting"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean active(Bundle bundle) {
    return bundle != null && bundle.getState() == Bundle.ACTIVE;
  }

  /** Waits for what FileInstall does on its own thread; bounded only so a failure ends. */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "not reached within 20 s");
      Thread.sleep(20);
    }
  }

  private static PluginsConfig config(Path directory, long startTimeoutMillis) {
    return new PluginsConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return PluginsConfig.class;
      }

      @Override
      public String directory() {
        return directory.toString();
      }

      @Override
      public long startTimeoutMillis() {
        return startTimeoutMillis;
      }
    };
  }
}
