package cores.web.account;

import cores.api.accounts.CalendarFeeds;
import cores.api.accounts.Profile;
import cores.api.accounts.Tokens;
import cores.web.Form;
import cores.web.Times;
import java.util.List;

/**
 * What the pages of one's own account show: the tab that is open, its form, and what the tab needs.
 *
 * @param tab {@code profile}, {@code password}, {@code tokens} or {@code calendar}
 * @param profile the user's profile (profile and password tabs)
 * @param directory where the password lives for users without a local one ("LDAP"), else null
 * @param mailed whether this Cores sends email (profile tab): else it offers no reminder emails
 * @param tokens the user's API tokens (tokens tab)
 * @param feed the user's calendar feed, null when there is none (calendar tab)
 * @param secret a new token's key or calendar address, shown this once; else null
 */
public record AccountView(
    String tab,
    Form form,
    String csrfToken,
    Times times,
    Profile profile,
    String directory,
    boolean mailed,
    List<Tokens.Token> tokens,
    CalendarFeeds.Feed feed,
    String secret) {

  /** One tab of the account pages. */
  public record Tab(String id, String href, String label) {}

  /** The tabs, in order. */
  public static final List<Tab> TABS =
      List.of(
          new Tab("profile", "/profile", "Profile"),
          new Tab("password", "/profile/password", "Password"),
          new Tab("tokens", "/profile/tokens", "API tokens"),
          new Tab("calendar", "/profile/calendar", "Calendar"));

  static AccountView of(String tab, Form form, String csrfToken, Times times) {
    return new AccountView(tab, form, csrfToken, times, null, null, false, List.of(), null, null);
  }

  AccountView withProfile(Profile value, String where, boolean sends) {
    return new AccountView(tab, form, csrfToken, times, value, where, sends, tokens, feed, secret);
  }

  AccountView withTokens(List<Tokens.Token> value, String key) {
    return new AccountView(
        tab, form, csrfToken, times, profile, directory, mailed, value, feed, key);
  }

  AccountView withFeed(CalendarFeeds.Feed value, String address) {
    return new AccountView(
        tab, form, csrfToken, times, profile, directory, mailed, tokens, value, address);
  }
}
