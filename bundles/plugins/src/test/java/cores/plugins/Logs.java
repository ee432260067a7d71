package cores.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the real slf4j-simple output, which the build sends to a file (see the pom). */
final class Logs {

  private Logs() {}

  /** The WARN lines that mention the file. */
  static List<String> warningsAbout(Path file) throws IOException {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (logFile == null) {
      throw new IllegalStateException("run through Maven: the log file is set in the pom");
    }
    String name = file.toString();
    return Files.readAllLines(Path.of(logFile), StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(" WARN ") && line.contains(name))
        .toList();
  }
}
