package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rule "the Java check of an address accepts nothing the database refuses": every address
 * {@link Addresses} accepts is a valid PostgreSQL {@code inet}/{@code macaddr} without a prefix,
 * checked against the real database for a table of odd forms and many generated ones.
 */
class AddressesDatabaseTest {
  private static final String[] ODD_IPS = {
    "1:2:3:4:5:6:7:8:",
    ":1:2:3:4:5:6:7:8",
    ":1::",
    "::1:",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    ":::",
    "::",
    ":",
    "1:2:3:4:5:6:1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::1.2.3.4:",
    "1.2.3.4::",
    "::ffff:1.2.3.4",
    "1:2:3:4:5:6:7:8\u0000",
    "10.1.9.40\u0000",
    "\u00001.2.3.4",
    "1.2.3.4 ",
    "::1/128"
  };

  @Test
  void everyIpTheJavaCheckAcceptsIsAnInetWithoutPrefixForPostgres() throws Exception {
    List<String> candidates = new ArrayList<>(List.of(ODD_IPS));
    Random random = new Random(14);
    String[] parts = {"", "0", "1", "ff", "abcd", "12345", "1.2.3.4", "256.1.1.1"};
    for (int i = 0; i < 4000; i++) {
      StringBuilder text = new StringBuilder();
      int groups = random.nextInt(11);
      for (int g = 0; g < groups; g++) {
        text.append(random.nextInt(5) == 0 ? "::" : ":")
            .append(parts[random.nextInt(parts.length)]);
      }
      String candidate =
          random.nextBoolean() ? text.substring(Math.min(1, text.length())) : text.toString();
      candidates.add(random.nextInt(6) == 0 ? candidate + ":" : candidate);
    }
    try (TestDatabase db = new TestDatabase("addresses");
        Connection c = db.connect()) {
      for (String candidate : candidates) {
        if (Addresses.ip(candidate) == null) {
          assertTrue(
              isInetWithoutPrefix(c, candidate),
              "accepted but refused by PostgreSQL: " + candidate);
        }
      }
      for (String candidate :
          new String[] {
            "00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e", "001a2b3c4d5e"
          }) {
        assertTrue(
            Addresses.mac(candidate) == null && castable(c, candidate, "macaddr"), candidate);
      }
    }
  }

  private static boolean isInetWithoutPrefix(Connection c, String text) {
    return castable(c, text, "inet") && !text.contains("/");
  }

  private static boolean castable(Connection c, String text, String type) {
    try (PreparedStatement statement = c.prepareStatement("SELECT ?::" + type)) {
      statement.setString(1, text);
      statement.executeQuery().close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
