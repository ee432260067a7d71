package cores.http.auth;

import cores.api.accounts.Accounts;
import cores.api.accounts.Impersonation;
import cores.api.accounts.Sessions;
import cores.api.accounts.Tokens;
import cores.api.auth.Authenticator;
import cores.api.auth.HttpAuthenticationScheme;
import cores.api.changes.ChangeLog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The account services another bundle provides, as they come and go. Requests use whatever is bound
 * at that moment; with nothing bound they are anonymous and credentials are answered with 503.
 * Unbinding compares with the bound service because a greedy replacement binds the new service
 * before it unbinds the old one. The change log comes and goes the same way. Authentication schemes
 * of other bundles (e.g. SPNEGO) come and go the same way; several may be bound at once. One
 * component of the bundle tracks them, and the server and the login/logout resources share it.
 */
@Component(service = AccountServices.class)
public final class AccountServices {
  private final AtomicReference<Tokens> tokens = new AtomicReference<>();
  private final AtomicReference<Sessions> sessions = new AtomicReference<>();
  private final AtomicReference<Authenticator> authenticator = new AtomicReference<>();
  private final AtomicReference<Accounts> accounts = new AtomicReference<>();
  private final AtomicReference<Impersonation> impersonation = new AtomicReference<>();
  private final AtomicReference<ChangeLog> changes = new AtomicReference<>();
  private final List<HttpAuthenticationScheme> schemes = new CopyOnWriteArrayList<>();

  public Optional<Tokens> tokens() {
    return Optional.ofNullable(tokens.get());
  }

  public Optional<Sessions> sessions() {
    return Optional.ofNullable(sessions.get());
  }

  public Optional<Authenticator> authenticator() {
    return Optional.ofNullable(authenticator.get());
  }

  public Optional<Accounts> accounts() {
    return Optional.ofNullable(accounts.get());
  }

  public Optional<Impersonation> impersonation() {
    return Optional.ofNullable(impersonation.get());
  }

  /** The change log, to which requests tell who acts. */
  public Optional<ChangeLog> changes() {
    return Optional.ofNullable(changes.get());
  }

  /** The bound scheme of this name (ignoring case), the first bound one if there are several. */
  public Optional<HttpAuthenticationScheme> scheme(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return schemes.stream()
        .filter(s -> s.scheme().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  /** Names of the bound schemes, for challenges. */
  public List<String> schemeNames() {
    return schemes.stream().map(HttpAuthenticationScheme::scheme).distinct().toList();
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindTokens(Tokens service) {
    tokens.set(service);
  }

  public void unbindTokens(Tokens service) {
    tokens.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindSessions(Sessions service) {
    sessions.set(service);
  }

  public void unbindSessions(Sessions service) {
    sessions.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindAuthenticator(Authenticator service) {
    authenticator.set(service);
  }

  public void unbindAuthenticator(Authenticator service) {
    authenticator.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindAccounts(Accounts service) {
    accounts.set(service);
  }

  public void unbindAccounts(Accounts service) {
    accounts.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindImpersonation(Impersonation service) {
    impersonation.set(service);
  }

  public void unbindImpersonation(Impersonation service) {
    impersonation.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindChanges(ChangeLog service) {
    changes.set(service);
  }

  public void unbindChanges(ChangeLog service) {
    changes.compareAndSet(service, null);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  public void bindScheme(HttpAuthenticationScheme service) {
    schemes.add(service);
  }

  public void unbindScheme(HttpAuthenticationScheme service) {
    schemes.remove(service);
  }
}
