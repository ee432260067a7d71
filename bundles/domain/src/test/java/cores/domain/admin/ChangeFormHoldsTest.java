package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk.Hold;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A host's or bookable's change form that takes the bookable out of active names the bookings
 * ahead, as the bulk actions do: the same rule, asked with the form's status.
 */
class ChangeFormHoldsTest extends AdminDeskTest {
  private static final Instant DEC_24 = Instant.parse("2099-12-24T10:00:00Z");

  @Override
  String staffName() {
    return "formholds";
  }

  @Override
  Set<String> permissions() {
    return Set.of(Models.HOST.permission("view"), Bookables.MODEL.permission("view"));
  }

  @Test
  void aStatusLeavingActiveOnTheChangeFormNamesTheBookingsAhead() throws Exception {
    long bookable = fixture.bookable("form-held", Bookables.ACTIVE);
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    User plain = db.user("formplain", false, Set.of());
    long booking = fixture.booking(bookable, plain.id(), DEC_24, DEC_24.plus(Duration.ofDays(1)));

    List<Hold> hostMissing =
        admin.affected(staff, model("host"), host, Map.of("status", "missing"));
    assertEquals(
        List.of(
            new Hold(
                "booking", booking, "form-held", "formplain", DEC_24, DEC_24.plusSeconds(86400))),
        hostMissing);
    assertEquals(List.of(), admin.affected(staff, model("host"), host, Map.of("status", "active")));

    assertEquals(
        hostMissing,
        admin.affected(staff, model("bookable"), bookable, Map.of("status", "inactive")));
    assertEquals(
        List.of(),
        admin.affected(staff, model("bookable"), bookable, Map.of("status", Bookables.ACTIVE)));
    // nothing written by asking
    assertEquals(
        List.of("active"), db.texts("SELECT status FROM inventory_host WHERE id = " + host));
  }
}
