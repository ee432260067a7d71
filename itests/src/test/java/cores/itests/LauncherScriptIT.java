package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/cores} before it starts a JVM. */
class LauncherScriptIT {

  /**
   * ':' separates the class path's entries: from such a folder the JVM would look for jars that do
   * not exist and fail with a class-not-found error instead of saying why.
   */
  @Test
  void aDistributionPathWithAColonIsRefusedWithItsReason(@TempDir Path temp) throws Exception {
    Path home = Files.createDirectories(temp.resolve("cores:1.0"));
    Files.createDirectories(home.resolve("bin"));
    Files.copy(
        CoresProcess.distribution().resolve("bin/cores"),
        home.resolve("bin/cores"),
        StandardCopyOption.COPY_ATTRIBUTES);
    try (CoresProcess cores = CoresProcess.builder("colon").distribution(home).start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(30)), cores.errors());
      assertEquals(
          "cores: the distribution's path must not contain ':' (" + home.toRealPath() + ")\n",
          cores.errors());
      assertEquals("", cores.output());
    }
  }
}
