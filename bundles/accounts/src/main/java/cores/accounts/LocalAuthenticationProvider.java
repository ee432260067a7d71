package cores.accounts;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.api.persistence.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Checks passwords against the local password hashes; tried before any external provider. */
@Component(
    service = AuthenticationProvider.class,
    property = "service.ranking:Integer=" + LocalAuthenticationProvider.RANKING)
public final class LocalAuthenticationProvider implements AuthenticationProvider {
  static final String NAME = "local";
  static final int RANKING = 1000;

  private final Transactions tx;
  private final PasswordHasher hasher;
  private final VerifiedPasswords verified;

  @Activate
  public LocalAuthenticationProvider(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx) {
    this(tx, new PasswordHasher(new SecureRandom()));
  }

  LocalAuthenticationProvider(Transactions tx, PasswordHasher hasher) {
    this(tx, hasher, new VerifiedPasswords(new SecureRandom(), Clock.systemUTC()));
  }

  LocalAuthenticationProvider(Transactions tx, PasswordHasher hasher, VerifiedPasswords verified) {
    this.tx = tx;
    this.hasher = hasher;
    this.verified = verified;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    if (username == null || username.isEmpty() || password == null || password.length == 0) {
      return Optional.empty();
    }
    Optional<Stored> stored = lookUp(username);
    if (stored.isEmpty() || !PasswordHasher.usable(stored.get().hash())) {
      // unknown users and users without a local password take as long as a wrong password
      hasher.verifyDummy(password);
      return Optional.empty();
    }
    Stored user = stored.get();
    if (verified.remembered(user.id(), password, user.hash())) {
      return Optional.of(Identity.of(NAME, user.username()));
    }
    if (!hasher.verify(password, user.hash())) {
      return Optional.empty();
    }
    String hash = user.hash();
    if (hasher.needsRehash(hash)) {
      hash = hasher.hash(password);
      rehash(user, hash);
    }
    verified.remember(user.id(), password, hash);
    return Optional.of(Identity.of(NAME, user.username()));
  }

  private Optional<Stored> lookUp(String username) throws AuthenticationUnavailableException {
    try {
      return tx.readOnly(
          em ->
              UserMapping.byUsername(em, username)
                  .map(u -> new Stored(u.id(), u.username(), u.password())));
    } catch (RuntimeException e) {
      throw new AuthenticationUnavailableException("the user database is unavailable", e);
    }
  }

  /** Replaces an old hash, unless the password was changed meanwhile. */
  private void rehash(Stored user, String newHash) {
    tx.required(
        em ->
            em.createQuery(
                    "update UserEntity u set u.password = :new where u.id = :id and u.password = :old")
                .setParameter("new", newHash)
                .setParameter("id", user.id())
                .setParameter("old", user.hash())
                .executeUpdate());
  }

  /** What the check needs of a user, read in one short transaction. */
  private record Stored(long id, String username, String hash) {}
}
