package cores.testing.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With nothing answering at the configured address, the tests get the embedded PostgreSQL, and
 * another test JVM of the same build gets the very same one. (The address is one where nothing
 * listens, so this runs the same with or without a PostgreSQL on 127.0.0.1:5432.)
 */
class TestPostgresTest {

  @Test
  void withoutAServerTheTestJvmsOfABuildShareOneEmbeddedPostgres() throws Exception {
    String nothing = "127.0.0.1:" + closedPort();
    System.setProperty(TestPostgres.ADDRESS, nothing);
    TestPostgres.Address embedded = TestPostgres.address();
    assertNotEquals(nothing, embedded.toString());
    try (Connection c =
            DriverManager.getConnection(embedded.jdbcUrl("postgres"), TestPostgres.USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
    assertEquals(embedded.toString(), addressInAnotherJvm(nothing));
  }

  /**
   * What {@link TestPostgres#address()} says in a JVM of its own (a test JVM of another module).
   */
  private static String addressInAnotherJvm(String configured)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("-D" + TestPostgres.ADDRESS + "=" + configured);
    String directory = System.getProperty(TestPostgres.DIRECTORY);
    if (directory != null) {
      command.add("-D" + TestPostgres.DIRECTORY + "=" + directory);
    }
    command.add(PrintAddress.class.getName());
    Process jvm = new ProcessBuilder(command).start();
    jvm.getOutputStream().close();
    String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    jvm.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The other JVM's program. */
  static final class PrintAddress {
    private PrintAddress() {}

    public static void main(String[] args) {
      System.out.println(TestPostgres.address());
    }
  }
}
