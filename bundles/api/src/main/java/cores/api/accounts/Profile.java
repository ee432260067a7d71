package cores.api.accounts;

/**
 * What users see and change of their own account on their profile page.
 *
 * @param receiveReminders whether they want reminder emails (confirmations are always sent)
 * @param localPassword whether they have a usable Cores password; users that log in through LDAP or
 *     Kerberos have none, their password lives in that directory
 */
public record Profile(
    long userId,
    String username,
    String firstName,
    String lastName,
    String email,
    boolean receiveReminders,
    boolean localPassword) {}
