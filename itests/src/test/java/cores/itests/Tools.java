package cores.itests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs of the machine that some tests drive (nginx, mkdocs, docker-compose, chromium, MIT
 * Kerberos). On a machine with only Java and Maven those tests are skipped, saying what to install;
 * where {@code CORES_TESTS_REQUIRE_TOOLS=true} (CI: {@code .ci/run} installs them and sets it) a
 * missing program fails the test instead, so that nothing is skipped there.
 */
final class Tools {
  private Tools() {}

  /** The executable of that name on the PATH, as a shell would find it. */
  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Returns when the program is there; else skips or fails the test with the message. */
  static void require(boolean present, String message) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CORES_TESTS_REQUIRE_TOOLS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }
}
