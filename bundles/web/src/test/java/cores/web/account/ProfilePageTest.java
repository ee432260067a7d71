package cores.web.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Profile;
import cores.web.Form;
import cores.web.Rendered;
import cores.web.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The profile offers reminder emails only on a Cores that sends email; on one that sends none it
 * says so, as the password reset page does, naming the choice kept for when it does.
 */
class ProfilePageTest {
  private static final Profile ANN =
      new Profile(4, "ann", "Ann", "Lee", "ann@example.org", true, true);

  private static String page(boolean mailed) {
    Form form = Form.of(Map.of("email", ANN.email(), "receive_reminders", "on"));
    AccountView view =
        AccountView.of(
                "profile",
                form,
                "token",
                new Times(ZoneId.of("Europe/Zurich"), Instant.parse("2026-12-07T09:00:00Z")))
            .withProfile(ANN, null, mailed);
    return Rendered.page("account/profile.jte", "Your profile", "/profile", view);
  }

  @Test
  void withoutEmailNoReminderEmailsAreOfferedAndTheKeptChoiceIsNamed() {
    String page = page(false);
    assertFalse(page.contains("name=\"receive_reminders\""), page);
    assertFalse(page.contains("Send me reminder emails"), page);
    assertTrue(
        page.contains(
            "This Cores sends no email, so it sends you no reminders. Your choice is kept for"
                + " when it does: reminder emails on."),
        page);
  }

  @Test
  void withEmailTheBoxIsOffered() {
    String page = page(true);
    assertTrue(page.contains("name=\"receive_reminders\""), page);
    assertTrue(page.contains("Send me reminder emails"), page);
    assertFalse(page.contains("sends no email"), page);
  }
}
