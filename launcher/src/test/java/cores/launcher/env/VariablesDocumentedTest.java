package cores.launcher.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The variables the launcher reads ({@link Variable#names}) and those the distribution's features
 * declare are exactly those of the configuration page of the documentation and of
 * etc/cores.env.example.
 */
class VariablesDocumentedTest {
  /** A first table cell that is a variable: {@code | `NAME` |}. */
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|", Pattern.MULTILINE);

  /** {@code NAME=value} or, for those without a default, {@code # NAME=}. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(?:# )?([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

  /** The repository (tests run in the launcher module). */
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  /** The features as the build writes them into the distribution. */
  private static final Path FEATURES = Path.of("../features/target/repository/features");

  private static Set<String> read() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(FEATURES), "features module not built");
    Set<String> names = new TreeSet<>(Variable.names());
    for (Feature f :
        new FeatureReader(FEATURES, Path.of("../features/target/repository/bundles")).readAll()) {
      names.addAll(f.declaration().variables());
    }
    return names;
  }

  private static Set<String> names(Path file, Pattern pattern) throws IOException {
    Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void theConfigurationPageDocumentsEveryVariableCoresReadsAndNoOther() throws Exception {
    assertEquals(read(), names(REPOSITORY.resolve("docs/docs/configuration.md"), TABLE_ROW));
  }

  @Test
  void theExampleEnvironmentFileListsEveryVariableCoresReadsAndNoOther() throws Exception {
    assertEquals(read(), names(REPOSITORY.resolve("config/etc/cores.env.example"), ASSIGNMENT));
  }
}
