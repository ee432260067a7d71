package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.domain.DomainDatabase;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.notices.Notices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A new object's admin form starts as the database would make the row: every yes/no, choice and
 * number field the form writes holds its column's default, so that a box left as it is shown does
 * not turn a default of yes into no (a notice's visible, a user's active).
 */
class AdminInitialValuesTest {
  private static final Set<Kind> DEFAULTED = EnumSet.of(Kind.BOOL, Kind.CHOICE, Kind.INT);

  @Test
  void eachAddFormStartsWithTheColumnsDefault() throws Exception {
    List<AdminDeskService.Served> served = new ArrayList<>(Catalog.SERVED);
    served.addAll(LiveCatalog.SERVED);
    try (DomainDatabase db = new DomainDatabase();
        Connection c = db.connect()) {
      for (AdminDeskService.Served s : served) {
        for (Field field : s.model().fields()) {
          if (field.writable() && DEFAULTED.contains(field.kind())) {
            String columnDefault = columnDefault(c, s.model().table(), field.column());
            assertEquals(
                initial(field.kind(), columnDefault),
                s.admin().field(field.name()).orElseThrow().initial(),
                s.model().name() + "." + field.name() + ", column default " + columnDefault);
          }
        }
      }
    }
    assertEquals(
        "true",
        Catalog.SERVED.stream()
            .filter(s -> s.model() == Notices.MODEL)
            .findFirst()
            .orElseThrow()
            .admin()
            .field("visible")
            .orElseThrow()
            .initial(),
        "a notice is visible unless unticked");
  }

  /** What the form holds for a column's default: none for no default or an unticked box. */
  private static String initial(Kind kind, String columnDefault) {
    if (columnDefault == null || (kind == Kind.BOOL && columnDefault.equals("false"))) {
      return null;
    }
    // 'new'::character varying, 2, true
    String value = columnDefault.replaceFirst("::[a-z ]+$", "");
    return value.startsWith("'") ? value.substring(1, value.length() - 1) : value;
  }

  private static String columnDefault(Connection c, String table, String column)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT column_default FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?")) {
      s.setString(1, table);
      s.setString(2, column.replace("\"", ""));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new AssertionError("no column " + table + "." + column);
        }
        return r.getString(1);
      }
    }
  }
}
