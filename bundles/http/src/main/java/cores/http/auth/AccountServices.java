package cores.http.auth;

import cores.api.accounts.Sessions;
import cores.api.accounts.Tokens;
import cores.api.auth.Authenticator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The account services another bundle provides, as they come and go. Requests use whatever is bound
 * at that moment; with nothing bound they are anonymous and credentials are answered with 503.
 * Unbinding compares with the bound service because a greedy replacement binds the new service
 * before it unbinds the old one.
 */
public final class AccountServices {
  private final AtomicReference<Tokens> tokens = new AtomicReference<>();
  private final AtomicReference<Sessions> sessions = new AtomicReference<>();
  private final AtomicReference<Authenticator> authenticator = new AtomicReference<>();

  public Optional<Tokens> tokens() {
    return Optional.ofNullable(tokens.get());
  }

  public Optional<Sessions> sessions() {
    return Optional.ofNullable(sessions.get());
  }

  public Optional<Authenticator> authenticator() {
    return Optional.ofNullable(authenticator.get());
  }

  public void bindTokens(Tokens service) {
    tokens.set(service);
  }

  public void unbindTokens(Tokens service) {
    tokens.compareAndSet(service, null);
  }

  public void bindSessions(Sessions service) {
    sessions.set(service);
  }

  public void unbindSessions(Sessions service) {
    sessions.compareAndSet(service, null);
  }

  public void bindAuthenticator(Authenticator service) {
    authenticator.set(service);
  }

  public void unbindAuthenticator(Authenticator service) {
    authenticator.compareAndSet(service, null);
  }
}
